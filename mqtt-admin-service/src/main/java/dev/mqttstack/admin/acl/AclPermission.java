package dev.mqttstack.admin.acl;

import java.util.Locale;

/** What a matching rule decides. */
public enum AclPermission {

	ALLOW, DENY;

	/**
	 * The name used in the API and the database.
	 * @return {@code allow} or {@code deny}
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static AclPermission of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
