package dev.mqttstack.broker.mosquitto;

import java.util.ArrayList;
import java.util.List;

/**
 * One rule of a mosquitto acl_file.
 *
 * @param line the line number, from 1
 * @param pattern {@code true} for a {@code pattern} line (every client, with {@code %u}
 * and {@code %c} standing for its user name and client identifier), {@code false} for a
 * {@code topic} line
 * @param username for a {@code topic} line, the user of the {@code user} section it
 * stands in, or {@code null} for a line before any {@code user} line (anonymous clients);
 * {@code null} for a pattern
 * @param access what the rule allows or denies
 * @param topic the topic filter, for a pattern with {@code %u} and {@code %c} as whole
 * levels
 */
public record AclFileRule(int line, boolean pattern, String username, AclAccess access, String topic) {

	/** The placeholder of a pattern that stands for the user name. */
	public static final String USERNAME = "%u";

	/** The placeholder of a pattern that stands for the client identifier. */
	public static final String CLIENT_ID = "%c";

	/**
	 * The topic filter with each placeholder level replaced.
	 * @param username what {@code %u} becomes
	 * @param clientId what {@code %c} becomes
	 * @return the filter
	 */
	public String topicFor(String username, String clientId) {
		if (!this.pattern) {
			return this.topic;
		}
		List<String> levels = new ArrayList<>();
		for (String level : this.topic.split("/", -1)) {
			levels.add(switch (level) {
				case USERNAME -> username;
				case CLIENT_ID -> clientId;
				default -> level;
			});
		}
		return String.join("/", levels);
	}

	/**
	 * Whether the topic names a placeholder level.
	 * @param placeholder {@link #USERNAME} or {@link #CLIENT_ID}
	 * @return {@code true} if one level is exactly the placeholder
	 */
	public boolean uses(String placeholder) {
		return this.pattern && List.of(this.topic.split("/", -1)).contains(placeholder);
	}

}
