package dev.mqttstack.admin.user;

import dev.mqttstack.admin.web.WellFormedStringModule;

/**
 * Rules of an MQTT user name, shared by the REST validation and the file import: letters
 * and digits of any script, and {@code . _ - @ : ~}; nothing else. A user name stands in
 * for {@code ${username}} in ACL topics, so it must not hold topic separators or
 * wildcards ({@code / + #}), nor {@code $}, braces or whitespace (no second substitution,
 * no name that only differs by spaces).
 */
final class UsernameRules {

	static final String PATTERN = "[\\p{L}\\p{M}\\p{N}._@:~-]*";

	static final String MESSAGE = "may hold letters, digits and . _ - @ : ~ only";

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
		if (WellFormedStringModule.unpairedSurrogate(username) >= 0) {
			return "must not contain unpaired UTF-16 surrogates (no UTF-8 form)";
		}
		return username.matches(PATTERN) ? null : MESSAGE;
	}

}
