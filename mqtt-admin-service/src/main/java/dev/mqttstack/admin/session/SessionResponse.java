package dev.mqttstack.admin.session;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import io.swagger.v3.oas.annotations.media.Schema;

import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.SessionInfo;

/**
 * A session as the API shows it; its subscriptions only when one session is asked for.
 *
 * @param clientId the client identifier
 * @param username the user the session belongs to: the user name it was created with,
 * kept across restarts
 * @param connected whether the client is connected now
 * @param peerAddress the address the client last connected from
 * @param protocolVersion the MQTT version the client last connected with
 * @param cleanStart the clean start (MQTT 3.1.1: clean session) flag of its last CONNECT
 * @param sessionExpiryInterval seconds the session outlives its connection
 * @param expiresAt when an offline session ends
 * @param connectedAt when the client last connected
 * @param disconnectedAt when the client last went offline
 * @param subscriptionCount how many subscriptions the session has
 * @param queuedMessages messages waiting to be sent to the client
 * @param queuedBytes payload bytes of the waiting messages
 * @param inflightMessages QoS 1/2 messages sent and not yet acknowledged
 * @param subscriptions the subscriptions, in the single-session view only
 */
public record SessionResponse(@Schema(example = "sensor-17") String clientId,
		@Schema(description = "User the session belongs to (the user name it was created with; only that user's "
				+ "clients may resume it), kept across restarts; absent for clients without a user name",
				nullable = true) String username,
		boolean connected,
		@Schema(description = "Address the client last connected from", example = "192.0.2.10:50112",
				nullable = true) String peerAddress,
		@Schema(description = "MQTT version of the last CONNECT", allowableValues = {
				"3.1", "3.1.1", "5.0" }, nullable = true) String protocolVersion,
		@Schema(description = "Clean start (MQTT 3.1.1: clean session) flag of the last CONNECT",
				nullable = true) Boolean cleanStart,
		@Schema(description = "Seconds it outlives its connection: 0 not at all, -1 until removed") long sessionExpiryInterval,
		@Schema(description = "When the offline session ends; absent while connected or when it never expires",
				nullable = true) Instant expiresAt,
		@Schema(description = "When the client last connected; absent when not since the broker started",
				nullable = true) Instant connectedAt,
		@Schema(description = "When the client last went offline; absent while connected",
				nullable = true) Instant disconnectedAt,
		int subscriptionCount, int queuedMessages, long queuedBytes, int inflightMessages,
		@Schema(description = "Only when one session is asked for") @JsonInclude(Include.NON_NULL) List<SubscriptionResponse> subscriptions){

	/**
	 * The summary of a session, as lists show it.
	 * @param session the snapshot
	 * @return the response, without subscriptions
	 */
	static SessionResponse summary(SessionInfo session) {
		return of(session, null);
	}

	/**
	 * The full view of a session.
	 * @param session the snapshot
	 * @return the response, with subscriptions
	 */
	static SessionResponse details(SessionInfo session) {
		return of(session, session.subscriptionDetails().stream().map(SubscriptionResponse::of).toList());
	}

	private static SessionResponse of(SessionInfo session, List<SubscriptionResponse> subscriptions) {
		ClientInfo client = session.client();
		Instant expiresAt = (!session.connected() && session.disconnectedAt() != null
				&& session.expiryIntervalSeconds() > 0)
						? session.disconnectedAt().plusSeconds(session.expiryIntervalSeconds()) : null;
		String owner = (session.owner() != null) ? session.owner() : (client != null) ? client.username() : null;
		return new SessionResponse(session.clientId(), owner, session.connected(),
				(client != null) ? address(client.remoteAddress()) : null,
				(client != null) ? protocolName(client.protocolVersion()) : null,
				(client != null) ? client.cleanSession() : null, session.expiryIntervalSeconds(), expiresAt,
				session.connectedAt(), session.disconnectedAt(), session.subscriptionDetails().size(),
				session.queuedMessages(), session.queuedBytes(), session.inflightMessages(), subscriptions);
	}

	private static String address(InetSocketAddress address) {
		if (address == null) {
			return null;
		}
		if (address.getAddress() == null) {
			return address.getHostString() + ":" + address.getPort();
		}
		String host = address.getAddress().getHostAddress();
		return ((address.getAddress() instanceof Inet6Address) ? "[" + host + "]" : host) + ":" + address.getPort();
	}

	private static String protocolName(int level) {
		return switch (level) {
			case 3 -> "3.1";
			case 4 -> "3.1.1";
			case 5 -> "5.0";
			default -> String.valueOf(level);
		};
	}

}
