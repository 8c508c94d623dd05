package dev.mqttstack.admin.acl;

import java.util.Locale;

/**
 * An operation a client asks for: publishing to a topic, subscribing to a filter, or
 * receiving a message on a topic it subscribed to (governed by subscribe rules).
 */
public enum AclOperation {

	PUBLISH, SUBSCRIBE, RECEIVE;

	public static AclOperation of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
