package dev.mqttstack.broker.standalone;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mqttstack.broker.MqttBroker;

/**
 * Command-line runner of a standalone broker ({@code java -jar mqtt-broker.jar}); its
 * options follow mosquitto's.
 *
 * <pre>
 * -c, --config-file FILE   read a mosquitto.conf
 * -p, --port PORT          listen on 127.0.0.1:PORT when the file has no listener (repeatable)
 * -v, --verbose            log every packet (overrides log_type)
 * -h, --help               print the usage
 * -b, --bind ADDRESS       address of the -p ports (default 127.0.0.1)
 *     --max-inflight N     unacknowledged QoS 1/2 messages per client (default 20)
 *     --max-queued N       queued QoS 1/2 messages per session (default 1000)
 *     --max-packet-size N  largest packet in bytes (default 2097152)
 *     --sys-interval S     seconds between $SYS updates, 0 for none (default 10)
 *     --io-threads N       event loop threads (default one per core)
 * </pre>
 *
 * Exits with 1 when the config file or a file it names is wrong, 2 on a bad option.
 */
public final class BrokerMain {

	private BrokerMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		CommandLine line;
		try {
			line = CommandLine.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println("Error: " + ex.getMessage());
			usage();
			System.exit(2);
			return;
		}
		if (line.help) {
			usage();
			return;
		}
		MosquittoConf conf;
		try {
			conf = (line.configFile != null) ? MosquittoConfParser.parse(line.configFile) : new MosquittoConf();
		}
		catch (ConfException ex) {
			System.err.println("Error: " + ex.getMessage());
			System.exit(1);
			return;
		}
		// Before any broker class logs: the logger reads its settings once, at first use.
		configureLogging(line.verbose ? "debug" : conf.logLevel());
		// Netty samples buffers for leak reports by default, at a cost on every message;
		// the tests run with it on (paranoid), a production broker without.
		if (System.getProperty("io.netty.leakDetection.level") == null) {
			System.setProperty("io.netty.leakDetection.level", "disabled");
		}
		Logger logger = LoggerFactory.getLogger(BrokerMain.class);
		MqttBroker.Builder builder = MqttBroker.builder();
		ExecutorService hashing = StandaloneBroker.hashingPool();
		StandaloneBroker assembly;
		try {
			assembly = StandaloneBroker.assemble(conf, line.ports, line.bindAddress, hashing, builder);
			line.overrides(builder);
		}
		catch (ConfException | IllegalArgumentException ex) {
			System.err.println("Error: " + ex.getMessage());
			System.exit(1);
			return;
		}
		assembly.warnings().forEach(logger::warn);
		MqttBroker broker = builder.build();
		broker.start();
		ReloadSignal.install(assembly, logger);
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			broker.stop();
			stopped.countDown();
		}, "mqtt-shutdown"));
		stopped.await();
	}

	private static void configureLogging(String level) {
		System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level.equals("off") ? "off" : "warn");
		System.setProperty("org.slf4j.simpleLogger.log.dev.mqttstack", level);
		System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
		System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSS");
		System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
	}

	private static void usage() {
		System.err.println("""
				Usage: java -jar mqtt-broker.jar [-c config_file] [-h] [-p port] [-v]
				 -c : read a mosquitto.conf (listener, protocol, allow_anonymous, password_file, acl_file, TLS, limits).
				 -h : display this help.
				 -p : listen on 127.0.0.1 at this port (repeatable); ignored when the config file has listeners.
				 -v : verbose mode: log every packet; overrides log_type.
				Also: -b address (of the -p ports), --max-inflight n, --max-queued n, --max-packet-size bytes,
				      --sys-interval seconds, --io-threads n (these override the config file).
				Netty leak detection is off unless -Dio.netty.leakDetection.level says otherwise.""");
	}

	/** The parsed command line. */
	static final class CommandLine {

		Path configFile;

		final List<Integer> ports = new ArrayList<>();

		String bindAddress;

		boolean verbose;

		boolean help;

		private final List<java.util.function.Consumer<MqttBroker.Builder>> overrides = new ArrayList<>();

		static CommandLine parse(String[] args) {
			CommandLine line = new CommandLine();
			for (int i = 0; i < args.length; i++) {
				String option = args[i];
				switch (option) {
					case "-c", "--config-file" -> line.configFile = Path.of(value(args, ++i, option));
					case "-p", "--port" -> line.ports.add(port(value(args, ++i, option)));
					case "-b", "--bind" -> line.bindAddress = value(args, ++i, option);
					case "-v", "--verbose" -> line.verbose = true;
					case "-h", "--help" -> line.help = true;
					case "--max-inflight" -> line.override(args, ++i, option, (b, n) -> b.maxInflight(n));
					case "--max-queued" -> line.override(args, ++i, option, (b, n) -> b.maxQueuedMessages(n));
					case "--max-packet-size" -> line.override(args, ++i, option, (b, n) -> b.maxPacketSize(n));
					case "--io-threads" -> line.override(args, ++i, option, (b, n) -> b.ioThreads(n));
					case "--sys-interval" ->
						line.override(args, ++i, option, (b, n) -> b.sysInterval(Duration.ofSeconds(n)));
					default -> throw new IllegalArgumentException("Unknown option " + option);
				}
			}
			return line;
		}

		void overrides(MqttBroker.Builder builder) {
			this.overrides.forEach((override) -> override.accept(builder));
		}

		private void override(String[] args, int index, String option,
				java.util.function.ObjIntConsumer<MqttBroker.Builder> setter) {
			int number = number(value(args, index, option), option);
			this.overrides.add((builder) -> setter.accept(builder, number));
		}

		private static int port(String text) {
			int port = number(text, "-p");
			if (port < 1 || port > 65535) {
				throw new IllegalArgumentException("-p needs a port between 1 and 65535, not " + port);
			}
			return port;
		}

		private static int number(String text, String option) {
			try {
				return Integer.parseInt(text);
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(option + " needs a whole number, not '" + text + "'");
			}
		}

		private static String value(String[] args, int index, String option) {
			if (index >= args.length) {
				throw new IllegalArgumentException(option + " needs a value");
			}
			return args[index];
		}

	}

}
