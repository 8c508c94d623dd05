package dev.mqttstack.broker.mosquitto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.mqttstack.broker.subscription.TopicFilter;

/**
 * A mosquitto acl_file: {@code user <name>} starts a user's section,
 * {@code topic [read|write|readwrite|deny] <filter>} adds a rule for that user (or,
 * before any {@code user} line, for anonymous clients), and
 * {@code pattern [read|write|readwrite|deny] <filter>} adds a rule for every client, with
 * {@code %u} and {@code %c} standing for whole topic levels. Blank lines and {@code #}
 * comments are ignored; anything else is a {@link #problems() problem}.
 *
 * @param rules the rules, in file order
 * @param problems the lines that could not be read, in file order
 */
public record AclFile(List<AclFileRule> rules, List<FileProblem> problems) {

	public AclFile {
		rules = List.copyOf(rules);
		problems = List.copyOf(problems);
	}

	/**
	 * Reads an acl_file as UTF-8.
	 * @param file the file
	 * @return its rules and problems
	 * @throws IOException if it cannot be read
	 */
	public static AclFile read(Path file) throws IOException {
		return parse(Files.readString(file, StandardCharsets.UTF_8));
	}

	/**
	 * Parses the text of an acl_file.
	 * @param content the text
	 * @return its rules and problems
	 */
	public static AclFile parse(String content) {
		List<AclFileRule> rules = new ArrayList<>();
		List<FileProblem> problems = new ArrayList<>();
		String user = null;
		String[] lines = content.split("\r?\n", -1);
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i].strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			String[] words = line.split("\\s+", 2);
			String rest = (words.length > 1) ? words[1].strip() : "";
			switch (words[0]) {
				case "user" -> {
					if (rest.isEmpty()) {
						problems.add(new FileProblem(i + 1, "'user' needs a user name"));
					}
					user = rest.isEmpty() ? null : rest;
				}
				case "topic" -> rule(i + 1, false, user, rest, rules, problems);
				case "pattern" -> rule(i + 1, true, null, rest, rules, problems);
				default -> problems.add(new FileProblem(i + 1, "unknown keyword '" + words[0] + "'"));
			}
		}
		return new AclFile(rules, problems);
	}

	private static void rule(int line, boolean pattern, String user, String text, List<AclFileRule> rules,
			List<FileProblem> problems) {
		String[] words = text.split("\\s+", 2);
		AclAccess access = AclAccess.of(words[0]);
		String topic = text;
		if (access == null) {
			access = AclAccess.READWRITE;
		}
		else {
			topic = (words.length > 1) ? words[1].strip() : "";
		}
		String keyword = pattern ? "pattern" : "topic";
		if (topic.isEmpty()) {
			problems.add(new FileProblem(line, "'" + keyword + "' needs a topic"));
			return;
		}
		AclFileRule rule = new AclFileRule(line, pattern, user, access, topic);
		String filter = rule.topicFor("u", "c");
		if (pattern && (filter.contains(AclFileRule.USERNAME) || filter.contains(AclFileRule.CLIENT_ID))) {
			problems.add(new FileProblem(line, "%u and %c must stand for a whole topic level"));
		}
		else if (!TopicFilter.isValidFilter(filter)) {
			problems.add(new FileProblem(line, "'" + topic + "' is not a valid topic filter"));
		}
		else {
			rules.add(rule);
		}
	}

}
