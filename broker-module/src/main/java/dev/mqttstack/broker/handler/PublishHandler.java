package dev.mqttstack.broker.handler;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.ReasonCode;
import dev.mqttstack.broker.event.DisconnectReason;
import dev.mqttstack.broker.event.DropReason;
import dev.mqttstack.broker.event.Limit;
import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.message.MessageProperties;
import dev.mqttstack.broker.protocol.MessagePropertiesMapper;
import dev.mqttstack.broker.protocol.Packets;
import dev.mqttstack.broker.connection.MqttConnection;
import dev.mqttstack.broker.session.Session;
import dev.mqttstack.broker.subscription.TopicFilter;

/**
 * Handles the PUBLISH family: inbound PUBLISH (topic alias resolved, authorized, routed,
 * acknowledged per its QoS with an MQTT 5 reason code) and the acknowledgements of
 * outbound deliveries (PUBACK, PUBREC, PUBREL, PUBCOMP).
 */
@Sharable
public final class PublishHandler extends ChannelInboundHandlerAdapter {

	private static final Logger logger = LoggerFactory.getLogger(PublishHandler.class);

	private final BrokerServices services;

	public PublishHandler(BrokerServices services) {
		this.services = services;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		MqttMessage packet = (MqttMessage) msg;
		MqttConnection connection = MqttConnection.of(ctx.channel());
		Session session = connection.session();
		switch (packet.fixedHeader().messageType()) {
			case PUBLISH -> {
				try {
					onPublish(connection, session, (MqttPublishMessage) packet);
				}
				finally {
					ReferenceCountUtil.release(msg);
				}
			}
			case PUBACK -> session.onPubAck(packetId(packet));
			case PUBREC -> session.onPubRec(packetId(packet), isFailure(packet));
			case PUBCOMP -> session.onPubComp(packetId(packet));
			case PUBREL -> {
				int packetId = packetId(packet);
				session.onPubRel(packetId);
				// PUBCOMP once the store forgot the packet identifier, or a restart would
				// take its reuse for a duplicate; the message counts against the receive
				// maximum until then
				countedReply(connection, Packets.pubComp(packetId));
			}
			default -> ctx.fireChannelRead(msg);
		}
	}

	private void onPublish(MqttConnection connection, Session session, MqttPublishMessage publish) {
		String topic = resolveTopic(connection, publish);
		if (topic == null) {
			return;
		}
		int qos = publish.fixedHeader().qosLevel().value();
		if (!TopicFilter.isValidTopicName(topic) || qos > 2) {
			logger.info("Client {} published to an invalid topic name or QoS, disconnecting.", connection);
			connection.close(DisconnectReason.PROTOCOL_ERROR);
			return;
		}
		if (!TopicFilter.fits(topic, this.services.config().maxTopicLevels(),
				this.services.config().maxTopicLength())) {
			logger.info("Client {} published to a topic longer than {} bytes or deeper than {} levels, disconnecting.",
					connection, this.services.config().maxTopicLength(), this.services.config().maxTopicLevels());
			this.services.metrics().limitReached();
			this.services.events()
				.limitReached(Limit.MAX_TOPIC_SIZE, connection.clientId(), connection.channel().remoteAddress());
			connection.close(DisconnectReason.TOPIC_NAME_INVALID);
			return;
		}
		ClientInfo client = connection.client();
		int packetId = publish.variableHeader().packetId();
		boolean retain = publish.fixedHeader().isRetain();
		boolean mqtt5 = connection.isMqtt5();
		MessageProperties properties = mqtt5 ? MessagePropertiesMapper.fromWire(publish.variableHeader().properties())
				: MessageProperties.EMPTY;
		Message message = new Message(topic, ByteBufUtil.getBytes(publish.payload()), qos, retain, properties,
				client.clientId(), this.services.sessions().clock().millis());
		this.services.metrics().messageReceived();
		int maxPublishRate = this.services.config().maxPublishRate();
		if (maxPublishRate > 0) {
			connection.publishRate().take(maxPublishRate);
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Received PUBLISH from {} (d{}, q{}, r{}, m{}, '{}', ... ({} bytes))", client.clientId(),
					publish.fixedHeader().isDup() ? 1 : 0, qos, retain ? 1 : 0, packetId, topic,
					message.payload().length);
		}
		if (mqtt5 && qos > 0 && exceedsReceiveMaximum(connection, session, qos, packetId)) {
			logger.info("Client {} has more than the receive maximum of {} QoS 1/2 messages unacknowledged, "
					+ "disconnecting.", client.clientId(), this.services.config().receiveMaximum());
			this.services.metrics().limitReached();
			this.services.events()
				.limitReached(Limit.RECEIVE_MAXIMUM, client.clientId(), connection.channel().remoteAddress());
			connection.close(DisconnectReason.RECEIVE_MAXIMUM_EXCEEDED);
			return;
		}
		boolean firstDelivery = (qos != 2) || session.receiveQos2(packetId);
		ReasonCode outcome = firstDelivery ? route(connection, message) : ReasonCode.SUCCESS;
		if (qos == 1) {
			countedReply(connection, Packets.pubReply(MqttMessageType.PUBACK, packetId, outcome, mqtt5));
		}
		else if (qos == 2) {
			if (outcome.isFailure()) {
				session.onPubRel(packetId);
			}
			reply(connection, Packets.pubReply(MqttMessageType.PUBREC, packetId, outcome, mqtt5));
		}
	}

	/**
	 * Acknowledges once the session store holds what this PUBLISH made it keep: at once
	 * when it reached no persistent session.
	 */
	private void reply(MqttConnection connection, MqttMessage reply) {
		connection.durableAcks().reply(this.services.sessions().store(), () -> connection.write(reply));
	}

	/**
	 * Acknowledges as {@link #reply}, counting the packet it answers against the receive
	 * maximum until the acknowledgement is written.
	 */
	private void countedReply(MqttConnection connection, MqttMessage reply) {
		connection.inboundWindow().replyPending();
		connection.durableAcks().reply(this.services.sessions().store(), () -> {
			connection.inboundWindow().replyWritten();
			connection.write(reply);
		});
	}

	/**
	 * Whether a new inbound QoS 1/2 PUBLISH goes past the receive maximum the broker
	 * advertised (MQTT 5, 3.3.4): QoS 1 messages count until their PUBACK is written, QoS
	 * 2 ones until their PUBCOMP is; a re-sent QoS 2 PUBLISH is no new message.
	 */
	private boolean exceedsReceiveMaximum(MqttConnection connection, Session session, int qos, int packetId) {
		if (qos == 2 && session.hasInboundQos2(packetId)) {
			return false;
		}
		int unacknowledged = connection.inboundWindow().repliesPending() + session.inboundQos2Count();
		return unacknowledged >= this.services.config().receiveMaximum();
	}

	private ReasonCode route(MqttConnection connection, Message message) {
		ClientInfo client = connection.client();
		if (!message.payloadMatchesFormat()) {
			drop(client, message, DropReason.PAYLOAD_FORMAT_INVALID);
			return ReasonCode.PAYLOAD_FORMAT_INVALID;
		}
		if (!this.services.authorizer().canPublish(client, message)) {
			logger.debug("Denied PUBLISH from {} to '{}'", client.clientId(), message.topic());
			drop(client, message, DropReason.PUBLISH_NOT_AUTHORIZED);
			return ReasonCode.NOT_AUTHORIZED;
		}
		int delivered = this.services.router().publish(message, connection);
		return (delivered > 0) ? ReasonCode.SUCCESS : ReasonCode.NO_MATCHING_SUBSCRIBERS;
	}

	private void drop(ClientInfo client, Message message, DropReason reason) {
		this.services.metrics().messageDropped();
		this.services.events().messageDropped(client.clientId(), message, reason);
	}

	/**
	 * The topic of a PUBLISH, through its MQTT 5 topic alias; {@code null} after closing
	 * for a bad alias.
	 */
	private String resolveTopic(MqttConnection connection, MqttPublishMessage publish) {
		String topic = publish.variableHeader().topicName();
		if (!connection.isMqtt5()) {
			return topic;
		}
		Integer alias = MessagePropertiesMapper.integer(publish.variableHeader().properties(),
				MqttPropertyType.TOPIC_ALIAS);
		if (alias == null) {
			return topic;
		}
		if (alias == 0 || alias > this.services.config().topicAliasMaximum()) {
			logger.info("Client {} used topic alias {} outside 1..{}, disconnecting.", connection, alias,
					this.services.config().topicAliasMaximum());
			connection.close(DisconnectReason.TOPIC_ALIAS_INVALID);
			return null;
		}
		if (topic == null || topic.isEmpty()) {
			String known = connection.topicAliases().inbound(alias);
			if (known == null) {
				logger.info("Client {} used topic alias {} before setting it, disconnecting.", connection, alias);
				connection.close(DisconnectReason.PROTOCOL_ERROR);
			}
			return known;
		}
		connection.topicAliases().setInbound(alias, topic);
		return topic;
	}

	private static int packetId(MqttMessage packet) {
		return ((MqttMessageIdVariableHeader) packet.variableHeader()).messageId();
	}

	private static boolean isFailure(MqttMessage packet) {
		return packet.variableHeader() instanceof MqttPubReplyMessageVariableHeader reply
				&& (reply.reasonCode() & 0xFF) >= 0x80;
	}

}
