/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.connection;

import java.util.concurrent.CompletableFuture;

import dev.mqttstack.spring.core.MqttDeliveryException;
import dev.mqttstack.spring.core.MqttMessage;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttAsyncClient;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.integration.mqtt.event.MqttConnectionFailedEvent;
import org.springframework.integration.mqtt.core.Mqttv3ClientManager;
import org.springframework.integration.mqtt.inbound.MqttPahoMessageDrivenChannelAdapter;
import org.springframework.integration.mqtt.support.DefaultPahoMessageConverter;

/**
 * Shared MQTT 3.1.1 connection on Spring Integration's {@link Mqttv3ClientManager} and
 * Eclipse Paho; MQTT 5 message properties are dropped, and messages Paho matches to no
 * subscription go to an {@link UnmatchedMessageRouter}.
 */
final class PahoV3ClientConnection extends AbstractPahoClientConnection {

	private final Mqttv3ClientManager clientManager;

	private volatile Throwable lastConnectFailure;

	private final UnmatchedMessageRouter<org.eclipse.paho.client.mqttv3.MqttMessage> router = new UnmatchedMessageRouter<>(
			this::acknowledge);

	PahoV3ClientConnection(MqttClientSettings settings, ApplicationEventPublisher events,
			AsyncTaskExecutor taskExecutor) {
		super(settings, events, taskExecutor);
		ObservedClientManager observed = new ObservedClientManager(connectOptions(settings), settings.getClientId());
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

	private static MqttConnectOptions connectOptions(MqttClientSettings settings) {
		MqttConnectOptions options = new MqttConnectOptions();
		options.setServerURIs(new String[] { MqttBrokerUrl.parse(settings.getUrl()).toClientUrl() });
		options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
		options.setCleanSession(settings.isCleanStart());
		options.setKeepAliveInterval((int) settings.getKeepAlive().toSeconds());
		options.setConnectionTimeout((int) settings.getConnectionTimeout().toSeconds());
		options.setAutomaticReconnect(settings.isAutomaticReconnect());
		options.setMaxReconnectDelay((int) settings.getMaxReconnectDelay().toMillis());
		options.setMaxInflight(settings.getMaxInflight());
		if (settings.getUsername() != null) {
			options.setUserName(settings.getUsername());
		}
		if (settings.getPassword() != null) {
			options.setPassword(settings.getPassword().toCharArray());
		}
		if (settings.getSocketFactory() != null) {
			options.setSocketFactory(settings.getSocketFactory());
		}
		if (settings.getWillTopic() != null) {
			options.setWill(settings.getWillTopic(),
					(settings.getWillPayload() != null) ? settings.getWillPayload() : new byte[0],
					settings.getWillQos(), settings.isWillRetained());
		}
		return options;
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
		try {
			client.publish(message.getTopic(), message.getPayload(), message.getQos(), message.isRetained(), null,
					new IMqttActionListener() {

						@Override
						public void onSuccess(IMqttToken token) {
							complete(result, null);
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

	private final FilterSubscriptions subscriptions = new FilterSubscriptions(
			(filter, qos, handler) -> new AdapterSubscription<>(clientManager(),
					() -> inbound(new String[] { filter }, new int[] { qos }, handler), new String[] { filter },
					this.router, this::unsubscribe));

	private Mqttv3ClientManager clientManager() {
		return this.clientManager;
	}

	@Override
	public MqttSubscription subscribe(String[] filters, int[] qos, MqttInboundHandler handler) {
		return this.subscriptions.subscribe(filters, qos, handler);
	}

	/**
	 * Create an adapter. Messages of {@code $share/<group>/<filter>} subscriptions, which
	 * Paho v3 cannot match to a subscription, reach it through the router.
	 */
	private AdapterSubscription.Inbound<org.eclipse.paho.client.mqttv3.MqttMessage> inbound(String[] filters, int[] qos,
			MqttInboundHandler handler) {
		MqttPahoMessageDrivenChannelAdapter adapter = new MqttPahoMessageDrivenChannelAdapter(this.clientManager,
				filters);
		adapter.setQos(qos);
		DefaultPahoMessageConverter converter = new DefaultPahoMessageConverter();
		converter.setPayloadAsBytes(true);
		adapter.setConverter(converter);
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

	private void acknowledge(org.eclipse.paho.client.mqttv3.MqttMessage message) {
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
	private final class ObservedClientManager extends Mqttv3ClientManager {

		ObservedClientManager(MqttConnectOptions options, String clientId) {
			super(options, clientId);
		}

		void routeUnmatchedTo(UnmatchedMessageRouter<org.eclipse.paho.client.mqttv3.MqttMessage> router) {
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
			try {
				super.connectComplete(reconnect, serverURI);
			}
			finally {
				connectCallbackDone();
			}
		}

		@Override
		public void connectionLost(Throwable cause) {
			super.connectionLost(cause);
			onConnectionLost(cause, false);
		}

	}

}
