/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.core;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import dev.mqttstack.spring.connection.MqttClientConnection;
import dev.mqttstack.spring.connection.MqttSubscription;
import dev.mqttstack.spring.support.MqttHeaders;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.messaging.Message;

/**
 * Matches MQTT 5 replies on the template's reply topic to pending requests by correlation
 * data.
 */
final class ReplyCorrelator implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(ReplyCorrelator.class);

	private final MqttClientConnection connection;

	private final String replyTopic;

	private final Map<ByteBuffer, CompletableFuture<Message<byte[]>>> pending = new ConcurrentHashMap<>();

	private volatile MqttSubscription subscription;

	ReplyCorrelator(MqttClientConnection connection, String replyTopic) {
		this.connection = connection;
		this.replyTopic = replyTopic;
	}

	String getReplyTopic() {
		return this.replyTopic;
	}

	/**
	 * Register a pending request, subscribing to the reply topic on first use.
	 * @return the correlation data and the future of the reply
	 */
	Pending register() {
		ensureSubscribed();
		UUID id = UUID.randomUUID();
		byte[] correlation = ByteBuffer.allocate(16)
			.putLong(id.getMostSignificantBits())
			.putLong(id.getLeastSignificantBits())
			.array();
		CompletableFuture<Message<byte[]>> reply = new CompletableFuture<>();
		ByteBuffer key = ByteBuffer.wrap(correlation);
		this.pending.put(key, reply);
		reply.whenComplete((message, ex) -> this.pending.remove(key));
		return new Pending(correlation, reply);
	}

	private void ensureSubscribed() {
		if (this.subscription == null) {
			synchronized (this) {
				if (this.subscription == null) {
					MqttSubscription created = this.connection.subscribe(new String[] { this.replyTopic },
							new int[] { 1 }, this::onReply);
					created.start();
					this.subscription = created;
				}
			}
		}
	}

	private void onReply(Message<byte[]> message, Runnable acknowledgment) {
		acknowledgment.run();
		byte[] correlation = message.getHeaders().get(MqttHeaders.CORRELATION_DATA, byte[].class);
		CompletableFuture<Message<byte[]>> reply = (correlation != null)
				? this.pending.get(ByteBuffer.wrap(correlation)) : null;
		if (reply == null) {
			logger.debug("Discarding reply without a pending request on " + this.replyTopic);
			return;
		}
		CompletableFuture.runAsync(() -> reply.complete(message));
	}

	@Override
	public void close() {
		MqttSubscription current = this.subscription;
		if (current != null) {
			current.close();
		}
	}

	record Pending(byte[] correlationData, CompletableFuture<Message<byte[]>> reply) {
	}

}
