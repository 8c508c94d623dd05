package dev.mqttstack.admin.publish;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** REST endpoint that publishes a message through the hosted broker; ADMIN only. */
@RestController
@RequestMapping("/api/v1/publish")
@Tag(name = "Publish", description = "Publish a message through the hosted broker, as a client would")
public class PublishController {

	private final PublishService publisher;

	public PublishController(PublishService publisher) {
		this.publisher = publisher;
	}

	@PostMapping
	@Operation(summary = "Publish a message",
			description = "Routed like a client's PUBLISH (retained, queued for offline sessions, subscribers' read "
					+ "ACLs apply) with publisher identity $api/<admin name>; publish ACLs do not apply to this "
					+ "ADMIN action. Audited.")
	@ApiResponse(responseCode = "200", description = "Published; how many sessions it went to")
	@ApiResponse(responseCode = "400", description = "A field is invalid; the problem names it")
	@ApiResponse(responseCode = "403", description = "Not an ADMIN")
	@ApiResponse(responseCode = "503", description = "The broker is not running")
	PublishResponse publish(@Valid @RequestBody PublishRequest request) {
		return this.publisher.publish(request);
	}

}
