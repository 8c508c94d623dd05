package dev.mqttstack.broker.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.event.BrokerEvents;
import dev.mqttstack.broker.event.DisconnectReason;

import static org.awaitility.Awaitility.await;

/**
 * Records connections, subscriptions and disconnections, so that tests can wait for the
 * broker to see what a client did.
 */
public final class RecordingEvents implements BrokerEvents {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final List<Connected> connections = new CopyOnWriteArrayList<>();

	private final List<Subscribed> subscriptions = new CopyOnWriteArrayList<>();

	private final List<Disconnected> disconnections = new CopyOnWriteArrayList<>();

	@Override
	public void clientConnected(ClientInfo client, boolean sessionPresent) {
		this.connections.add(new Connected(client, sessionPresent));
	}

	@Override
	public void subscribed(ClientInfo client, String topicFilter, int grantedQos) {
		this.subscriptions.add(new Subscribed(client.clientId(), topicFilter, grantedQos));
	}

	@Override
	public void clientDisconnected(ClientInfo client, DisconnectReason reason) {
		this.disconnections.add(new Disconnected(client.clientId(), reason));
	}

	/** Waits until a client connected; returns its first connection. */
	public Connected awaitConnected(String clientId) {
		return await().atMost(TIMEOUT)
			.until(() -> this.connections.stream().filter((c) -> c.client().clientId().equals(clientId)).toList(),
					(found) -> !found.isEmpty())
			.get(0);
	}

	/** Every recorded connection of a client, oldest first. */
	public List<Connected> connections(String clientId) {
		return this.connections.stream().filter((c) -> c.client().clientId().equals(clientId)).toList();
	}

	/** Waits until a client subscribed to a filter; returns the subscription. */
	public Subscribed awaitSubscribed(String clientId, String topicFilter) {
		return await().atMost(TIMEOUT)
			.until(() -> this.subscriptions.stream()
				.filter((s) -> s.clientId().equals(clientId) && s.topicFilter().equals(topicFilter))
				.findFirst(), (found) -> found.isPresent())
			.get();
	}

	/** Waits until a client's connection ended; returns why. */
	public DisconnectReason awaitDisconnected(String clientId) {
		return await().atMost(TIMEOUT)
			.until(() -> this.disconnections.stream().filter((d) -> d.clientId().equals(clientId)).findFirst(),
					(found) -> found.isPresent())
			.get()
			.reason();
	}

	/** A successful CONNECT. */
	public record Connected(ClientInfo client, boolean sessionPresent) {
	}

	/** A granted subscription. */
	public record Subscribed(String clientId, String topicFilter, int grantedQos) {
	}

	/** An ended connection. */
	public record Disconnected(String clientId, DisconnectReason reason) {
	}

}
