package dev.mqttstack.admin.session;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.springframework.stereotype.Service;

import dev.mqttstack.admin.audit.AuditLog;
import dev.mqttstack.admin.broker.ConnectedClients;
import dev.mqttstack.admin.web.PageResponse;
import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.SessionInfo;

/**
 * Service that shows and ends the hosted broker's sessions: snapshots are read on each
 * session's own event loop and awaited here, on the request thread, never on a loop.
 */
@Service
public class SessionService {

	/** How long a request waits for the event loops to answer. */
	private static final long TIMEOUT_SECONDS = 5;

	private final MqttBroker broker;

	private final ConnectedClients clients;

	private final AuditLog audit;

	public SessionService(MqttBroker broker, ConnectedClients clients, AuditLog audit) {
		this.broker = broker;
		this.clients = clients;
		this.audit = audit;
	}

	/**
	 * One page of the sessions that pass every filter given, sorted by client id.
	 * @param connected only connected ({@code true}) or offline ({@code false}) ones, or
	 * {@code null} for both
	 * @param username only those whose client last connected with this user name
	 * @param clientId only those whose client id contains this, ignoring case
	 * @param page the page, from 0
	 * @param size the page size
	 * @return the page
	 */
	public PageResponse<SessionResponse> list(Boolean connected, String username, String clientId, int page, int size) {
		String part = (clientId != null) ? clientId.toLowerCase(Locale.ROOT) : "";
		List<SessionInfo> matching = await(running().sessions((id) -> id.toLowerCase(Locale.ROOT).contains(part)))
			.stream()
			.filter(matches(connected, username))
			.toList();
		List<SessionResponse> content = matching.stream()
			.skip((long) page * size)
			.limit(size)
			.map(SessionResponse::summary)
			.toList();
		return PageResponse.of(content, page, size, matching.size());
	}

	private static Predicate<SessionInfo> matches(Boolean connected, String username) {
		return (session) -> (connected == null || session.connected() == connected) && (username == null
				|| (session.client() != null && Objects.equals(session.client().username(), username)));
	}

	/**
	 * One session with its subscriptions.
	 * @param clientId the client id
	 * @return the session
	 * @throws SessionNotFoundException when there is none
	 */
	public SessionResponse get(String clientId) {
		return SessionResponse.details(find(clientId));
	}

	/**
	 * Disconnects a session's client with reason "administrative action"; the session
	 * stays (a clean session ends with its connection, as MQTT says).
	 * @param clientId the client id
	 * @throws SessionNotFoundException when there is no session
	 * @throws ClientNotConnectedException when its client is offline
	 */
	public void disconnect(String clientId) {
		if (!running().hasSession(clientId)) {
			throw new SessionNotFoundException(clientId);
		}
		if (!this.clients.disconnect(clientId)) {
			throw new ClientNotConnectedException(clientId);
		}
		this.audit.record("session.disconnect", "session", clientId, null, null);
	}

	/**
	 * Discards a session with its subscriptions and queued messages, disconnecting its
	 * client first if connected.
	 * @param clientId the client id
	 * @throws SessionNotFoundException when there is none
	 */
	public void discard(String clientId) {
		if (!running().discardSession(clientId)) {
			throw new SessionNotFoundException(clientId);
		}
		this.audit.record("session.delete", "session", clientId, null, null);
	}

	private SessionInfo find(String clientId) {
		try {
			return running().session(clientId).orElseThrow(() -> new SessionNotFoundException(clientId));
		}
		catch (CompletionException ex) {
			throw unavailable(ex);
		}
	}

	private MqttBroker running() {
		if (!this.broker.isRunning()) {
			throw new BrokerUnavailableException("The MQTT broker is not running");
		}
		return this.broker;
	}

	private static <T> T await(CompletableFuture<T> future) {
		try {
			return future.orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
		}
		catch (CompletionException ex) {
			throw unavailable(ex);
		}
	}

	private static RuntimeException unavailable(CompletionException ex) {
		if (ex.getCause() instanceof TimeoutException) {
			return new BrokerUnavailableException(
					"The broker's event loops did not answer within " + TIMEOUT_SECONDS + " seconds");
		}
		return ex;
	}

}
