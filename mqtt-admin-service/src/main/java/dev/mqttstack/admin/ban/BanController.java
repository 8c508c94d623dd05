package dev.mqttstack.admin.ban;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.mqttstack.admin.web.PageResponse;

/**
 * REST endpoints of bans at {@code /api/v1/banned}; VIEWER may read, ADMIN may also ban
 * and lift bans.
 */
@RestController
@RequestMapping("/api/v1/banned")
@Tag(name = "Bans",
		description = "Clients banned by client identifier, user name or address (IP or CIDR), with an optional "
				+ "expiry: refused at CONNECT with 0x8A (MQTT 3.1.1: 5) and disconnected at once when connected")
public class BanController {

	private final BanService bans;

	public BanController(BanService bans) {
		this.bans = bans;
	}

	@GetMapping
	@Operation(summary = "List bans", description = "Bans by id; expired ones are listed as not active")
	@ApiResponse(responseCode = "200", description = "One page of bans")
	PageResponse<BanResponse> list(@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(500) int size) {
		return this.bans.list(page, size);
	}

	@PostMapping
	@Operation(summary = "Ban a client",
			description = "Refuses matching CONNECTs from now on and disconnects matching connected clients")
	@ApiResponse(responseCode = "201", description = "The ban, at the Location header")
	@ApiResponse(responseCode = "400", description = "A field is invalid; the problem names it")
	@ApiResponse(responseCode = "409", description = "The same kind and value is already banned")
	ResponseEntity<BanResponse> create(@Valid @RequestBody BanRequest request) {
		BanResponse ban = this.bans.create(request);
		return ResponseEntity.created(URI.create("/api/v1/banned/" + ban.id())).body(ban);
	}

	@GetMapping("/{id}")
	@Operation(summary = "Get a ban")
	@ApiResponse(responseCode = "200", description = "The ban")
	@ApiResponse(responseCode = "404", description = "No such ban")
	BanResponse get(@PathVariable long id) {
		return this.bans.get(id);
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Lift a ban", description = "Matching clients may connect again at once")
	@ApiResponse(responseCode = "204", description = "Lifted")
	@ApiResponse(responseCode = "404", description = "No such ban")
	void delete(@PathVariable long id) {
		this.bans.delete(id);
	}

}
