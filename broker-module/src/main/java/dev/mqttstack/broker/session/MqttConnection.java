package dev.mqttstack.broker.session;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.util.AttributeKey;

import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.ListenerConfig;
import dev.mqttstack.broker.event.DisconnectReason;
import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.protocol.Packets;
import dev.mqttstack.broker.security.AuthenticationExchange;
import dev.mqttstack.broker.transport.HandlerNames;

/**
 * State of one client connection, owned by its channel's event loop: who the client is,
 * its session and will, and why the connection ends. Writes go through here so that
 * flushes are batched once per event-loop turn.
 */
public final class MqttConnection {

	private static final AttributeKey<MqttConnection> KEY = AttributeKey.valueOf(MqttConnection.class.getName());

	private final Channel channel;

	private final Runnable flushTask = this::flush;

	private boolean flushScheduled;

	private volatile ClientInfo client;

	private Session session;

	private Message will;

	private boolean connectReceived;

	private volatile boolean connected;

	private DisconnectReason closeReason;

	private ArrayDeque<Object> held;

	private int receiveMaximum = 65_535;

	private int maximumPacketSize = Integer.MAX_VALUE;

	private long sessionExpiryInterval;

	private long willDelayInterval;

	private Map<Integer, String> topicAliases;

	private int readPauses;

	private AuthenticationExchange authExchange;

	private String authMethod;

	private byte[] authServerData;

	private boolean assignedClientId;

	private int requestedKeepAlive;

	private double publishTokens = -1;

	private long tokensUpdatedAt;

	private boolean rateResumeScheduled;

	private Set<Session> awaitedSubscribers;

	private int outboundAliasMaximum;

	private Map<String, Integer> outboundAliases;

	private DurableAcks durableAcks;

	/**
	 * Inbound QoS 1 PUBLISHes whose PUBACK and QoS 2 PUBRELs whose PUBCOMP are not
	 * written yet: with the session's unreleased QoS 2 identifiers, what counts against
	 * the receive maximum.
	 */
	private int inboundRepliesPending;

	private final ListenerConfig listener;

	private MqttConnection(Channel channel, ListenerConfig listener) {
		this.channel = channel;
		this.listener = listener;
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
		this.channel.write(packet, this.channel.voidPromise());
		if (!this.flushScheduled) {
			this.flushScheduled = true;
			this.channel.eventLoop().execute(this.flushTask);
		}
	}

	private void flush() {
		this.flushScheduled = false;
		this.channel.flush();
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

	void setSession(Session session) {
		this.session = session;
	}

	public Session session() {
		return this.session;
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
	 * Holds a packet that arrived after CONNECT but before CONNACK, to be handled once
	 * the client is accepted.
	 * @param packet the packet; this connection owns it from now on
	 */
	public void hold(Object packet) {
		if (this.held == null) {
			this.held = new ArrayDeque<>(2);
		}
		this.held.add(packet);
	}

	/**
	 * Takes the packets held since CONNECT.
	 * @return the held packets, in arrival order; the caller owns them
	 */
	public ArrayDeque<Object> takeHeld() {
		ArrayDeque<Object> packets = (this.held != null) ? this.held : new ArrayDeque<>(0);
		this.held = null;
		return packets;
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
	 * Records the MQTT 5 CONNECT properties that shape what the broker sends this client.
	 * @param receiveMaximum unacknowledged QoS 1/2 messages the client accepts
	 * @param maximumPacketSize largest packet the client accepts
	 * @param sessionExpiryInterval seconds the session outlives the connection; -1 for
	 * until removed
	 * @param willDelayInterval seconds to wait before publishing the will
	 */
	public void setClientSettings(int receiveMaximum, int maximumPacketSize, long sessionExpiryInterval,
			long willDelayInterval) {
		this.receiveMaximum = receiveMaximum;
		this.maximumPacketSize = maximumPacketSize;
		this.sessionExpiryInterval = sessionExpiryInterval;
		this.willDelayInterval = willDelayInterval;
	}

	public int receiveMaximum() {
		return this.receiveMaximum;
	}

	public int maximumPacketSize() {
		return this.maximumPacketSize;
	}

	public long sessionExpiryInterval() {
		return this.sessionExpiryInterval;
	}

	/**
	 * Changes the session expiry, as an MQTT 5 DISCONNECT may.
	 * @param sessionExpiryInterval the new interval in seconds
	 */
	public void setSessionExpiryInterval(long sessionExpiryInterval) {
		this.sessionExpiryInterval = sessionExpiryInterval;
	}

	public long willDelayInterval() {
		return this.willDelayInterval;
	}

	/**
	 * The inbound topic aliases the client set (MQTT 5).
	 * @return alias to topic name, created on first use
	 */
	public Map<Integer, String> topicAliases() {
		if (this.topicAliases == null) {
			this.topicAliases = new HashMap<>();
		}
		return this.topicAliases;
	}

	/**
	 * The PUBACK / PUBREC replies waiting for the session store. On the event loop.
	 * @return the replies, created on first use
	 */
	public DurableAcks durableAcks() {
		if (this.durableAcks == null) {
			this.durableAcks = new DurableAcks(this);
		}
		return this.durableAcks;
	}

	/**
	 * Stops reading from the socket for a reason; reading resumes when every reason is
	 * lifted. On the event loop.
	 * @param reason the reason
	 */
	public void pauseReading(ReadPause reason) {
		int before = this.readPauses;
		this.readPauses |= reason.bit;
		if (before == 0) {
			this.channel.config().setAutoRead(false);
		}
	}

	/**
	 * Lifts a reason to stop reading. On the event loop.
	 * @param reason the reason
	 */
	public void resumeReading(ReadPause reason) {
		int before = this.readPauses;
		this.readPauses &= ~reason.bit;
		if (before != 0 && this.readPauses == 0) {
			this.channel.config().setAutoRead(true);
		}
	}

	/**
	 * Takes one PUBLISH from the client's token bucket; past the rate, pauses reading
	 * until the bucket refills. On the event loop.
	 * @param ratePerSecond the allowed rate, more than 0
	 */
	public void throttlePublish(int ratePerSecond) {
		long now = System.nanoTime();
		if (this.publishTokens < 0 && this.tokensUpdatedAt == 0) {
			this.publishTokens = ratePerSecond;
		}
		else {
			double refill = (now - this.tokensUpdatedAt) / 1e9 * ratePerSecond;
			this.publishTokens = Math.min(ratePerSecond, this.publishTokens + refill);
		}
		this.tokensUpdatedAt = now;
		this.publishTokens -= 1;
		if (this.publishTokens < 0 && !this.rateResumeScheduled) {
			long waitNanos = (long) (-this.publishTokens / ratePerSecond * 1e9);
			this.rateResumeScheduled = true;
			pauseReading(ReadPause.PUBLISH_RATE);
			this.channel.eventLoop().schedule(this::endThrottle, waitNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
		}
	}

	/**
	 * Publisher backpressure: stops reading this client's publications until a backed-up
	 * subscriber it feeds has drained. On the event loop.
	 * @param subscriber the backed-up subscriber session
	 * @return {@code true} when the subscriber was not awaited yet
	 */
	boolean awaitSubscriber(Session subscriber) {
		if (this.awaitedSubscribers == null) {
			this.awaitedSubscribers = new HashSet<>(4);
		}
		if (!this.awaitedSubscribers.add(subscriber)) {
			return false;
		}
		pauseReading(ReadPause.BACKPRESSURE);
		return true;
	}

	/**
	 * A subscriber this client waited for has drained (or gone); reading resumes when it
	 * was the last one. On the event loop.
	 * @param subscriber the subscriber session
	 */
	void subscriberDrained(Session subscriber) {
		if (this.awaitedSubscribers != null && this.awaitedSubscribers.remove(subscriber)
				&& this.awaitedSubscribers.isEmpty()) {
			resumeReading(ReadPause.BACKPRESSURE);
			replayHeld();
		}
	}

	/**
	 * Records how many topic aliases the MQTT 5 client accepts from the broker.
	 * @param maximum the client's topic alias maximum; 0 for none
	 */
	public void setOutboundAliasMaximum(int maximum) {
		this.outboundAliasMaximum = maximum;
	}

	/**
	 * The outbound topic alias for a topic: one already sent, a new one while the
	 * client's maximum allows (the first topic names get aliases and keep them), else
	 * none. On the event loop.
	 * @param topic the topic name
	 * @return the alias, negated when it is new and the PUBLISH must carry the topic name
	 * to set it; 0 for no alias
	 */
	int outboundAlias(String topic) {
		if (this.outboundAliasMaximum == 0) {
			return 0;
		}
		if (this.outboundAliases == null) {
			this.outboundAliases = new HashMap<>();
		}
		Integer known = this.outboundAliases.get(topic);
		if (known != null) {
			return known;
		}
		if (this.outboundAliases.size() >= this.outboundAliasMaximum) {
			return 0;
		}
		int alias = this.outboundAliases.size() + 1;
		this.outboundAliases.put(topic, alias);
		return -alias;
	}

	/**
	 * Takes back the alias {@link #outboundAlias} just assigned, when the PUBLISH that
	 * would have set it was not sent. On the event loop.
	 * @param topic the topic name
	 */
	void forgetNewOutboundAlias(String topic) {
		this.outboundAliases.remove(topic);
	}

	/**
	 * An inbound PUBACK or PUBCOMP is on its way: the packet it answers counts against
	 * the receive maximum until {@link #inboundReplyWritten()}. On the event loop.
	 */
	public void inboundReplyPending() {
		this.inboundRepliesPending++;
	}

	/** An inbound PUBACK or PUBCOMP was written. On the event loop. */
	public void inboundReplyWritten() {
		this.inboundRepliesPending--;
	}

	/**
	 * Counts the inbound PUBACKs and PUBCOMPs not written yet. On the event loop.
	 * @return the count
	 */
	public int inboundRepliesPending() {
		return this.inboundRepliesPending;
	}

	/**
	 * Whether reading is paused for a reason. On the event loop.
	 * @param reason the reason
	 * @return {@code true} while paused for it
	 */
	public boolean isPaused(ReadPause reason) {
		return (this.readPauses & reason.bit) != 0;
	}

	/**
	 * Resumes after a publish-rate pause: replays the packets held meanwhile, in order,
	 * until the rate pauses again.
	 */
	private void endThrottle() {
		this.rateResumeScheduled = false;
		resumeReading(ReadPause.PUBLISH_RATE);
		replayHeld();
	}

	/**
	 * Whether packets that arrive now are held rather than handled: while the client is
	 * slowed by the publish rate or by backpressure, the rest of a read that was already
	 * decoded waits too. On the event loop.
	 * @return {@code true} while holding
	 */
	public boolean isHoldingPackets() {
		return (this.readPauses & (ReadPause.PUBLISH_RATE.bit | ReadPause.BACKPRESSURE.bit)) != 0;
	}

	/**
	 * The connection closed while the client was slowed: what it sent before closing is
	 * still handled, in order (a client may publish and close at once). Only for an
	 * accepted client; on the event loop, when the channel goes inactive.
	 */
	public void handleHeldAfterClose() {
		ChannelHandlerContext next = this.channel.pipeline().context(HandlerNames.GUARD);
		while (this.connected && this.held != null && !this.held.isEmpty() && next != null) {
			next.fireChannelRead(this.held.poll());
		}
	}

	/**
	 * Handles the packets held while slowed, in order, until the client is slowed again.
	 */
	private void replayHeld() {
		ChannelHandlerContext next = this.channel.pipeline().context(HandlerNames.GUARD);
		while (this.held != null && !this.held.isEmpty() && !isHoldingPackets() && next != null
				&& this.channel.isActive()) {
			next.fireChannelRead(this.held.poll());
		}
	}

	/**
	 * Starts MQTT 5 enhanced authentication.
	 * @param method the authentication method
	 * @param exchange the exchange
	 * @param assignedClientId whether the broker assigned the client identifier
	 */
	public void startAuthExchange(String method, AuthenticationExchange exchange, boolean assignedClientId) {
		this.authMethod = method;
		this.authExchange = exchange;
		this.assignedClientId = assignedClientId;
	}

	/**
	 * Whether the broker assigned the client identifier (MQTT 5 CONNACK then tells the
	 * client).
	 * @return {@code true} when the client sent none
	 */
	public boolean isAssignedClientId() {
		return this.assignedClientId;
	}

	/**
	 * The enhanced authentication in progress, or {@code null}.
	 * @return the exchange
	 */
	public AuthenticationExchange authExchange() {
		return this.authExchange;
	}

	/**
	 * The enhanced authentication method the client used, or {@code null}.
	 * @return the method
	 */
	public String authMethod() {
		return this.authMethod;
	}

	/**
	 * Ends enhanced authentication successfully.
	 * @param serverData data for CONNACK, or {@code null}
	 */
	public void finishAuthExchange(byte[] serverData) {
		this.authExchange = null;
		this.authServerData = serverData;
	}

	public byte[] authServerData() {
		return this.authServerData;
	}

	/**
	 * Records the keep-alive the client asked for, before the broker's cap.
	 * @param seconds the keep-alive in CONNECT
	 */
	public void setRequestedKeepAlive(int seconds) {
		this.requestedKeepAlive = seconds;
	}

	public int requestedKeepAlive() {
		return this.requestedKeepAlive;
	}

	/** Discards the will, as a DISCONNECT from the client does. */
	public void clearWill() {
		this.will = null;
	}

	@Override
	public String toString() {
		return (this.client != null) ? this.client.clientId() + "@" + this.channel.remoteAddress()
				: String.valueOf(this.channel.remoteAddress());
	}

	/**
	 * Why the broker stops reading a connection; reading resumes when no reason is left.
	 */
	public enum ReadPause {

		/** CONNECT is being authenticated. */
		AUTHENTICATION(1),

		/** The socket is not writable: the client does not read what the broker sends. */
		UNWRITABLE(2),

		/** The client publishes faster than {@code maxPublishRate}. */
		PUBLISH_RATE(4),

		/** A connected subscriber this client publishes to is backed up. */
		BACKPRESSURE(8),

		/** The session store has not made enough of the client's messages durable yet. */
		STORE(16);

		private final int bit;

		ReadPause(int bit) {
			this.bit = bit;
		}

	}

}
