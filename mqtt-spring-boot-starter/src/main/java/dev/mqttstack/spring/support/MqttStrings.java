/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.support;

/**
 * Checks and repairs of MQTT UTF-8 strings (topics, user properties, content types): no
 * U+0000, no control characters (U+0001–U+001F, U+007F–U+009F), no unpaired surrogates,
 * no non-characters, which MQTT forbids and Eclipse Paho refuses.
 */
public final class MqttStrings {

	private MqttStrings() {
	}

	/**
	 * Return the index of the first character MQTT forbids in a UTF-8 string.
	 * @param value the string
	 * @return the index, or -1 when the string is valid
	 */
	public static int indexOfForbidden(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isHighSurrogate(c)) {
				if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
					i++;
					continue;
				}
				return i;
			}
			if (Character.isLowSurrogate(c) || isForbidden(c)) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * Turn any text into a valid single-line MQTT string of bounded length: forbidden
	 * characters and line breaks become spaces, runs of white space one space, and a
	 * longer text is cut and ends with an ellipsis.
	 * @param text the text, may be {@code null}
	 * @param maxLength the longest result, at least 2
	 * @return the sanitised text, empty for {@code null}
	 */
	public static String sanitize(String text, int maxLength) {
		if (text == null) {
			return "";
		}
		StringBuilder clean = new StringBuilder(Math.min(text.length(), maxLength + 2));
		boolean space = true;
		for (int i = 0; i < text.length() && clean.length() <= maxLength; i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				clean.append(c).append(text.charAt(++i));
				space = false;
			}
			else if (Character.isWhitespace(c) || Character.isSurrogate(c) || isForbidden(c)) {
				if (!space) {
					clean.append(' ');
				}
				space = true;
			}
			else {
				clean.append(c);
				space = false;
			}
		}
		String result = clean.toString().stripTrailing();
		if (result.length() <= maxLength) {
			return result;
		}
		int end = maxLength - 1;
		if (Character.isHighSurrogate(result.charAt(end - 1))) {
			end--;
		}
		return result.substring(0, end).stripTrailing() + "\u2026";
	}

	private static boolean isForbidden(char c) {
		return c <= 0x1F || (c >= 0x7F && c <= 0x9F) || c == 0xFFFE || c == 0xFFFF || (c >= 0xFDD0 && c <= 0xFDEF);
	}

}
