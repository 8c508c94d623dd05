package dev.mqttstack.broker.protocol;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.FastThreadLocal;

import dev.mqttstack.broker.message.Message;

/**
 * Encodes PUBLISH packets with {@code netty-codec-mqtt}'s own encoder, once per message
 * and delivery QoS, so that every subscriber shares the same bytes; only the packet
 * identifier of a QoS 1/2 copy is set per subscriber.
 * <p>
 * The codec keeps the protocol version on its channel, set when it decodes CONNECT; the
 * MQTT 5 encoder channel is therefore primed with a real MQTT 5 CONNECT, so that only the
 * codec's public API is used.
 * <p>
 * Which of these encodings a delivery gets is decided in one place,
 * {@link dev.mqttstack.broker.session.PublishWriter}; nothing else calls them.
 */
public final class PublishEncoder {

	/** CONNECT, MQTT 5, clean start, keep-alive 60, no properties, client id "p". */
	private static final byte[] MQTT_5_CONNECT = { 0x10, 14, 0, 4, 'M', 'Q', 'T', 'T', 5, 2, 0, 60, 0, 0, 1, 'p' };

	private static final FastThreadLocal<EmbeddedChannel> MQTT_3_ENCODERS = new FastThreadLocal<>() {

		@Override
		protected EmbeddedChannel initialValue() {
			return new EmbeddedChannel(MqttEncoder.INSTANCE);
		}

		@Override
		protected void onRemoval(EmbeddedChannel channel) {
			channel.finishAndReleaseAll();
		}

	};

	private static final FastThreadLocal<EmbeddedChannel> MQTT_5_ENCODERS = new FastThreadLocal<>() {

		@Override
		protected EmbeddedChannel initialValue() {
			EmbeddedChannel channel = new EmbeddedChannel(new MqttDecoder(), MqttEncoder.INSTANCE);
			channel.writeInbound(Unpooled.wrappedBuffer(MQTT_5_CONNECT));
			ReferenceCountUtil.release(channel.readInbound());
			return channel;
		}

		@Override
		protected void onRemoval(EmbeddedChannel channel) {
			channel.finishAndReleaseAll();
		}

	};

	private PublishEncoder() {
	}

	/**
	 * Encodes the shared form of a routed message: retain 0, no DUP and, for QoS 1/2,
	 * packet identifier 0 to be replaced by {@link #withPacketId}.
	 * @param message the message
	 * @param qos the delivery QoS
	 * @param mqtt5 whether for MQTT 5 subscribers (with the message's properties)
	 * @param now the current time in epoch milliseconds, to count the message expiry down
	 * @return the encoded packet; the caller owns it
	 */
	public static ByteBuf encodeShared(Message message, int qos, boolean mqtt5, long now) {
		return encode(message, qos, false, 0, false, mqtt5, List.of(), now);
	}

	/**
	 * Encodes one PUBLISH.
	 * @param message the message
	 * @param qos the delivery QoS
	 * @param retain the retain flag
	 * @param packetId the packet identifier, ignored for QoS 0
	 * @param dup the DUP flag
	 * @param mqtt5 whether for an MQTT 5 client
	 * @param subscriptionIds subscription identifiers to add (MQTT 5 only)
	 * @param now the current time in epoch milliseconds, to count the message expiry down
	 * @return the encoded packet; the caller owns it
	 */
	public static ByteBuf encode(Message message, int qos, boolean retain, int packetId, boolean dup, boolean mqtt5,
			List<Integer> subscriptionIds, long now) {
		return encode(publish(message, qos, retain, packetId, dup, mqtt5, subscriptionIds, now), mqtt5);
	}

	/**
	 * Builds one PUBLISH for a channel's own encoder to write: for a message with a
	 * single recipient, encoding it in the pipeline saves a copy.
	 * @param message the message
	 * @param qos the delivery QoS
	 * @param retain the retain flag
	 * @param packetId the packet identifier, ignored for QoS 0
	 * @param dup the DUP flag
	 * @param mqtt5 whether for an MQTT 5 client
	 * @param subscriptionIds subscription identifiers to add (MQTT 5 only)
	 * @param now the current time in epoch milliseconds, to count the message expiry down
	 * @return the packet; its payload wraps the message's bytes
	 */
	public static MqttPublishMessage publish(Message message, int qos, boolean retain, int packetId, boolean dup,
			boolean mqtt5, List<Integer> subscriptionIds, long now) {
		MqttProperties properties = mqtt5 ? MessagePropertiesMapper.toWire(message, now, subscriptionIds)
				: MqttProperties.NO_PROPERTIES;
		return publish(message.topic(), message, qos, retain, packetId, dup, properties);
	}

	/**
	 * Encodes one MQTT 5 PUBLISH with an outbound topic alias.
	 * @param message the message
	 * @param qos the delivery QoS
	 * @param retain the retain flag
	 * @param packetId the packet identifier, ignored for QoS 0
	 * @param dup the DUP flag
	 * @param subscriptionIds subscription identifiers to add
	 * @param alias the topic alias
	 * @param aliasKnown whether the client knows the alias already, so that the topic
	 * name is left out
	 * @param now the current time in epoch milliseconds, to count the message expiry down
	 * @return the encoded packet; the caller owns it
	 */
	public static ByteBuf encodeAliased(Message message, int qos, boolean retain, int packetId, boolean dup,
			List<Integer> subscriptionIds, int alias, boolean aliasKnown, long now) {
		MqttProperties properties = MessagePropertiesMapper.toWire(message, now, subscriptionIds);
		properties.add(new MqttProperties.IntegerProperty(MqttPropertyType.TOPIC_ALIAS.value(), alias));
		return encode(publish(aliasKnown ? "" : message.topic(), message, qos, retain, packetId, dup, properties),
				true);
	}

	private static MqttPublishMessage publish(String topicName, Message message, int qos, boolean retain, int packetId,
			boolean dup, MqttProperties properties) {
		return new MqttPublishMessage(
				new MqttFixedHeader(MqttMessageType.PUBLISH, dup, MqttQoS.valueOf(qos), retain, 0),
				new MqttPublishVariableHeader(topicName, packetId, properties),
				Unpooled.wrappedBuffer(message.payload()));
	}

	private static ByteBuf encode(MqttPublishMessage packet, boolean mqtt5) {
		EmbeddedChannel encoder = (mqtt5 ? MQTT_5_ENCODERS : MQTT_3_ENCODERS).get();
		encoder.writeOutbound(packet);
		return encoder.readOutbound();
	}

	/**
	 * Returns a copy of an encoded QoS 1/2 PUBLISH with its own packet identifier; large
	 * payloads are shared, not copied.
	 * @param encoded an encoded PUBLISH from {@link #encodeShared}; released by this call
	 * @param packetId the packet identifier
	 * @param allocator allocator for the copied header
	 * @return the packet for one subscriber
	 */
	public static ByteBuf withPacketId(ByteBuf encoded, int packetId, ByteBufAllocator allocator) {
		int start = encoded.readerIndex();
		int offset = 1;
		while ((encoded.getByte(start + offset) & 0x80) != 0) {
			offset++;
		}
		offset++;
		int packetIdOffset = offset + 2 + encoded.getUnsignedShort(start + offset);
		int length = encoded.readableBytes();
		if (length <= 512) {
			ByteBuf copy = allocator.buffer(length);
			copy.writeBytes(encoded, start, length);
			copy.setShort(packetIdOffset, packetId);
			encoded.release();
			return copy;
		}
		ByteBuf header = allocator.buffer(packetIdOffset + 2);
		header.writeBytes(encoded, start, packetIdOffset).writeShort(packetId);
		ByteBuf rest = encoded.retainedSlice(start + packetIdOffset + 2, length - packetIdOffset - 2);
		encoded.release();
		return allocator.compositeBuffer(2).addComponents(true, header, rest);
	}

}
