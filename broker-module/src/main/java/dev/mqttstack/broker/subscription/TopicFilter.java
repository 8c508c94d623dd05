package dev.mqttstack.broker.subscription;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed MQTT topic filter, with the validation rules for filters and topic names.
 * <p>
 * {@code +} matches one level, {@code #} the rest (the parent level included); a topic
 * starting with {@code $} is not matched by a filter starting with a wildcard.
 */
public final class TopicFilter {

	/**
	 * Longest topic name or filter in UTF-8 bytes, as MQTT's two-byte length prefix
	 * allows.
	 */
	public static final int MAX_LENGTH = 65_535;

	private final String filter;

	private final String[] levels;

	private TopicFilter(String filter, String[] levels) {
		this.filter = filter;
		this.levels = levels;
	}

	/**
	 * Parses a filter.
	 * @param filter the filter
	 * @return the parsed filter
	 * @throws IllegalArgumentException if it is not a valid filter
	 */
	public static TopicFilter parse(String filter) {
		if (!isValidFilter(filter)) {
			throw new IllegalArgumentException("Invalid topic filter '" + filter + "'");
		}
		return new TopicFilter(filter, levels(filter));
	}

	/**
	 * Whether a string is a valid topic filter: not empty, {@code +} and {@code #} alone
	 * in their level, {@code #} last, no U+0000.
	 * @param filter the candidate
	 * @return {@code true} if valid
	 */
	public static boolean isValidFilter(String filter) {
		if (filter == null || filter.isEmpty() || filter.length() > MAX_LENGTH || !isValidText(filter)) {
			return false;
		}
		int length = filter.length();
		for (int i = 0; i < length; i++) {
			char c = filter.charAt(i);
			if (c == '+' || c == '#') {
				boolean aloneBefore = i == 0 || filter.charAt(i - 1) == '/';
				boolean aloneAfter = i == length - 1 || filter.charAt(i + 1) == '/';
				if (!aloneBefore || !aloneAfter || (c == '#' && i != length - 1)) {
					return false;
				}
			}
		}
		return true;
	}

	/**
	 * Whether a string is a valid topic name for PUBLISH: not empty, no wildcards, no
	 * U+0000, well-formed UTF-16 (so it was well-formed UTF-8 on the wire).
	 * @param topic the candidate
	 * @return {@code true} if valid
	 */
	public static boolean isValidTopicName(String topic) {
		if (topic == null || topic.isEmpty() || topic.length() > MAX_LENGTH || !isValidText(topic)) {
			return false;
		}
		return topic.indexOf('+') < 0 && topic.indexOf('#') < 0;
	}

	/**
	 * Whether a filter holds {@code +} or {@code #}.
	 * @param filter the filter
	 * @return {@code true} if it has a wildcard
	 */
	public static boolean hasWildcard(String filter) {
		return filter.indexOf('+') >= 0 || filter.indexOf('#') >= 0;
	}

	/**
	 * Counts the levels of a topic or filter without splitting it.
	 * @param topic the topic or filter
	 * @return the number of levels
	 */
	public static int levelCount(String topic) {
		int levels = 1;
		for (int i = 0; i < topic.length(); i++) {
			if (topic.charAt(i) == '/') {
				levels++;
			}
		}
		return levels;
	}

	/**
	 * Whether a topic or filter is within the broker's size limits.
	 * @param topic the topic or filter
	 * @param maxLevels most levels allowed
	 * @param maxLength most UTF-8 bytes allowed
	 * @return {@code true} when it has no more levels and bytes than allowed
	 */
	public static boolean fits(String topic, int maxLevels, int maxLength) {
		return levelCount(topic) <= maxLevels && (topic.length() * 3 <= maxLength || utf8Length(topic) <= maxLength);
	}

	private static int utf8Length(String text) {
		int bytes = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				bytes++;
			}
			else if (c < 0x800) {
				bytes += 2;
			}
			else if (Character.isHighSurrogate(c)) {
				bytes += 4;
				i++;
			}
			else {
				bytes += 3;
			}
		}
		return bytes;
	}

	/**
	 * Splits a topic or filter into its levels; empty levels are kept.
	 * @param topic the topic or filter
	 * @return its levels
	 */
	public static String[] levels(String topic) {
		List<String> levels = new ArrayList<>(8);
		int start = 0;
		int slash;
		while ((slash = topic.indexOf('/', start)) >= 0) {
			levels.add(topic.substring(start, slash));
			start = slash + 1;
		}
		levels.add(topic.substring(start));
		return levels.toArray(new String[0]);
	}

	/**
	 * Whether this filter matches a topic name.
	 * @param topic the topic name
	 * @return {@code true} on a match
	 */
	public boolean matches(String topic) {
		return matches(this.levels, levels(topic));
	}

	static boolean matches(String[] filter, String[] topic) {
		if (topic[0].startsWith("$") && (filter[0].equals("+") || filter[0].equals("#"))) {
			return false;
		}
		for (int i = 0; i < filter.length; i++) {
			String level = filter[i];
			if (level.equals("#")) {
				return true;
			}
			if (i >= topic.length || (!level.equals("+") && !level.equals(topic[i]))) {
				return false;
			}
		}
		return filter.length == topic.length;
	}

	/**
	 * The filter text.
	 * @return the filter as given
	 */
	public String filter() {
		return this.filter;
	}

	@Override
	public String toString() {
		return this.filter;
	}

	/**
	 * U+0000 is forbidden, and the UTF-8 decoder turns malformed bytes into unpaired
	 * surrogates or U+FFFD.
	 */
	private static boolean isValidText(String text) {
		int length = text.length();
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (c == '\u0000' || c == '\uFFFD') {
				return false;
			}
			if (Character.isHighSurrogate(c)) {
				if (i + 1 >= length || !Character.isLowSurrogate(text.charAt(i + 1))) {
					return false;
				}
				i++;
			}
			else if (Character.isLowSurrogate(c)) {
				return false;
			}
		}
		return true;
	}

}
