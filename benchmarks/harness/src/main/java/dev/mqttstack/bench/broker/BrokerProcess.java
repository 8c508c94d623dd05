package dev.mqttstack.bench.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.mqttstack.bench.loadgen.LoadClient.Credentials;

/**
 * One broker under test as a child process on a free loopback port, pinned with
 * {@code taskset} to the benchmark's broker CPU set, its output in a log file; ready once
 * it answers an MQTT CONNECT.
 */
public final class BrokerProcess implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private final BrokerKind kind;

	private final Process process;

	private final int port;

	private final BenchEnvironment environment;

	private BrokerProcess(BrokerKind kind, Process process, int port, BenchEnvironment environment) {
		this.kind = kind;
		this.process = process;
		this.port = port;
		this.environment = environment;
	}

	/**
	 * Starts a broker and waits until it accepts a CONNECT.
	 * @param credentials the one user it accepts, or null to accept anonymous clients
	 * @param extraJvmOptions more options for a JVM broker (a profiler agent)
	 */
	public static BrokerProcess start(BrokerKind kind, BenchEnvironment environment, Credentials credentials,
			String runName, List<String> extraJvmOptions) throws IOException, InterruptedException {
		int port = freePort();
		Path dir = Files.createDirectories(environment.work().resolve(runName + "-" + kind.label()));
		List<String> command = new ArrayList<>();
		if (!environment.brokerCpus().isEmpty()) {
			command.addAll(List.of("taskset", "-c", environment.brokerCpus()));
		}
		if (kind.jvm()) {
			command.add(environment.java());
			command.addAll(environment.jvmOptions());
			command.addAll(extraJvmOptions);
		}
		command.addAll(switch (kind) {
			case OURS -> ours(environment, port, credentials);
			case MOSQUITTO -> mosquitto(dir, port, credentials);
			case MOQUETTE -> moquette(environment, port, credentials);
			case HIVEMQ -> hivemq(environment, dir, port, credentials);
		});
		Files.writeString(dir.resolve("command.txt"), String.join(" ", command));
		Process process = new ProcessBuilder(command).directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("broker.log").toFile())
			.start();
		BrokerProcess broker = new BrokerProcess(kind, process, port, environment);
		try {
			broker.awaitReady(credentials);
		}
		catch (IOException | RuntimeException ex) {
			broker.close();
			throw new IOException(kind.label() + " did not start: see " + dir.resolve("broker.log"), ex);
		}
		return broker;
	}

	private static List<String> ours(BenchEnvironment environment, int port, Credentials credentials) {
		List<String> args = new ArrayList<>(List.of("-cp", environment.classpath("harness")));
		if (credentials == null) {
			args.addAll(List.of("dev.mqttstack.broker.standalone.BrokerMain", "-p", Integer.toString(port), "-b",
					"127.0.0.1", "--max-inflight", "20", "--max-queued", "1000", "--sys-interval", "0"));
		}
		else {
			args.addAll(List.of(OurBrokerLauncher.class.getName(), Integer.toString(port), credentials.username(),
					credentials.password()));
		}
		return args;
	}

	private static List<String> mosquitto(Path dir, int port, Credentials credentials)
			throws IOException, InterruptedException {
		StringBuilder config = new StringBuilder();
		config.append("listener ").append(port).append(" 127.0.0.1\n");
		config.append("persistence false\n");
		config.append("max_queued_messages 1000\n");
		config.append("max_inflight_messages 20\n");
		config.append("set_tcp_nodelay true\n");
		config.append("sys_interval 0\n");
		config.append("log_type error\nlog_type warning\n");
		if (credentials == null) {
			config.append("allow_anonymous true\n");
		}
		else {
			Path passwords = dir.resolve("passwords");
			Files.deleteIfExists(passwords);
			Process passwd = new ProcessBuilder("mosquitto_passwd", "-c", "-b", passwords.toString(),
					credentials.username(), credentials.password())
				.redirectErrorStream(true)
				.start();
			if (!passwd.waitFor(30, TimeUnit.SECONDS) || passwd.exitValue() != 0) {
				throw new IOException("mosquitto_passwd failed");
			}
			config.append("allow_anonymous false\npassword_file ").append(passwords).append('\n');
		}
		Path file = dir.resolve("mosquitto.conf");
		Files.writeString(file, config);
		return List.of(mosquittoBinary(), "-c", file.toString());
	}

	private static String mosquittoBinary() {
		for (String candidate : List.of("/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto")) {
			if (Files.isExecutable(Path.of(candidate))) {
				return candidate;
			}
		}
		return "mosquitto";
	}

	private static List<String> moquette(BenchEnvironment environment, int port, Credentials credentials) {
		List<String> args = new ArrayList<>(List.of("-cp", environment.classpath("moquette-launcher"),
				"dev.mqttstack.bench.moquette.MoquetteLauncher", Integer.toString(port)));
		if (credentials != null) {
			args.addAll(List.of(credentials.username(), credentials.password()));
		}
		return args;
	}

	private static List<String> hivemq(BenchEnvironment environment, Path dir, int port, Credentials credentials) {
		List<String> args = new ArrayList<>(List.of("-cp", environment.classpath("hivemq-launcher"),
				"dev.mqttstack.bench.hivemq.HiveMqLauncher", Integer.toString(port), dir.resolve("home").toString()));
		if (credentials != null) {
			args.addAll(List.of(credentials.username(), credentials.password()));
		}
		return args;
	}

	public BrokerKind kind() {
		return this.kind;
	}

	public int port() {
		return this.port;
	}

	public long pid() {
		return this.process.pid();
	}

	/** CPU seconds the broker used so far. */
	public double cpuSeconds() {
		return ProcStats.cpuSeconds(pid());
	}

	/** Resident memory now, in KiB. */
	public long rssKib() {
		return ProcStats.rssKib(pid());
	}

	/**
	 * Asks a JVM broker for a full garbage collection (so its resident memory counts what
	 * it holds, not garbage it has not collected yet); nothing for a native broker.
	 */
	public void collectGarbage() throws InterruptedException {
		if (!this.kind.jvm()) {
			return;
		}
		try {
			Path jcmd = Path.of(this.environment.java()).resolveSibling("jcmd");
			Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), "GC.run").redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			gc.waitFor(30, TimeUnit.SECONDS);
		}
		catch (IOException ex) {
			// no jcmd: memory is then read without a collection
		}
	}

	/** Runs a diagnostic command in the broker's JVM (loading the profiler agent). */
	public String jcmd(String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(this.environment.java()).resolveSibling("jcmd").toString());
		command.add(Long.toString(pid()));
		command.addAll(List.of(args));
		Process jcmd = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		jcmd.waitFor(60, TimeUnit.SECONDS);
		return output;
	}

	private void awaitReady(Credentials credentials) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		IOException last = null;
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IOException("exited with " + this.process.exitValue());
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", this.port), 1000);
				socket.setSoTimeout(5000);
				socket.getOutputStream().write(connect(credentials));
				InputStream in = socket.getInputStream();
				byte[] connAck = in.readNBytes(4);
				if (connAck.length == 4 && connAck[0] == 0x20 && connAck[3] == 0) {
					return;
				}
				last = new IOException("CONNACK " + java.util.HexFormat.of().formatHex(connAck));
			}
			catch (IOException ex) {
				last = ex;
			}
			Thread.sleep(50);
		}
		throw new IOException("not ready in " + START_TIMEOUT, last);
	}

	private static byte[] connect(Credentials credentials) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		writeString(body, "MQTT");
		body.write(4);
		body.write(0x02 | ((credentials != null) ? 0xC0 : 0));
		body.write(0);
		body.write(0);
		writeString(body, "bench-probe");
		if (credentials != null) {
			writeString(body, credentials.username());
			writeString(body, credentials.password());
		}
		ByteArrayOutputStream packet = new ByteArrayOutputStream();
		packet.write(0x10);
		packet.write(body.size());
		packet.writeBytes(body.toByteArray());
		packet.write(0xE0);
		packet.write(0);
		return packet.toByteArray();
	}

	private static void writeString(ByteArrayOutputStream out, String value) {
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		out.write(bytes.length >> 8);
		out.write(bytes.length & 0xFF);
		out.writeBytes(bytes);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/** Stops the broker: SIGTERM, then SIGKILL after ten seconds. */
	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

}
