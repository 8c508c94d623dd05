package dev.mqttstack.broker.handler;

import java.util.ArrayList;
import java.util.List;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.ReasonCode;
import dev.mqttstack.broker.event.DisconnectReason;
import dev.mqttstack.broker.event.Limit;
import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.protocol.MessagePropertiesMapper;
import dev.mqttstack.broker.protocol.Packets;
import dev.mqttstack.broker.connection.MqttConnection;
import dev.mqttstack.broker.session.Session;
import dev.mqttstack.broker.subscription.SharedGroup;
import dev.mqttstack.broker.subscription.Subscription;
import dev.mqttstack.broker.subscription.TopicFilter;

/**
 * Handles SUBSCRIBE (validated, authorized, answered with SUBACK, then the matching
 * retained messages as the MQTT 5 retain handling option says) and UNSUBSCRIBE.
 */
@Sharable
public final class SubscribeHandler extends ChannelInboundHandlerAdapter {

	private static final Logger logger = LoggerFactory.getLogger(SubscribeHandler.class);

	/** The MQTT 3.1.1 SUBACK failure return code. */
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
		boolean mqtt5 = connection.isMqtt5();
		Integer identifier = mqtt5 ? MessagePropertiesMapper
			.integer(subscribe.idAndPropertiesVariableHeader().properties(), MqttPropertyType.SUBSCRIPTION_IDENTIFIER)
				: null;
		List<Integer> codes = new ArrayList<>(requested.size());
		List<Subscription> retainedFor = new ArrayList<>(requested.size());
		for (MqttTopicSubscription request : requested) {
			String filter = request.topicFilter();
			MqttSubscriptionOption option = request.option();
			int qos = Math.min(option.qos().value(), 2);
			boolean shared = SharedGroup.isShared(filter);
			if (shared && mqtt5 && option.isNoLocal()) {
				logger.info("Client {} set no-local on shared subscription '{}', disconnecting.", connection, filter);
				connection.close(DisconnectReason.PROTOCOL_ERROR);
				return;
			}
			ReasonCode refusal = refusal(client, session, filter, qos);
			if (refusal != null) {
				logger.debug("Refused subscription of {} to '{}': {}", client.clientId(), filter, refusal);
				codes.add(mqtt5 ? refusal.value() : FAILURE);
				continue;
			}
			MqttSubscriptionOption.RetainedHandlingPolicy retainHandling = option.retainHandling();
			Subscription subscription = new Subscription(session, filter, qos, mqtt5 && option.isNoLocal(),
					mqtt5 && option.isRetainAsPublished(), (identifier != null) ? identifier : 0,
					mqtt5 ? retainHandling.value() : 0);
			boolean isNew = session.subscribe(subscription);
			codes.add(qos);
			if (shared) {
				// retained messages are not sent to shared subscriptions
			}
			else if (retainHandling == MqttSubscriptionOption.RetainedHandlingPolicy.SEND_AT_SUBSCRIBE
					|| (retainHandling == MqttSubscriptionOption.RetainedHandlingPolicy.SEND_AT_SUBSCRIBE_IF_NOT_YET_EXISTS
							&& isNew)) {
				retainedFor.add(subscription);
			}
			logger.debug("{} {} {}", client.clientId(), qos, filter);
			this.services.events().subscribed(client, filter, qos);
		}
		connection.write(Packets.subAck(subscribe.variableHeader().messageId(), codes));
		for (Subscription subscription : retainedFor) {
			List<Integer> ids = (subscription.subscriptionId() > 0) ? List.of(subscription.subscriptionId())
					: List.of();
			for (Message retained : this.services.retained().match(subscription.topicFilter())) {
				if (this.services.authorizer().canReceive(client, retained.topic())) {
					session.deliver(retained, Math.min(retained.qos(), subscription.qos()), true, null, ids, null);
				}
			}
		}
	}

	/**
	 * Why a subscription is refused, or {@code null}; the authorizer sees a shared filter
	 * without its prefix.
	 */
	private ReasonCode refusal(ClientInfo client, Session session, String filter, int qos) {
		boolean shared = SharedGroup.isShared(filter);
		if (shared ? !SharedGroup.isValid(filter) : !TopicFilter.isValidFilter(filter)) {
			return ReasonCode.TOPIC_FILTER_INVALID;
		}
		if (!TopicFilter.fits(filter, this.services.config().maxTopicLevels(),
				this.services.config().maxTopicLength())) {
			limitReached(Limit.MAX_TOPIC_SIZE, client);
			return ReasonCode.TOPIC_FILTER_INVALID;
		}
		int maxSubscriptions = this.services.config().maxSubscriptionsPerClient();
		if (maxSubscriptions > 0 && session.subscriptionCount() >= maxSubscriptions && !session.isSubscribed(filter)) {
			limitReached(Limit.MAX_SUBSCRIPTIONS, client);
			return ReasonCode.QUOTA_EXCEEDED;
		}
		String authorized = shared ? SharedGroup.topicFilter(filter) : filter;
		if (!this.services.authorizer().canSubscribe(client, authorized, qos)) {
			return ReasonCode.NOT_AUTHORIZED;
		}
		return null;
	}

	private void limitReached(Limit limit, ClientInfo client) {
		this.services.metrics().limitReached();
		this.services.events().limitReached(limit, client.clientId(), client.remoteAddress());
	}

	private void onUnsubscribe(MqttConnection connection, MqttUnsubscribeMessage unsubscribe) {
		Session session = connection.session();
		List<Short> codes = new ArrayList<>();
		for (String filter : unsubscribe.payload().topics()) {
			boolean existed = session.unsubscribe(filter);
			if (existed) {
				this.services.events().unsubscribed(connection.client(), filter);
			}
			codes.add((short) (existed ? ReasonCode.SUCCESS : ReasonCode.NO_SUBSCRIPTION_EXISTED).value());
		}
		int packetId = unsubscribe.variableHeader().messageId();
		connection.write(connection.isMqtt5() ? Packets.unsubAck(packetId, codes) : Packets.unsubAck(packetId));
	}

}
