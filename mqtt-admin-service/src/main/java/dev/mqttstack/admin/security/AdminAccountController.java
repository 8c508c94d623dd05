package dev.mqttstack.admin.security;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** REST endpoints of admin accounts at {@code /api/v1/admins}; ADMIN only. */
@RestController
@RequestMapping("/api/v1/admins")
public class AdminAccountController {

	private final AdminAccountService accounts;

	public AdminAccountController(AdminAccountService accounts) {
		this.accounts = accounts;
	}

	@GetMapping
	List<AdminRequests.View> list() {
		return this.accounts.list().stream().map(AdminRequests.View::of).toList();
	}

	@PostMapping
	ResponseEntity<AdminRequests.View> create(@Valid @RequestBody AdminRequests.Create request) {
		AdminAccount account = this.accounts.create(request);
		return ResponseEntity.created(URI.create("/api/v1/admins/" + account.username()))
			.body(AdminRequests.View.of(account));
	}

	@GetMapping("/{username}")
	AdminRequests.View get(@PathVariable String username) {
		return AdminRequests.View.of(this.accounts.get(username));
	}

	@PatchMapping("/{username}")
	AdminRequests.View update(@PathVariable String username, @Valid @RequestBody AdminRequests.Update request) {
		return AdminRequests.View.of(this.accounts.update(username, request));
	}

	@DeleteMapping("/{username}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable String username) {
		this.accounts.delete(username);
	}

}
