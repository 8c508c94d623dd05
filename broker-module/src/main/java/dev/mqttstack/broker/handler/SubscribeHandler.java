package dev.mqttstack.broker.handler;

import java.util.ArrayList;
import java.util.List;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.event.DisconnectReason;
import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.protocol.Packets;
import dev.mqttstack.broker.session.MqttConnection;
import dev.mqttstack.broker.session.Session;
import dev.mqttstack.broker.subscription.TopicFilter;

/**
 * Handles SUBSCRIBE (validated, authorized, answered with SUBACK, then the matching
 * retained messages) and UNSUBSCRIBE.
 */
@Sharable
public final class SubscribeHandler extends ChannelInboundHandlerAdapter {

	private static final Logger logger = LoggerFactory.getLogger(SubscribeHandler.class);

	private static final int FAILURE = 0x80;

	private final BrokerServices services;

	public SubscribeHandler(BrokerServices services) {
		this.services = services;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (msg instanceof MqttSubscribeMessage subscribe) {
			onSubscribe(MqttConnection.of(ctx.channel()), subscribe);
		}
		else if (msg instanceof MqttUnsubscribeMessage unsubscribe) {
			onUnsubscribe(MqttConnection.of(ctx.channel()), unsubscribe);
		}
		else {
			ctx.fireChannelRead(msg);
		}
	}

	private void onSubscribe(MqttConnection connection, MqttSubscribeMessage subscribe) {
		List<MqttTopicSubscription> requested = subscribe.payload().topicSubscriptions();
		if (requested.isEmpty()) {
			logger.info("Client {} sent SUBSCRIBE without topics, disconnecting.", connection);
			connection.close(DisconnectReason.PROTOCOL_ERROR);
			return;
		}
		ClientInfo client = connection.client();
		Session session = connection.session();
		List<Integer> codes = new ArrayList<>(requested.size());
		List<MqttTopicSubscription> granted = new ArrayList<>(requested.size());
		for (MqttTopicSubscription subscription : requested) {
			String filter = subscription.topicFilter();
			int qos = Math.min(subscription.qualityOfService().value(), 2);
			if (!TopicFilter.isValidFilter(filter) || !this.services.authorizer().canSubscribe(client, filter, qos)) {
				logger.debug("Refused subscription of {} to '{}'", client.clientId(), filter);
				codes.add(FAILURE);
				continue;
			}
			session.subscribe(filter, qos);
			codes.add(qos);
			granted.add(subscription);
			logger.debug("{} {} {}", client.clientId(), qos, filter);
			this.services.events().subscribed(client, filter, qos);
		}
		connection.write(Packets.subAck(subscribe.variableHeader().messageId(), codes));
		for (MqttTopicSubscription subscription : granted) {
			int grantedQos = Math.min(subscription.qualityOfService().value(), 2);
			for (Message retained : this.services.retained().match(subscription.topicFilter())) {
				if (this.services.authorizer().canReceive(client, retained.topic())) {
					session.deliver(retained, Math.min(retained.qos(), grantedQos), true, null);
				}
			}
		}
	}

	private void onUnsubscribe(MqttConnection connection, MqttUnsubscribeMessage unsubscribe) {
		Session session = connection.session();
		for (String filter : unsubscribe.payload().topics()) {
			if (session.unsubscribe(filter)) {
				this.services.events().unsubscribed(connection.client(), filter);
			}
		}
		connection.write(Packets.unsubAck(unsubscribe.variableHeader().messageId()));
	}

}
