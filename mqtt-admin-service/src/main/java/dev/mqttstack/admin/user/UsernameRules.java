package dev.mqttstack.admin.user;

/** Rules of an MQTT user name, shared by the REST validation and the file import. */
final class UsernameRules {

	static final String PATTERN = "[^+#/\\p{Cc}]*";

	static final String MESSAGE = "must not contain '+', '#', '/' or control characters";

	static final int MAX_LENGTH = 256;

	private UsernameRules() {
	}

	/**
	 * Why a user name is invalid.
	 * @param username the candidate
	 * @return the reason, or {@code null} when valid
	 */
	static String problem(String username) {
		if (username == null || username.isEmpty()) {
			return "must not be empty";
		}
		if (username.length() > MAX_LENGTH) {
			return "size must be between 0 and " + MAX_LENGTH;
		}
		return username.matches(PATTERN) ? null : MESSAGE;
	}

}
