package dev.mqttstack.broker.handler;

import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;

import dev.mqttstack.broker.BrokerConfig;
import dev.mqttstack.broker.session.Session;
import dev.mqttstack.broker.subscription.TopicFilter;

/**
 * The checks of a CONNECT that need no I/O: what makes it malformed (MQTT 3.1.2 and
 * 3.1.3), the broker's keep-alive cap as mosquitto's {@code max_keepalive} applies it,
 * and the session expiry a CONNECT asks for.
 */
final class ConnectChecks {

	static final int MQTT_5 = 5;

	private static final long UNSIGNED_INT_MAX = 0xFFFF_FFFFL;

	/** The largest keep-alive, and the default cap: no cap below it. */
	private static final int KEEP_ALIVE_LIMIT = 65_535;

	private ConnectChecks() {
	}

	static String violation(MqttConnectVariableHeader header, MqttConnectPayload payload) {
		if (!header.isWillFlag() && (header.willQos() != 0 || header.isWillRetain())) {
			return "will QoS or retain set without a will";
		}
		if (header.willQos() > 2) {
			return "will QoS 3";
		}
		if (header.isWillFlag() && !TopicFilter.isValidTopicName(payload.willTopic())) {
			return "invalid will topic";
		}
		if (header.hasPassword() && !header.hasUserName() && header.version() != MQTT_5) {
			return "password without user name";
		}
		if (payload.clientIdentifier() != null && payload.clientIdentifier().indexOf('\u0000') >= 0) {
			return "U+0000 in the client identifier";
		}
		return null;
	}

	static long sessionExpiry(Integer property) {
		if (property == null) {
			return 0;
		}
		long seconds = Integer.toUnsignedLong(property);
		return (seconds == UNSIGNED_INT_MAX) ? Session.NEVER_EXPIRES : seconds;
	}

	static int effectiveKeepAlive(BrokerConfig config, int requested) {
		int max = config.maxKeepAlive();
		return (max > 0 && (requested == 0 || requested > max)) ? max : requested;
	}

	/**
	 * Whether an MQTT 3.1/3.1.1 client's keep-alive passes the cap, as mosquitto's
	 * {@code max_keepalive} decides: more than the cap, or none while the cap is below
	 * the protocol's largest.
	 */
	static boolean keepAliveAboveCap(BrokerConfig config, int requested) {
		int max = config.maxKeepAlive();
		return max > 0 && (requested > max || (requested == 0 && max < KEEP_ALIVE_LIMIT));
	}

}
