package dev.mqttstack.broker.mosquitto;

/**
 * The access word of an acl_file rule: {@code read} (subscribe and receive),
 * {@code write} (publish), {@code readwrite} (both, the default) or {@code deny}
 * (neither, winning over every allowing rule that matches).
 */
public enum AclAccess {

	/** Subscribe and receive. */
	READ,

	/** Publish. */
	WRITE,

	/** Subscribe, receive and publish. */
	READWRITE,

	/** Nothing: the topic is refused even where another rule allows it. */
	DENY;

	/**
	 * Whether this access lets a client subscribe and receive.
	 * @return {@code true} for read and readwrite
	 */
	public boolean reads() {
		return this == READ || this == READWRITE;
	}

	/**
	 * Whether this access lets a client publish.
	 * @return {@code true} for write and readwrite
	 */
	public boolean writes() {
		return this == WRITE || this == READWRITE;
	}

	static AclAccess of(String word) {
		return switch (word) {
			case "read" -> READ;
			case "write" -> WRITE;
			case "readwrite" -> READWRITE;
			case "deny" -> DENY;
			default -> null;
		};
	}

}
