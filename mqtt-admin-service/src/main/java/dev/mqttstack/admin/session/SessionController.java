package dev.mqttstack.admin.session;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.mqttstack.admin.web.PageResponse;

/** REST endpoints of the broker's MQTT sessions at {@code /api/v1/sessions}. */
@RestController
@RequestMapping("/api/v1/sessions")
@Tag(name = "Sessions", description = "MQTT sessions of the hosted broker, connected and offline")
public class SessionController {

	private final SessionService sessions;

	public SessionController(SessionService sessions) {
		this.sessions = sessions;
	}

	@GetMapping
	@Operation(summary = "List sessions",
			description = "Connected and offline sessions, sorted by client id, with their queue and in-flight counts")
	@ApiResponse(responseCode = "200", description = "One page of sessions")
	PageResponse<SessionResponse> list(
			@Parameter(description = "Only connected (true) or offline (false) sessions") @RequestParam(
					required = false) Boolean connected,
			@Parameter(description = "Only sessions whose client last connected with this user name") @RequestParam(
					required = false) String username,
			@Parameter(description = "Only client ids containing this text, ignoring case") @RequestParam(
					required = false) String clientId,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(500) int size) {
		return this.sessions.list(connected, blankToNull(username), blankToNull(clientId), page, size);
	}

	@GetMapping("/{clientId}")
	@Operation(summary = "Show a session", description = "The session with its subscriptions and their options")
	@ApiResponse(responseCode = "200", description = "The session")
	@ApiResponse(responseCode = "404", description = "No session for this client id")
	SessionResponse get(@PathVariable String clientId) {
		return this.sessions.get(clientId);
	}

	@PostMapping("/{clientId}/disconnect")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Disconnect a client",
			description = "Closes the client's connection (MQTT 5: DISCONNECT with reason 0x98, administrative action); "
					+ "a persistent session stays with its subscriptions and queued messages, a clean one ends")
	@ApiResponse(responseCode = "204", description = "The client is being disconnected")
	@ApiResponse(responseCode = "404", description = "No session for this client id")
	@ApiResponse(responseCode = "409", description = "The session's client is not connected")
	void disconnect(@PathVariable String clientId) {
		this.sessions.disconnect(clientId);
	}

	@DeleteMapping("/{clientId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Discard a session",
			description = "Disconnects the client if connected and discards the session with its subscriptions "
					+ "and queued messages; the client's next connect starts without a session")
	@ApiResponse(responseCode = "204", description = "The session is discarded")
	@ApiResponse(responseCode = "404", description = "No session for this client id")
	void discard(@PathVariable String clientId) {
		this.sessions.discard(clientId);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
