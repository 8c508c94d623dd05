package dev.mqttstack.broker.protocol;

import java.util.List;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnAckVariableHeader;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;

import dev.mqttstack.broker.message.Message;

/**
 * Factory of the outbound packets the broker writes, as {@code netty-codec-mqtt} messages
 * for its encoder.
 */
public final class Packets {

	private static final MqttMessage PINGRESP = new MqttMessage(
			new MqttFixedHeader(MqttMessageType.PINGRESP, false, MqttQoS.AT_MOST_ONCE, false, 0));

	private Packets() {
	}

	public static MqttConnAckMessage connAck(int returnCode, boolean sessionPresent) {
		return new MqttConnAckMessage(
				new MqttFixedHeader(MqttMessageType.CONNACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
				new MqttConnAckVariableHeader(MqttConnectReturnCode.valueOf((byte) returnCode), sessionPresent));
	}

	public static MqttPublishMessage publish(Message message, int qos, boolean retain, int packetId, boolean dup) {
		return new MqttPublishMessage(
				new MqttFixedHeader(MqttMessageType.PUBLISH, dup, MqttQoS.valueOf(qos), retain, 0),
				new MqttPublishVariableHeader(message.topic(), packetId), Unpooled.wrappedBuffer(message.payload()));
	}

	public static MqttMessage pubAck(int packetId) {
		return ack(MqttMessageType.PUBACK, MqttQoS.AT_MOST_ONCE, packetId);
	}

	public static MqttMessage pubRec(int packetId) {
		return ack(MqttMessageType.PUBREC, MqttQoS.AT_MOST_ONCE, packetId);
	}

	public static MqttMessage pubRel(int packetId) {
		return ack(MqttMessageType.PUBREL, MqttQoS.AT_LEAST_ONCE, packetId);
	}

	public static MqttMessage pubComp(int packetId) {
		return ack(MqttMessageType.PUBCOMP, MqttQoS.AT_MOST_ONCE, packetId);
	}

	public static MqttSubAckMessage subAck(int packetId, List<Integer> returnCodes) {
		int[] codes = returnCodes.stream().mapToInt(Integer::intValue).toArray();
		return new MqttSubAckMessage(new MqttFixedHeader(MqttMessageType.SUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
				MqttMessageIdVariableHeader.from(packetId), new MqttSubAckPayload(codes));
	}

	public static MqttUnsubAckMessage unsubAck(int packetId) {
		return new MqttUnsubAckMessage(
				new MqttFixedHeader(MqttMessageType.UNSUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
				MqttMessageIdVariableHeader.from(packetId));
	}

	public static MqttMessage pingResp() {
		return PINGRESP;
	}

	private static MqttMessage ack(MqttMessageType type, MqttQoS qos, int packetId) {
		return new MqttMessage(new MqttFixedHeader(type, false, qos, false, 0),
				MqttMessageIdVariableHeader.from(packetId));
	}

}
