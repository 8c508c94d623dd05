package dev.mqttstack.admin.user;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import dev.mqttstack.admin.web.ImportReport;
import dev.mqttstack.admin.web.PageResponse;

/** REST endpoints of MQTT users at {@code /api/v1/users}. */
@RestController
@RequestMapping("/api/v1/users")
public class MqttUserController {

	private final MqttUserService users;

	private final PasswordFileImporter importer;

	public MqttUserController(MqttUserService users, PasswordFileImporter importer) {
		this.users = users;
		this.importer = importer;
	}

	@PostMapping
	ResponseEntity<UserResponse> create(@Valid @RequestBody CreateUserRequest request) {
		MqttUser user = this.users.create(request);
		URI location = UriComponentsBuilder.fromPath("/api/v1/users/{username}")
			.buildAndExpand(user.username())
			.encode()
			.toUri();
		return ResponseEntity.created(location).body(UserResponse.of(user));
	}

	@GetMapping
	PageResponse<UserResponse> list(@RequestParam(required = false) String search,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(500) int size) {
		return this.users.list(search, page, size);
	}

	@GetMapping("/{username}")
	UserResponse get(@PathVariable String username) {
		return UserResponse.of(this.users.get(username));
	}

	@PatchMapping("/{username}")
	UserResponse update(@PathVariable String username, @Valid @RequestBody UpdateUserRequest request) {
		return UserResponse.of(this.users.update(username, request));
	}

	@DeleteMapping("/{username}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable String username) {
		this.users.delete(username);
	}

	@PostMapping(path = "/import", consumes = MediaType.TEXT_PLAIN_VALUE)
	ImportReport importPasswordFile(@RequestBody String passwordFile) {
		return this.importer.importFile(passwordFile);
	}

}
