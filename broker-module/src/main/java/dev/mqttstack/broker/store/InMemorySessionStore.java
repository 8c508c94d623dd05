package dev.mqttstack.broker.store;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * {@link SessionStore} held in memory: persistent sessions survive a stop and start of
 * the broker in the same JVM.
 */
public final class InMemorySessionStore implements SessionStore {

	private final ConcurrentMap<String, SessionState> sessions = new ConcurrentHashMap<>();

	@Override
	public Collection<SessionState> loadAll() {
		return List.copyOf(this.sessions.values());
	}

	@Override
	public void save(SessionState state) {
		this.sessions.put(state.clientId(), state);
	}

	@Override
	public void remove(String clientId) {
		this.sessions.remove(clientId);
	}

}
