package dev.mqttstack.admin.user;

import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.mqttstack.admin.audit.AuditLog;
import dev.mqttstack.admin.web.PageResponse;

/**
 * Service that manages MQTT users: hashes passwords and announces changes that must reach
 * connected clients.
 */
@Service
public class MqttUserService {

	private final MqttUserRepository users;

	private final MosquittoPasswordHasher hasher;

	private final ApplicationEventPublisher events;

	private final AuditLog audit;

	public MqttUserService(MqttUserRepository users, MosquittoPasswordHasher hasher, ApplicationEventPublisher events,
			AuditLog audit) {
		this.users = users;
		this.hasher = hasher;
		this.events = events;
		this.audit = audit;
	}

	@Transactional
	public MqttUser create(CreateUserRequest request) {
		String hash = this.hasher.hash(request.password());
		boolean superuser = Boolean.TRUE.equals(request.superuser());
		boolean enabled = !Boolean.FALSE.equals(request.enabled());
		if (!this.users.insert(request.username(), hash, superuser, enabled)) {
			throw new UserAlreadyExistsException(request.username());
		}
		MqttUser created = get(request.username());
		this.audit.record("user.create", "user", created.username(), null, UserResponse.of(created));
		return created;
	}

	@Transactional(readOnly = true)
	public MqttUser get(String username) {
		return this.users.find(username).orElseThrow(() -> new UserNotFoundException(username));
	}

	@Transactional(readOnly = true)
	public PageResponse<UserResponse> list(String search, int page, int size) {
		String filter = (search == null || search.isBlank()) ? null : search;
		List<UserResponse> content = this.users.findPage(filter, page * size, size)
			.stream()
			.map(UserResponse::of)
			.toList();
		return PageResponse.of(content, page, size, this.users.count(filter));
	}

	/**
	 * Applies the fields present; a new password, disabling or a superuser change
	 * disconnects the user's clients once committed.
	 */
	@Transactional
	public MqttUser update(String username, UpdateUserRequest request) {
		MqttUser current = get(username);
		String hash = (request.password() != null) ? this.hasher.hash(request.password()) : current.passwordHash();
		boolean superuser = (request.superuser() != null) ? request.superuser() : current.superuser();
		boolean enabled = (request.enabled() != null) ? request.enabled() : current.enabled();
		this.users.update(new MqttUser(username, hash, superuser, enabled, current.createdAt(), null));
		boolean disconnect = request.password() != null || (current.enabled() && !enabled)
				|| superuser != current.superuser();
		this.events.publishEvent(new MqttUserChangedEvent(username, disconnect));
		MqttUser updated = get(username);
		this.audit.record("user.update", "user", username, UserResponse.of(current),
				UserResponse.Audited.of(updated, request.password() != null));
		return updated;
	}

	/** Deletes a user; their clients are disconnected once committed. */
	@Transactional
	public void delete(String username) {
		MqttUser current = get(username);
		if (!this.users.delete(username)) {
			throw new UserNotFoundException(username);
		}
		this.audit.record("user.delete", "user", username, UserResponse.of(current), null);
		this.events.publishEvent(new MqttUserChangedEvent(username, true));
	}

}
