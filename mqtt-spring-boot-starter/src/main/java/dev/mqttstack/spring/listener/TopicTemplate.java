/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.listener;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A topic filter whose whole segments may be named variables:
 * {@code sensors/{deviceId}/telemetry} subscribes as {@code sensors/+/telemetry} and
 * binds {@code deviceId} from each received topic.
 */
public final class TopicTemplate {

	private final String template;

	private final String filter;

	private final List<String> segments;

	private TopicTemplate(String template) {
		this.template = template;
		List<String> parts = new ArrayList<>();
		Collections.addAll(parts, template.split("/", -1));
		this.segments = List.copyOf(parts);
		List<String> filterParts = new ArrayList<>();
		for (String segment : parts) {
			filterParts.add(isVariable(segment) ? "+" : segment);
		}
		this.filter = String.join("/", filterParts);
	}

	/**
	 * Parse a template.
	 * @param template the template, a plain filter when it names no variable
	 * @return the template
	 */
	public static TopicTemplate parse(String template) {
		return new TopicTemplate(template);
	}

	/**
	 * Return the MQTT topic filter to subscribe with.
	 * @return the filter
	 */
	public String getFilter() {
		return this.filter;
	}

	public String getTemplate() {
		return this.template;
	}

	/**
	 * Whether any segment names a variable.
	 * @return {@code true} when variables are bound
	 */
	public boolean hasVariables() {
		return !this.filter.equals(this.template);
	}

	/**
	 * Match a received topic and bind the variables.
	 * @param topic the topic a message was published to
	 * @return the variables by name, or {@code null} when the topic does not match
	 */
	public Map<String, String> match(String topic) {
		String[] parts = topic.split("/", -1);
		Map<String, String> variables = new LinkedHashMap<>();
		for (int i = 0; i < this.segments.size(); i++) {
			String segment = this.segments.get(i);
			if (segment.equals("#")) {
				return variables;
			}
			if (i >= parts.length) {
				return null;
			}
			if (isVariable(segment)) {
				variables.put(segment.substring(1, segment.length() - 1), parts[i]);
			}
			else if (!segment.equals("+") && !segment.equals(parts[i])) {
				return null;
			}
		}
		return (parts.length == this.segments.size()) ? variables : null;
	}

	private static boolean isVariable(String segment) {
		return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
	}

	@Override
	public String toString() {
		return this.template;
	}

}
