package dev.mqttstack.broker.session;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

import dev.mqttstack.broker.SessionInfo;

/**
 * Taker of session snapshots for operators: each is read on its session's owner event
 * loop, like any other work on the session, so it is consistent and takes no lock.
 */
public final class SessionSnapshots {

	private SessionSnapshots() {
	}

	/**
	 * Takes a snapshot of a session on its owner event loop.
	 * @param session the session
	 * @return completes with the snapshot, or with {@code null} when the session ended
	 * before it was read
	 */
	public static CompletableFuture<SessionInfo> of(Session session) {
		CompletableFuture<SessionInfo> info = new CompletableFuture<>();
		try {
			session.execute(() -> info.complete(session.isRemoved() ? null : session.info()));
		}
		catch (RejectedExecutionException ex) {
			// the event loop is shutting down with the broker: the session is gone
			info.complete(null);
		}
		return info;
	}

	/**
	 * Takes snapshots of sessions, each on its own owner event loop, all at once.
	 * @param sessions the sessions
	 * @return completes with the snapshots of the sessions that still exist, sorted by
	 * client identifier
	 */
	public static CompletableFuture<List<SessionInfo>> of(Collection<Session> sessions) {
		List<CompletableFuture<SessionInfo>> snapshots = sessions.stream().map(SessionSnapshots::of).toList();
		return CompletableFuture.allOf(snapshots.toArray(new CompletableFuture[0]))
			.thenApply((done) -> snapshots.stream()
				.map(CompletableFuture::join)
				.filter(Objects::nonNull)
				.sorted(Comparator.comparing(SessionInfo::clientId))
				.toList());
	}

}
