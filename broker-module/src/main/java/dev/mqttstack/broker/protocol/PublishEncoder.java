package dev.mqttstack.broker.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.util.concurrent.FastThreadLocal;

import dev.mqttstack.broker.message.Message;

/**
 * Encodes a PUBLISH once, with {@code netty-codec-mqtt}'s own encoder, so that every
 * subscriber of a message shares the same bytes; only the packet identifier of a QoS 1/2
 * copy is set per subscriber.
 */
public final class PublishEncoder {

	private static final FastThreadLocal<EmbeddedChannel> ENCODERS = new FastThreadLocal<>() {

		@Override
		protected EmbeddedChannel initialValue() {
			return new EmbeddedChannel(MqttEncoder.INSTANCE);
		}

		@Override
		protected void onRemoval(EmbeddedChannel channel) {
			channel.finishAndReleaseAll();
		}

	};

	private PublishEncoder() {
	}

	/**
	 * Encodes a PUBLISH with retain 0 and, for QoS 1/2, packet identifier 0 to be
	 * replaced by {@link #withPacketId}.
	 * @param message the message
	 * @param qos the delivery QoS
	 * @return the encoded packet; the caller owns it
	 */
	public static ByteBuf encode(Message message, int qos) {
		EmbeddedChannel encoder = ENCODERS.get();
		encoder.writeOutbound(Packets.publish(message, qos, false, 0, false));
		return encoder.readOutbound();
	}

	/**
	 * Returns a copy of an encoded QoS 1/2 PUBLISH with its own packet identifier; large
	 * payloads are shared, not copied.
	 * @param encoded an encoded PUBLISH from {@link #encode}; released by this call
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
