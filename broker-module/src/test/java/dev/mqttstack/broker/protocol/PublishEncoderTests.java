package dev.mqttstack.broker.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.message.MessageProperties;

import static org.assertj.core.api.Assertions.assertThat;

class PublishEncoderTests {

	@ParameterizedTest
	@ValueSource(ints = { 0, 5, 127, 128, 600, 20_000, 3_000_000 })
	void encodedPacketsDecodeBackWithTheirOwnPacketIds(int payloadSize) {
		byte[] payload = new byte[payloadSize];
		Arrays.fill(payload, (byte) 'x');
		Message message = Message.of("sensors/传感器/temp", payload, 2, false);
		ByteBuf shared = PublishEncoder.encodeShared(message, 1, false, System.currentTimeMillis());
		try {
			ByteBuf first = PublishEncoder.withPacketId(shared.retainedDuplicate(), 7, ByteBufAllocator.DEFAULT);
			ByteBuf second = PublishEncoder.withPacketId(shared.retainedDuplicate(), 65535, ByteBufAllocator.DEFAULT);
			assertDecodes(first, 7, message);
			assertDecodes(second, 65535, message);
		}
		finally {
			shared.release();
		}
		assertThat(shared.refCnt()).isZero();
	}

	private static void assertDecodes(ByteBuf packet, int packetId, Message message) {
		EmbeddedChannel decoder = new EmbeddedChannel(new MqttDecoder(4 * 1024 * 1024));
		decoder.writeInbound(packet);
		MqttPublishMessage decoded = decoder.readInbound();
		try {
			assertThat(decoded.decoderResult().isSuccess()).isTrue();
			assertThat(decoded.variableHeader().packetId()).isEqualTo(packetId);
			assertThat(decoded.variableHeader().topicName()).isEqualTo(message.topic());
			assertThat(decoded.fixedHeader().qosLevel().value()).isEqualTo(1);
			assertThat(decoded.fixedHeader().isRetain()).isFalse();
			assertThat(ByteBufUtil.getBytes(decoded.payload())).isEqualTo(message.payload());
		}
		finally {
			decoded.release();
			decoder.finishAndReleaseAll();
		}
	}

	@Test
	void mqtt5EncodingCarriesTheMessagePropertiesAndSubscriptionIdentifiers() {
		MessageProperties properties = new MessageProperties(1, 60L, "application/json", "replies/1",
				new byte[] { 1, 2, 3 }, List.of(new MessageProperties.UserProperty("k", "v")));
		Message message = new Message("t", "{}".getBytes(StandardCharsets.UTF_8), 1, false, properties, "pub",
				System.currentTimeMillis());
		ByteBuf encoded = PublishEncoder.encode(message, 1, true, 9, false, true, List.of(4, 7),
				System.currentTimeMillis());
		EmbeddedChannel decoder = new EmbeddedChannel(new MqttDecoder());
		decoder.writeInbound(
				Unpooled.wrappedBuffer(new byte[] { 0x10, 14, 0, 4, 'M', 'Q', 'T', 'T', 5, 2, 0, 60, 0, 0, 1, 'p' }));
		decoder.readInbound();
		decoder.writeInbound(encoded);
		MqttPublishMessage decoded = decoder.readInbound();
		try {
			assertThat(decoded.fixedHeader().isRetain()).isTrue();
			assertThat(decoded.variableHeader().packetId()).isEqualTo(9);
			MessageProperties read = MessagePropertiesMapper.fromWire(decoded.variableHeader().properties());
			assertThat(read.payloadFormatIndicator()).isEqualTo(1);
			assertThat(read.messageExpiryInterval()).isBetween(59L, 60L);
			assertThat(read.contentType()).isEqualTo("application/json");
			assertThat(read.responseTopic()).isEqualTo("replies/1");
			assertThat(read.correlationData()).containsExactly(1, 2, 3);
			assertThat(read.userProperties()).containsExactly(new MessageProperties.UserProperty("k", "v"));
			assertThat(decoded.variableHeader()
				.properties()
				.getProperties(MqttProperties.MqttPropertyType.SUBSCRIPTION_IDENTIFIER.value()))
				.extracting((property) -> property.value())
				.containsExactly(4, 7);
		}
		finally {
			decoded.release();
			decoder.finishAndReleaseAll();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "hello" })
	void qos0PacketsNeedNoPacketId(String text) {
		Message message = Message.of("a/b", text.getBytes(StandardCharsets.UTF_8), 0, false);
		ByteBuf encoded = PublishEncoder.encodeShared(message, 0, false, System.currentTimeMillis());
		assertThat(encoded.readableBytes()).isEqualTo(2 + 2 + 3 + text.length());
		EmbeddedChannel decoder = new EmbeddedChannel(new MqttDecoder());
		decoder.writeInbound(encoded);
		MqttPublishMessage decoded = decoder.readInbound();
		assertThat(decoded.payload().toString(StandardCharsets.UTF_8)).isEqualTo(text);
		decoded.release();
		decoder.finishAndReleaseAll();
	}

}
