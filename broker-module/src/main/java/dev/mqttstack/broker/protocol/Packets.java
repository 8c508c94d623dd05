package dev.mqttstack.broker.protocol;

import java.util.List;

import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnAckVariableHeader;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import io.netty.handler.codec.mqtt.MqttUnsubAckPayload;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;

import dev.mqttstack.broker.ReasonCode;

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
		return connAck(returnCode, sessionPresent, MqttProperties.NO_PROPERTIES);
	}

	public static MqttConnAckMessage connAck(int returnCode, boolean sessionPresent, MqttProperties properties) {
		return new MqttConnAckMessage(
				new MqttFixedHeader(MqttMessageType.CONNACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
				new MqttConnAckVariableHeader(MqttConnectReturnCode.valueOf((byte) returnCode), sessionPresent,
						properties));
	}

	/**
	 * A PUBACK or PUBREC with an MQTT 5 reason code; {@link ReasonCode#SUCCESS} is sent
	 * in the short form MQTT 3.1.1 also understands.
	 * @param type PUBACK or PUBREC
	 * @param packetId the packet identifier
	 * @param reasonCode the reason code, only sent to MQTT 5 clients
	 * @param mqtt5 whether the client speaks MQTT 5
	 * @return the packet
	 */
	public static MqttMessage pubReply(MqttMessageType type, int packetId, ReasonCode reasonCode, boolean mqtt5) {
		if (!mqtt5 || reasonCode == ReasonCode.SUCCESS) {
			return ack(type, MqttQoS.AT_MOST_ONCE, packetId);
		}
		return new MqttMessage(new MqttFixedHeader(type, false, MqttQoS.AT_MOST_ONCE, false, 0),
				new MqttPubReplyMessageVariableHeader(packetId, (byte) reasonCode.value(),
						MqttProperties.NO_PROPERTIES));
	}

	/**
	 * An MQTT 5 UNSUBACK with a reason code per topic filter.
	 * @param packetId the packet identifier
	 * @param reasonCodes the reason codes, in request order
	 * @return the packet
	 */
	public static MqttUnsubAckMessage unsubAck(int packetId, List<Short> reasonCodes) {
		return new MqttUnsubAckMessage(
				new MqttFixedHeader(MqttMessageType.UNSUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
				MqttMessageIdVariableHeader.from(packetId), new MqttUnsubAckPayload(reasonCodes));
	}

	/**
	 * An MQTT 5 AUTH from the broker, carrying the next step of enhanced authentication.
	 * @param reasonCode usually {@link ReasonCode#CONTINUE_AUTHENTICATION}
	 * @param method the authentication method
	 * @param data the authentication data, or {@code null}
	 * @return the packet
	 */
	public static MqttMessage auth(ReasonCode reasonCode, String method, byte[] data) {
		return new MqttMessage(new MqttFixedHeader(MqttMessageType.AUTH, false, MqttQoS.AT_MOST_ONCE, false, 0),
				new MqttReasonCodeAndPropertiesVariableHeader((byte) reasonCode.value(), authProperties(method, data)));
	}

	/**
	 * The authentication method and data properties of CONNACK or AUTH.
	 * @param method the method
	 * @param data the data, or {@code null}
	 * @return the properties
	 */
	public static MqttProperties authProperties(String method, byte[] data) {
		MqttProperties properties = new MqttProperties();
		properties.add(new MqttProperties.StringProperty(MqttProperties.MqttPropertyType.AUTHENTICATION_METHOD.value(),
				method));
		if (data != null) {
			properties.add(new MqttProperties.BinaryProperty(
					MqttProperties.MqttPropertyType.AUTHENTICATION_DATA.value(), data));
		}
		return properties;
	}

	/**
	 * An MQTT 5 DISCONNECT from the broker.
	 * @param reasonCode why the broker disconnects
	 * @return the packet
	 */
	public static MqttMessage disconnect(ReasonCode reasonCode) {
		return new MqttMessage(new MqttFixedHeader(MqttMessageType.DISCONNECT, false, MqttQoS.AT_MOST_ONCE, false, 0),
				new MqttReasonCodeAndPropertiesVariableHeader((byte) reasonCode.value(), MqttProperties.NO_PROPERTIES));
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
