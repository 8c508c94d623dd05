/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.connection;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.mqttstack.spring.core.MqttDeliveryException;
import dev.mqttstack.spring.core.MqttMessage;
import dev.mqttstack.spring.support.MqttHeaders;
import dev.mqttstack.spring.support.MqttStrings;
import org.eclipse.paho.mqttv5.client.IMqttAsyncClient;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.integration.mqtt.event.MqttConnectionFailedEvent;
import org.springframework.integration.mqtt.core.Mqttv5ClientManager;
import org.springframework.integration.mqtt.inbound.Mqttv5PahoMessageDrivenChannelAdapter;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.ByteArrayMessageConverter;

/**
 * Shared MQTT 5 connection on Spring Integration's {@link Mqttv5ClientManager} and
 * Eclipse Paho; messages Paho matches to no subscription go to an
 * {@link UnmatchedMessageRouter}.
 */
final class PahoV5ClientConnection extends AbstractPahoClientConnection {

	private final Mqttv5ClientManager clientManager;

	private volatile Throwable lastConnectFailure;

	private final UnmatchedMessageRouter<org.eclipse.paho.mqttv5.common.MqttMessage> router = new UnmatchedMessageRouter<>(
			this::acknowledge);

	PahoV5ClientConnection(MqttClientSettings settings, ApplicationEventPublisher events,
			AsyncTaskExecutor taskExecutor) {
		super(settings, events, taskExecutor);
		ObservedClientManager observed = new ObservedClientManager(connectionOptions(settings), settings.getClientId());
		this.clientManager = observed;
		this.clientManager.setPersistence(new MemoryPersistence());
		this.clientManager.setManualAcks(true);
		this.clientManager.setQuiescentTimeout(settings.getQuiescentTimeout().toMillis());
		this.clientManager.setDisconnectCompletionTimeout(settings.getQuiescentTimeout().toMillis());
		this.clientManager.setCompletionTimeout(settings.getConnectionTimeout().toMillis());
		this.clientManager.setApplicationEventPublisher((event) -> {
			if (event instanceof MqttConnectionFailedEvent failed) {
				this.lastConnectFailure = failed.getCause();
			}
			getEvents().publishEvent(event);
		});
		observed.routeUnmatchedTo(this.router);
	}

	private static MqttConnectionOptions connectionOptions(MqttClientSettings settings) {
		MqttConnectionOptions options = new MqttConnectionOptions();
		options.setServerURIs(new String[] { MqttBrokerUrl.parse(settings.getUrl()).toClientUrl() });
		options.setCleanStart(settings.isCleanStart());
		if (settings.getSessionExpiry() != null) {
			options.setSessionExpiryInterval(settings.getSessionExpiry().toSeconds());
		}
		options.setKeepAliveInterval((int) settings.getKeepAlive().toSeconds());
		options.setConnectionTimeout((int) settings.getConnectionTimeout().toSeconds());
		options.setAutomaticReconnect(settings.isAutomaticReconnect());
		if (settings.getReceiveMaximum() > 0) {
			options.setReceiveMaximum(settings.getReceiveMaximum());
		}
		options.setAutomaticReconnectDelay(1, (int) Math.max(1, settings.getMaxReconnectDelay().toSeconds()));
		if (settings.getUsername() != null) {
			options.setUserName(settings.getUsername());
		}
		if (settings.getPassword() != null) {
			options.setPassword(settings.getPassword().getBytes(StandardCharsets.UTF_8));
		}
		if (settings.getSocketFactory() != null) {
			options.setSocketFactory(settings.getSocketFactory());
		}
		if (settings.getWillTopic() != null) {
			org.eclipse.paho.mqttv5.common.MqttMessage will = new org.eclipse.paho.mqttv5.common.MqttMessage(
					(settings.getWillPayload() != null) ? settings.getWillPayload() : new byte[0]);
			will.setQos(settings.getWillQos());
			will.setRetained(settings.isWillRetained());
			options.setWill(settings.getWillTopic(), will);
		}
		return options;
	}

	/**
	 * QoS 2 messages are not acknowledged manually: Paho's MQTT 5 client (1.2.5) sends
	 * PUBREC when one arrives and answers the broker's PUBREL with PUBCOMP itself; its
	 * manual acknowledgment sent a second PUBCOMP, and when the broker had meanwhile
	 * reused the packet identifier for a QoS 1 message, Mosquitto closed the connection
	 * with a protocol error. After PUBREC the broker never sends the message again
	 * anyway.
	 */
	@Override
	protected boolean acknowledgesManually(Message<?> message) {
		Integer qos = message.getHeaders().get(MqttHeaders.RECEIVED_QOS, Integer.class);
		return qos == null || qos != 2;
	}

	@Override
	protected void doStart() {
		this.clientManager.start();
		awaitConnectCallback();
		reportStartup(this.lastConnectFailure);
	}

	@Override
	protected void doStop() {
		this.clientManager.stop();
		shutdownCompletions();
	}

	@Override
	public boolean isConnected() {
		return this.clientManager.isConnected();
	}

	@Override
	public CompletableFuture<Void> publish(MqttMessage<byte[]> message) {
		CompletableFuture<Void> result = new CompletableFuture<>();
		IMqttAsyncClient client = this.clientManager.getClient();
		if (client == null) {
			result.completeExceptionally(new MqttDeliveryException("MQTT client '" + getClientId() + "' is stopped"));
			return result;
		}
		String invalid = invalidString(message);
		if (invalid != null) {
			result.completeExceptionally(new MqttDeliveryException("Publish to '" + message.getTopic()
					+ "' refused before sending: " + invalid + " contains a character MQTT forbids in a UTF-8 string"
					+ " (a control character such as a line break, or an unpaired surrogate)"));
			return result;
		}
		org.eclipse.paho.mqttv5.common.MqttMessage outbound = new org.eclipse.paho.mqttv5.common.MqttMessage(
				message.getPayload());
		outbound.setQos(message.getQos());
		outbound.setRetained(message.isRetained());
		outbound.setProperties(properties(message));
		try {
			client.publish(message.getTopic(), outbound, null, new MqttActionListener() {

				@Override
				public void onSuccess(IMqttToken token) {
					complete(result, refusal(message, token));
				}

				@Override
				public void onFailure(IMqttToken token, Throwable ex) {
					complete(result, new MqttDeliveryException(
							"Publish to '" + message.getTopic() + "' failed: " + ex.getMessage(), ex));
				}

			});
		}
		catch (MqttException ex) {
			result.completeExceptionally(new MqttDeliveryException(
					"Publish to '" + message.getTopic() + "' failed: " + ex.getMessage(), ex));
		}
		return result;
	}

	/**
	 * Find a string Paho's sender thread would refuse: it throws there, after the publish
	 * was accepted, and drops the whole connection.
	 */
	private static String invalidString(MqttMessage<byte[]> message) {
		if (MqttStrings.indexOfForbidden(message.getTopic()) >= 0) {
			return "the topic";
		}
		if (message.getContentType() != null && MqttStrings.indexOfForbidden(message.getContentType()) >= 0) {
			return "the content type";
		}
		if (message.getResponseTopic() != null && MqttStrings.indexOfForbidden(message.getResponseTopic()) >= 0) {
			return "the response topic";
		}
		for (Map.Entry<String, String> entry : message.getUserProperties().entrySet()) {
			if (MqttStrings.indexOfForbidden(entry.getKey()) >= 0
					|| MqttStrings.indexOfForbidden(String.valueOf(entry.getValue())) >= 0) {
				return "user property '" + MqttStrings.sanitize(entry.getKey(), 64) + "'";
			}
		}
		return null;
	}

	private static MqttProperties properties(MqttMessage<byte[]> message) {
		MqttProperties properties = new MqttProperties();
		properties.setContentType(message.getContentType());
		if (message.getMessageExpiry() != null) {
			properties.setMessageExpiryInterval(message.getMessageExpiry().toSeconds());
		}
		properties.setResponseTopic(message.getResponseTopic());
		properties.setCorrelationData(message.getCorrelationData());
		List<UserProperty> userProperties = new ArrayList<>();
		for (Map.Entry<String, String> entry : message.getUserProperties().entrySet()) {
			userProperties.add(new UserProperty(entry.getKey(), entry.getValue()));
		}
		properties.setUserProperties(userProperties);
		return properties;
	}

	private static Throwable refusal(MqttMessage<byte[]> message, IMqttToken token) {
		int[] codes = token.getReasonCodes();
		if (codes != null) {
			for (int code : codes) {
				if (code >= 0x80) {
					return new MqttDeliveryException("Broker refused publish to '" + message.getTopic()
							+ "' with reason code " + describeReasonCode(code));
				}
			}
		}
		return null;
	}

	private final FilterSubscriptions subscriptions = new FilterSubscriptions(
			(filter, qos, handler) -> new AdapterSubscription<>(clientManager(),
					() -> inbound(new String[] { filter }, new int[] { qos }, handler), new String[] { filter },
					this.router, this::unsubscribe));

	private Mqttv5ClientManager clientManager() {
		return this.clientManager;
	}

	@Override
	public MqttSubscription subscribe(String[] filters, int[] qos, MqttInboundHandler handler) {
		return this.subscriptions.subscribe(filters, qos, handler);
	}

	private AdapterSubscription.Inbound<org.eclipse.paho.mqttv5.common.MqttMessage> inbound(String[] filters, int[] qos,
			MqttInboundHandler handler) {
		Mqttv5PahoMessageDrivenChannelAdapter adapter = new Mqttv5PahoMessageDrivenChannelAdapter(this.clientManager,
				filters);
		adapter.setQos(qos);
		adapter.setMessageConverter(new ByteArrayMessageConverter());
		adapter.setHeaderMapper(new Mqtt5PropertiesHeaderMapper());
		adapter.setApplicationEventPublisher(getEvents());
		adapter.setOutputChannel(inboundChannel(handler));
		adapter.setBeanName(nextSubscriptionName());
		adapter.setBeanFactory(getAdapterBeanFactory());
		adapter.afterPropertiesSet();
		return new AdapterSubscription.Inbound<>(adapter, adapter::messageArrived);
	}

	private void unsubscribe(String[] filters) {
		unsubscribe(filters,
				(topics) -> this.clientManager.getClient()
					.unsubscribe(topics)
					.waitForCompletion(this.settings.getConnectionTimeout().toMillis()));
	}

	private void acknowledge(org.eclipse.paho.mqttv5.common.MqttMessage message) {
		IMqttAsyncClient client = this.clientManager.getClient();
		if (client != null) {
			try {
				client.messageArrivedComplete(message.getId(), message.getQos());
			}
			catch (MqttException ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

	/** Client manager that reports connection changes to this connection. */
	private final class ObservedClientManager extends Mqttv5ClientManager {

		ObservedClientManager(MqttConnectionOptions options, String clientId) {
			super(options, clientId);
		}

		void routeUnmatchedTo(UnmatchedMessageRouter<org.eclipse.paho.mqttv5.common.MqttMessage> router) {
			super.addDefaultMessageHandler(router::offer);
		}

		/**
		 * Ignore the adapters' own handlers for unmatched messages: the router is the
		 * only one, so no message reaches a listener twice.
		 */
		@Override
		public <M> void addDefaultMessageHandler(DefaultMessageHandler<M> handler) {
		}

		@Override
		public void connectComplete(boolean reconnect, String serverURI) {
			connectionEstablished(reconnect);
			if (!reconnect) {
				warnAboutBrokerLimits(BrokerLimits.receiveMaximum(getClient()));
			}
			try {
				super.connectComplete(reconnect, serverURI);
			}
			finally {
				connectCallbackDone();
			}
		}

		@Override
		public void disconnected(MqttDisconnectResponse response) {
			super.disconnected(response);
			boolean takenOver = response.getReturnCode() == SESSION_TAKEN_OVER;
			String reason = null;
			if (response.getException() == null) {
				reason = "reason code " + describeReasonCode(response.getReturnCode())
						+ ((response.getReasonString() != null) ? " '" + response.getReasonString() + "'" : "");
			}
			onConnectionLost(response.getException(), takenOver, reason);
		}

	}

}
