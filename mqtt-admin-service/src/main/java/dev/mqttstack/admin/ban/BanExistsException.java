package dev.mqttstack.admin.ban;

import java.util.Map;

import org.springframework.http.HttpStatus;

import dev.mqttstack.admin.web.ApiException;
import dev.mqttstack.admin.web.ProblemTypes;

/** Error for a ban of a kind and value that is already stored. */
public class BanExistsException extends ApiException {

	public BanExistsException(Ban existing) {
		super(HttpStatus.CONFLICT, ProblemTypes.of("ban-already-exists"), "Ban already exists",
				"Ban " + existing.id() + " already bans " + existing.kind() + " " + existing.value(),
				Map.of("existingId", existing.id()));
	}

}
