package dev.mqttstack.broker.mosquitto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mosquitto password file as {@code mosquitto_passwd} writes it: one
 * {@code username:hash} per line, blank lines and {@code #} comments ignored. Lines
 * without a colon, with an empty user name or with a hash that is not a well-formed
 * {@code $6$} or {@code $7$} hash are {@link #problems() problems}, not entries.
 *
 * @param entries the well-formed lines, in file order
 * @param problems the lines that could not be read, in file order
 */
public record PasswordFile(List<Entry> entries, List<FileProblem> problems) {

	public PasswordFile {
		entries = List.copyOf(entries);
		problems = List.copyOf(problems);
	}

	/**
	 * Reads a password file as UTF-8.
	 * @param file the file
	 * @return its entries and problems
	 * @throws IOException if it cannot be read
	 */
	public static PasswordFile read(Path file) throws IOException {
		return parse(Files.readString(file, StandardCharsets.UTF_8));
	}

	/**
	 * Parses the text of a password file.
	 * @param content the text
	 * @return its entries and problems
	 */
	public static PasswordFile parse(String content) {
		List<Entry> entries = new ArrayList<>();
		List<FileProblem> problems = new ArrayList<>();
		String[] lines = content.split("\r?\n", -1);
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i].strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			int colon = line.indexOf(':');
			if (colon < 0) {
				problems.add(new FileProblem(i + 1, "expected 'username:hash'"));
				continue;
			}
			String username = line.substring(0, colon);
			String hash = line.substring(colon + 1);
			if (username.isEmpty()) {
				problems.add(new FileProblem(i + 1, "empty user name"));
			}
			else if (!MosquittoPasswordHash.isWellFormed(hash)) {
				problems.add(new FileProblem(i + 1, "not a mosquitto $7$ or $6$ password hash"));
			}
			else {
				entries.add(new Entry(i + 1, username, hash));
			}
		}
		return new PasswordFile(entries, problems);
	}

	/**
	 * The hash of each user; a user named twice keeps its first hash.
	 * @return user name to encoded hash, in file order
	 */
	public Map<String, String> hashes() {
		Map<String, String> hashes = new LinkedHashMap<>();
		for (Entry entry : this.entries) {
			hashes.putIfAbsent(entry.username(), entry.hash());
		}
		return hashes;
	}

	/**
	 * One {@code username:hash} line.
	 *
	 * @param line the line number, from 1
	 * @param username the user name
	 * @param hash the encoded hash, well-formed
	 */
	public record Entry(int line, String username, String hash) {

	}

}
