package dev.mqttstack.admin.acl;

import java.util.Locale;

/** What a rule governs: publishing, subscribing (and so receiving), or both. */
public enum AclAction {

	PUBLISH, SUBSCRIBE, ALL;

	/**
	 * The name used in the API and the database.
	 * @return {@code publish}, {@code subscribe} or {@code all}
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static AclAction of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

	boolean governs(AclOperation operation) {
		return this == ALL || (this == PUBLISH) == (operation == AclOperation.PUBLISH);
	}

}
