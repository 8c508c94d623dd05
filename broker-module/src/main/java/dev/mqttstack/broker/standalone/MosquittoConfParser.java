package dev.mqttstack.broker.standalone;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Reader of a mosquitto.conf: one {@code directive value} per line, {@code #} comments
 * and blank lines ignored. The directives the standalone broker supports are read and
 * checked here, each bad value an error naming {@code file:line}; every other directive
 * becomes one warning naming {@code file:line} and is ignored.
 */
final class MosquittoConfParser {

	/** The largest packet MQTT can carry (the remaining length's limit plus header). */
	static final int MQTT_MAX_PACKET = 268_435_455;

	private static final Set<String> LOG_TYPES = Set.of("debug", "error", "warning", "notice", "information",
			"subscribe", "unsubscribe", "websockets", "none", "all");

	private final MosquittoConf conf = new MosquittoConf();

	private ConfListener current;

	private MosquittoConfParser() {
		this.current = this.conf.defaultListener;
	}

	/**
	 * Reads a mosquitto.conf.
	 * @param file the file
	 * @return its settings
	 * @throws ConfException if it cannot be read or a line is wrong
	 */
	static MosquittoConf parse(Path file) throws ConfException {
		List<String> lines;
		try {
			lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new ConfException(file.toString(), "cannot read the config file (" + ex + ")");
		}
		MosquittoConfParser parser = new MosquittoConfParser();
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i).strip();
			if (!line.isEmpty() && !line.startsWith("#")) {
				parser.directive(file + ":" + (i + 1), line);
			}
		}
		return parser.conf;
	}

	private void directive(String at, String line) throws ConfException {
		String[] words = line.split("\\s+", 2);
		String name = words[0];
		String value = (words.length > 1) ? words[1].strip() : "";
		MosquittoConf c = this.conf;
		switch (name) {
			case "listener" -> listener(at, value);
			case "protocol" -> this.current.websockets = switch (required(at, name, value)) {
				case "mqtt" -> false;
				case "websockets" -> true;
				default -> throw new ConfException(at, "protocol must be mqtt or websockets, not '" + value + "'");
			};
			case "allow_anonymous" -> security().allowAnonymous = bool(at, name, value);
			case "password_file" -> {
				security().passwordFile = readableFile(at, name, value);
				security().passwordFileLocation = at;
			}
			case "acl_file" -> {
				security().aclFile = readableFile(at, name, value);
				security().aclFileLocation = at;
			}
			case "cafile" -> tls(at).cafile = readableFile(at, name, value);
			case "certfile" -> tls(at).certfile = readableFile(at, name, value);
			case "keyfile" -> tls(at).keyfile = readableFile(at, name, value);
			case "require_certificate" -> tls(at).requireCertificate = bool(at, name, value);
			case "use_identity_as_username" -> tls(at).useIdentityAsUsername = bool(at, name, value);
			case "max_keepalive" -> c.maxKeepalive = integer(at, name, value, 0, 65_535);
			case "max_packet_size" -> c.maxPacketSize = integer(at, name, value, 0, MQTT_MAX_PACKET);
			case "max_inflight_messages" -> c.maxInflightMessages = integer(at, name, value, 0, 65_535);
			case "max_queued_messages" -> c.maxQueuedMessages = integer(at, name, value, 0, Integer.MAX_VALUE);
			case "message_size_limit" -> c.messageSizeLimit = integer(at, name, value, 0, MQTT_MAX_PACKET);
			case "retain_available" -> c.retainAvailable = bool(at, name, value);
			case "sys_interval" -> c.sysInterval = integer(at, name, value, 0, 65_535);
			case "log_type" -> logType(at, value);
			case "per_listener_settings" -> {
				c.perListenerSettings = bool(at, name, value);
				c.perListenerSettingsLocation = at;
			}
			default -> c.warnings.add(at + ": unsupported directive '" + name + "', ignored");
		}
	}

	private void listener(String at, String value) throws ConfException {
		String[] words = required(at, "listener", value).split("\\s+");
		if (words.length > 2) {
			throw new ConfException(at, "listener takes a port and an optional address, not '" + value + "'");
		}
		int port = integer(at, "listener", words[0], 1, 65_535);
		this.current = new ConfListener(at, port, (words.length > 1) ? words[1] : null);
		this.conf.listeners.add(this.current);
	}

	/** Where security directives go: the listener with per-listener settings. */
	private ConfSecurity security() {
		return this.conf.perListenerSettings ? this.current.security : this.conf.security;
	}

	private ConfListener tls(String at) {
		this.current.tlsLocation = at;
		return this.current;
	}

	private void logType(String at, String value) throws ConfException {
		String type = required(at, "log_type", value);
		if (!LOG_TYPES.contains(type)) {
			throw new ConfException(at, "log_type must be one of "
					+ String.join(", ", LOG_TYPES.stream().sorted().toList()) + ", not '" + type + "'");
		}
		this.conf.logTypes.add(type);
	}

	private static String required(String at, String name, String value) throws ConfException {
		if (value.isEmpty()) {
			throw new ConfException(at, name + " needs a value");
		}
		return value;
	}

	private static boolean bool(String at, String name, String value) throws ConfException {
		return switch (required(at, name, value)) {
			case "true" -> true;
			case "false" -> false;
			default -> throw new ConfException(at, name + " must be true or false, not '" + value + "'");
		};
	}

	private static int integer(String at, String name, String value, int min, long max) throws ConfException {
		long number;
		try {
			number = Long.parseLong(required(at, name, value));
		}
		catch (NumberFormatException ex) {
			throw new ConfException(at, name + " must be a whole number, not '" + value + "'");
		}
		if (number < min || number > max) {
			throw new ConfException(at, name + " must be between " + min + " and " + max + ", not " + number);
		}
		return (int) number;
	}

	private Path readableFile(String at, String name, String value) throws ConfException {
		Path path = Path.of(required(at, name, value));
		if (!Files.isReadable(path) || Files.isDirectory(path)) {
			throw new ConfException(at, name + " " + path.toAbsolutePath() + " is not a readable file");
		}
		return path;
	}

}
