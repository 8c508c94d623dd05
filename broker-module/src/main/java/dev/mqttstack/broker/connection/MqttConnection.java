package dev.mqttstack.broker.connection;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.AttributeKey;

import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.ListenerConfig;
import dev.mqttstack.broker.event.DisconnectReason;
import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.protocol.Packets;

/**
 * State of one client connection, owned by its channel's event loop: who the client is,
 * its session and will, what it asked for in CONNECT, and why the connection ends. A
 * façade over the parts that each hold one concern: {@link WriteBatcher write batching},
 * the {@link ReadGate read gate and held packets}, {@link TopicAliases topic aliases},
 * the {@link PublishRateLimiter publish rate}, the {@link AuthState authentication
 * exchange}, the {@link InboundQosWindow inbound QoS window} and the {@link DurableAcks
 * replies waiting for the store}.
 */
public final class MqttConnection {

	private static final AttributeKey<MqttConnection> KEY = AttributeKey.valueOf(MqttConnection.class.getName());

	private final Channel channel;

	private final ListenerConfig listener;

	private final WriteBatcher writes;

	private final ReadGate readGate;

	/** Created on first use, as the parts below: an idle subscriber never needs them. */
	private TopicAliases topicAliases;

	private InboundQosWindow inboundWindow;

	private AuthState auth;

	private final ClientSettings settings = new ClientSettings();

	private PublishRateLimiter rateLimiter;

	private DurableAcks durableAcks;

	private volatile ClientInfo client;

	/** The session bound to this connection; typed by the session layer above. */
	private Object session;

	private Message will;

	private boolean connectReceived;

	private volatile boolean connected;

	private DisconnectReason closeReason;

	private MqttConnection(Channel channel, ListenerConfig listener) {
		this.channel = channel;
		this.listener = listener;
		this.writes = new WriteBatcher(channel);
		this.readGate = new ReadGate(channel);
	}

	/**
	 * Creates the connection state of a new channel.
	 * @param channel the channel
	 * @param listener the listener that accepted it
	 * @return the connection state, attached to the channel
	 */
	public static MqttConnection create(Channel channel, ListenerConfig listener) {
		MqttConnection connection = new MqttConnection(channel, listener);
		channel.attr(KEY).set(connection);
		return connection;
	}

	/**
	 * Returns the connection state of a channel.
	 * @param channel the channel
	 * @return its connection state
	 */
	public static MqttConnection of(Channel channel) {
		return channel.attr(KEY).get();
	}

	/**
	 * Writes a packet and schedules one flush for everything written in this event-loop
	 * turn. Call on the event loop.
	 * @param packet an {@code MqttMessage} or an encoded {@code ByteBuf}
	 */
	public void write(Object packet) {
		this.writes.write(packet);
	}

	/**
	 * Closes the connection for a reason; the first reason given wins. Safe to call from
	 * any thread.
	 * @param reason why the connection ends
	 */
	public void close(DisconnectReason reason) {
		if (!this.channel.eventLoop().inEventLoop()) {
			this.channel.eventLoop().execute(() -> close(reason));
			return;
		}
		if (this.closeReason == null) {
			this.closeReason = reason;
			if (this.connected && isMqtt5() && this.channel.isActive() && reason != DisconnectReason.CONNECTION_LOST
					&& reason != DisconnectReason.CLIENT_DISCONNECTED
					&& reason != DisconnectReason.CLIENT_DISCONNECTED_WITH_WILL) {
				this.channel.write(Packets.disconnect(reason.reasonCode()), this.channel.voidPromise());
			}
		}
		this.channel.flush();
		this.channel.close();
	}

	/**
	 * Why the connection ended: the reason given to {@link #close}, else a lost
	 * connection.
	 * @return the reason
	 */
	public DisconnectReason closeReason() {
		return (this.closeReason != null) ? this.closeReason : DisconnectReason.CONNECTION_LOST;
	}

	public ListenerConfig listener() {
		return this.listener;
	}

	public Channel channel() {
		return this.channel;
	}

	public EventLoop eventLoop() {
		return this.channel.eventLoop();
	}

	public ClientInfo client() {
		return this.client;
	}

	public String clientId() {
		return (this.client != null) ? this.client.clientId() : null;
	}

	/**
	 * Binds the session of this connection. The connection keeps it opaque, so that
	 * connection state does not depend on the session layer that uses it.
	 * @param session the session
	 */
	public void bindSession(Object session) {
		this.session = session;
	}

	/**
	 * The session bound to this connection, or {@code null} before CONNACK.
	 * @param <S> the session type the caller binds
	 * @return the session
	 */
	@SuppressWarnings("unchecked")
	public <S> S session() {
		return (S) this.session;
	}

	public Message will() {
		return this.will;
	}

	/**
	 * Records a CONNECT: the client and its will. Until {@link #markConnected()} the
	 * connection is not yet accepted.
	 * @param client the client
	 * @param will its will message, or {@code null}
	 */
	public void connectReceived(ClientInfo client, Message will) {
		this.connectReceived = true;
		this.client = client;
		this.will = will;
	}

	public boolean isConnectReceived() {
		return this.connectReceived;
	}

	/** Marks the connection accepted: CONNACK with success was written. */
	public void markConnected() {
		this.connected = true;
	}

	public boolean isConnected() {
		return this.connected;
	}

	/**
	 * Whether the client speaks MQTT 5.
	 * @return {@code true} for protocol level 5
	 */
	public boolean isMqtt5() {
		ClientInfo current = this.client;
		return current != null && current.protocolVersion() == 5;
	}

	/**
	 * What the client asked for in CONNECT.
	 * @return its settings
	 */
	public ClientSettings settings() {
		return this.settings;
	}

	public int receiveMaximum() {
		return this.settings.receiveMaximum();
	}

	public int maximumPacketSize() {
		return this.settings.maximumPacketSize();
	}

	public long sessionExpiryInterval() {
		return this.settings.sessionExpiryInterval();
	}

	/** Discards the will, as a DISCONNECT from the client does. */
	public void clearWill() {
		this.will = null;
	}

	public ReadGate readGate() {
		return this.readGate;
	}

	/**
	 * The topic aliases, created on first use.
	 * @return the aliases
	 */
	public TopicAliases topicAliases() {
		if (this.topicAliases == null) {
			this.topicAliases = new TopicAliases();
		}
		return this.topicAliases;
	}

	/**
	 * The inbound QoS window, created by the first inbound QoS 1 or 2 PUBLISH.
	 * @return the window
	 */
	public InboundQosWindow inboundWindow() {
		if (this.inboundWindow == null) {
			this.inboundWindow = new InboundQosWindow();
		}
		return this.inboundWindow;
	}

	/**
	 * The enhanced authentication state, created by the first exchange.
	 * @return the state
	 */
	public AuthState auth() {
		if (this.auth == null) {
			this.auth = new AuthState();
		}
		return this.auth;
	}

	/**
	 * The enhanced authentication method the client uses, without creating the state.
	 * @return the method, or {@code null} without enhanced authentication
	 */
	public String authMethod() {
		return (this.auth != null) ? this.auth.method() : null;
	}

	/**
	 * Whether an enhanced authentication exchange is in progress.
	 * @return {@code true} while one is
	 */
	public boolean isAuthenticating() {
		return this.auth != null && this.auth.exchange() != null;
	}

	/**
	 * The PUBACK / PUBREC replies waiting for the session store, created on first use.
	 * @return the replies
	 */
	public DurableAcks durableAcks() {
		if (this.durableAcks == null) {
			this.durableAcks = new DurableAcks(this);
		}
		return this.durableAcks;
	}

	/**
	 * The publish rate limiter, for {@code maxPublishRate}, created on first use.
	 * @return the limiter
	 */
	public PublishRateLimiter publishRate() {
		if (this.rateLimiter == null) {
			this.rateLimiter = new PublishRateLimiter(this.channel.eventLoop(), this.readGate);
		}
		return this.rateLimiter;
	}

	/** Publisher backpressure: see {@link ReadGate#awaitSubscriber}. */
	public boolean awaitSubscriber(Object subscriber) {
		return this.readGate.awaitSubscriber(subscriber);
	}

	/**
	 * A subscriber this client waited for has drained: see
	 * {@link ReadGate#subscriberDrained}.
	 */
	public void subscriberDrained(Object subscriber) {
		this.readGate.subscriberDrained(subscriber);
	}

	/** The outbound topic alias for a topic: see {@link TopicAliases#outbound}. */
	public int outboundAlias(String topic) {
		return (this.topicAliases != null) ? this.topicAliases.outbound(topic) : 0;
	}

	/** Takes back the alias {@link #outboundAlias} just assigned. */
	public void forgetNewOutboundAlias(String topic) {
		if (this.topicAliases != null) {
			this.topicAliases.forgetNewOutbound(topic);
		}
	}

	@Override
	public String toString() {
		return (this.client != null) ? this.client.clientId() + "@" + this.channel.remoteAddress()
				: String.valueOf(this.channel.remoteAddress());
	}

}
