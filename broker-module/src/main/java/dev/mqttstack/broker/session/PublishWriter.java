package dev.mqttstack.broker.session;

import java.util.List;

import io.netty.buffer.ByteBuf;

import dev.mqttstack.broker.connection.MqttConnection;
import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.protocol.PublishEncoder;
import dev.mqttstack.broker.time.BrokerClock;

/**
 * The one place that decides how a PUBLISH leaves the broker for a subscriber: its
 * protocol version (MQTT 5 properties or none), QoS and packet identifier, DUP and retain
 * flags, the message's properties with the message expiry counted down, the subscription
 * identifiers that matched, and an outbound topic alias.
 * <p>
 * The fast paths are branches in here, never a second encoder elsewhere: a form shared by
 * every subscriber of a routed message (encoded once per QoS and protocol version, its
 * packet identifier patched in per subscriber), and a packet the channel's own encoder
 * writes when no size check is needed. Every branch encodes through
 * {@link PublishEncoder}, from the same wire properties.
 */
public final class PublishWriter {

	private PublishWriter() {
	}

	/**
	 * Whether a delivery can use the form of its message shared by every subscriber
	 * (retain 0, no DUP, no subscription identifiers); the router encodes that form only
	 * when it can.
	 * @param retain the retain flag of the delivery
	 * @param subscriptionIds the subscription identifiers of the delivery
	 * @return {@code true} when the shared form is exactly this delivery's PUBLISH
	 */
	public static boolean isShareable(boolean retain, List<Integer> subscriptionIds) {
		return !retain && subscriptionIds.isEmpty();
	}

	/**
	 * Encodes the form of a routed message shared by its subscribers of one QoS and
	 * protocol version.
	 * @param message the message
	 * @param qos the delivery QoS
	 * @param mqtt5 whether for MQTT 5 subscribers
	 * @param now the current time in epoch milliseconds, to count the message expiry down
	 * @return the encoded packet; the caller owns it
	 */
	public static ByteBuf encodeShared(Message message, int qos, boolean mqtt5, long now) {
		return PublishEncoder.encodeShared(message, qos, mqtt5, now);
	}

	/**
	 * Writes one PUBLISH to a connected client, unless it is larger than the client
	 * accepts. On the connection's event loop.
	 * @param connection the subscriber's connection
	 * @param message the message
	 * @param qos the delivery QoS
	 * @param retain the retain flag
	 * @param packetId the packet identifier, ignored for QoS 0
	 * @param dup the DUP flag
	 * @param ids the MQTT 5 subscription identifiers
	 * @param shared the shared form from {@link #encodeShared}, or {@code null};
	 * borrowed, not released
	 * @param sharedMqtt5 the protocol the shared form was encoded for: a client that
	 * reconnected with another protocol since it was routed gets its own encoding
	 * @param clock the time to count the message expiry down by, read only when encoding
	 * @return {@code false} when nothing was written because the packet is too large
	 */
	static boolean write(MqttConnection connection, Message message, int qos, boolean retain, int packetId, boolean dup,
			List<Integer> ids, ByteBuf shared, boolean sharedMqtt5, BrokerClock clock) {
		boolean mqtt5 = connection.isMqtt5();
		int alias = mqtt5 ? connection.outboundAlias(message.topic()) : 0;
		ByteBuf packet;
		if (alias != 0) {
			packet = PublishEncoder.encodeAliased(message, qos, retain, packetId, dup, ids, Math.abs(alias), alias > 0,
					clock.millis());
		}
		else if (shared != null && sharedMqtt5 == mqtt5 && !dup && isShareable(retain, ids)) {
			packet = (qos == 0) ? shared.retain()
					: PublishEncoder.withPacketId(shared.retain(), packetId, connection.channel().alloc());
		}
		else if (connection.maximumPacketSize() == Integer.MAX_VALUE) {
			// nothing to share and no size to check first: the channel's own encoder
			// writes it, which saves a copy
			connection.write(PublishEncoder.publish(message, qos, retain, packetId, dup, mqtt5, ids, clock.millis()));
			return true;
		}
		else {
			packet = PublishEncoder.encode(message, qos, retain, packetId, dup, mqtt5, ids, clock.millis());
		}
		if (packet.readableBytes() > connection.maximumPacketSize()) {
			packet.release();
			if (alias < 0) {
				connection.forgetNewOutboundAlias(message.topic());
			}
			return false;
		}
		connection.write(packet);
		return true;
	}

}
