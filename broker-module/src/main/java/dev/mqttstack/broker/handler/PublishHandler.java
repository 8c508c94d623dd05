package dev.mqttstack.broker.handler;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.event.DisconnectReason;
import dev.mqttstack.broker.event.DropReason;
import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.message.MessageProperties;
import dev.mqttstack.broker.protocol.Packets;
import dev.mqttstack.broker.session.MqttConnection;
import dev.mqttstack.broker.session.Session;
import dev.mqttstack.broker.subscription.TopicFilter;

/**
 * Handles the PUBLISH family: inbound PUBLISH (authorized, routed, acknowledged per its
 * QoS) and the acknowledgements of outbound deliveries (PUBACK, PUBREC, PUBREL, PUBCOMP).
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
			case PUBREC -> session.onPubRec(packetId(packet));
			case PUBCOMP -> session.onPubComp(packetId(packet));
			case PUBREL -> {
				int packetId = packetId(packet);
				session.onPubRel(packetId);
				connection.write(Packets.pubComp(packetId));
			}
			default -> ctx.fireChannelRead(msg);
		}
	}

	private void onPublish(MqttConnection connection, Session session, MqttPublishMessage publish) {
		String topic = publish.variableHeader().topicName();
		int qos = publish.fixedHeader().qosLevel().value();
		if (!TopicFilter.isValidTopicName(topic) || qos > 2) {
			logger.info("Client {} published to an invalid topic name or QoS, disconnecting.", connection);
			connection.close(DisconnectReason.PROTOCOL_ERROR);
			return;
		}
		ClientInfo client = connection.client();
		int packetId = publish.variableHeader().packetId();
		boolean retain = publish.fixedHeader().isRetain();
		Message message = new Message(topic, ByteBufUtil.getBytes(publish.payload()), qos, retain,
				MessageProperties.EMPTY, client.clientId(), System.currentTimeMillis());
		this.services.metrics().messageReceived();
		if (logger.isDebugEnabled()) {
			logger.debug("Received PUBLISH from {} (d{}, q{}, r{}, m{}, '{}', ... ({} bytes))", client.clientId(),
					publish.fixedHeader().isDup() ? 1 : 0, qos, retain ? 1 : 0, packetId, topic,
					message.payload().length);
		}
		boolean firstDelivery = qos < 2 || session.receiveQos2(packetId);
		if (firstDelivery) {
			if (this.services.authorizer().canPublish(client, topic, qos, retain)) {
				this.services.router().publish(message);
			}
			else {
				logger.debug("Denied PUBLISH from {} to '{}'", client.clientId(), topic);
				this.services.metrics().messageDropped();
				this.services.events().messageDropped(client.clientId(), message, DropReason.PUBLISH_NOT_AUTHORIZED);
			}
		}
		if (qos == 1) {
			connection.write(Packets.pubAck(packetId));
		}
		else if (qos == 2) {
			connection.write(Packets.pubRec(packetId));
		}
	}

	private static int packetId(MqttMessage packet) {
		return ((MqttMessageIdVariableHeader) packet.variableHeader()).messageId();
	}

}
