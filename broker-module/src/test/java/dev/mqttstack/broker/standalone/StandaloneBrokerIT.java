package dev.mqttstack.broker.standalone;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mqttstack.broker.testsupport.MosquittoClients;
import dev.mqttstack.broker.testsupport.MosquittoProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged {@code mqtt-broker.jar} started as a process with a mosquitto.conf that
 * uses every supported directive, exercised with {@code mosquitto_pub} and
 * {@code mosquitto_sub} (and Paho over WebSocket, which the mosquitto clients do not
 * speak): a password file made by {@code mosquitto_passwd}, an ACL file with {@code %u}
 * and {@code %c} patterns, a WebSocket listener, TLS listeners with certificates made by
 * {@code openssl}, anonymous clients refused.
 */
class StandaloneBrokerIT {

	/** A {@code $6$} hash of "password", as older mosquitto_passwd versions wrote. */
	private static final String LEGACY_SHA512 = "$6$vZY4TS+/HBxHw38S$vvjVFECzb8dyuu/mruD2QKTfdFn0WmKxbc+1TsdB0L8EdHk3v9JRmfjHd56+VaTnUcSZOZ/hzkdvWCtxlX7AUQ==";

	@TempDir
	static Path directory;

	private static final AtomicInteger runs = new AtomicInteger();

	private static int tcp;

	private static int websocket;

	private static int tls;

	private static int certificates;

	private static OpensslCertificates certs;

	private static StandaloneJar broker;

	@BeforeAll
	static void startBroker() throws Exception {
		String passwd = MosquittoClients.require("mosquitto_passwd");
		MosquittoClients.require("mosquitto_pub");
		certs = OpensslCertificates.create(directory);
		run(passwd, "-c", "-b", "passwords", "alice", "alice-secret");
		run(passwd, "-b", "passwords", "bob", "bob-secret");
		Files.writeString(directory.resolve("passwords"), "legacy:" + LEGACY_SHA512 + "\n",
				java.nio.file.StandardOpenOption.APPEND);
		Files.writeString(directory.resolve("acl"), """
				# mosquitto acl_file
				user alice
				topic readwrite alice/#
				topic read shared/#
				topic deny shared/secret
				topic read $SYS/#
				topic read clients/#
				topic write inbox/#

				user bob
				topic write shared/#

				user legacy
				topic readwrite legacy/#

				user device-42
				topic readwrite devices/#

				pattern readwrite clients/%c/#
				pattern read inbox/%u
				""");
		int[] ports = freePorts(4);
		tcp = ports[0];
		websocket = ports[1];
		tls = ports[2];
		certificates = ports[3];
		Files.writeString(directory.resolve("mosquitto.conf"), """
				per_listener_settings false
				log_type error
				log_type warning
				allow_anonymous false
				password_file passwords
				acl_file acl
				max_keepalive 60
				max_packet_size 100000
				max_inflight_messages 10
				max_queued_messages 100
				message_size_limit 1000
				retain_available false
				sys_interval 1
				persistence true

				listener %d 127.0.0.1
				protocol mqtt

				listener %d 127.0.0.1
				protocol websockets

				listener %d 127.0.0.1
				certfile %s
				keyfile %s

				listener %d 127.0.0.1
				cafile %s
				certfile %s
				keyfile %s
				require_certificate true
				use_identity_as_username true
				""".formatted(tcp, websocket, tls, certs.serverCert(), certs.serverKey(), certificates, certs.ca(),
				certs.serverCert(), certs.serverKey()));
		broker = StandaloneJar.start(directory, "-c", "mosquitto.conf")
			.awaitListening(tcp, websocket, tls, certificates);
	}

	@AfterAll
	static void stopBroker() throws InterruptedException {
		if (broker != null) {
			broker.close();
		}
	}

	@Test
	void unsupportedDirectiveIsReportedByFileAndLineAndLogTypeKeepsInfoLinesOut() {
		await().untilAsserted(() -> assertThat(broker.output())
			.contains("mosquitto.conf:14: unsupported directive 'persistence', ignored"));
		assertThat(broker.output()).doesNotContain("INFO");
	}

	@Test
	void userOfThePasswordFileReceivesWhatAnotherUserPublishesWithinTheAcl() throws Exception {
		MosquittoProcess sub = subscribe(tcp, "alice", "alice-secret", "shared/#", 1);
		assertThat(pub(tcp, "-u", "bob", "-P", "bob-secret", "-t", "shared/secret", "-m", "hidden").awaitExit())
			.isZero();
		assertThat(pub(tcp, "-u", "bob", "-P", "bob-secret", "-t", "shared/news", "-m", "hello").awaitExit()).isZero();
		assertThat(sub.awaitExit()).as(sub.toString()).isZero();
		assertThat(sub.messages()).containsExactly("shared/news hello");
	}

	@Test
	void anonymousClientsAndWrongPasswordsAreRefused() {
		MosquittoProcess anonymous = pub(tcp, "-t", "shared/x", "-m", "x");
		assertThat(anonymous.awaitExit()).isNotZero();
		assertThat(anonymous.errors()).contains("not authorised");
		MosquittoProcess wrong = pub(tcp, "-u", "alice", "-P", "nope", "-t", "alice/x", "-m", "x");
		assertThat(wrong.awaitExit()).isNotZero();
		assertThat(wrong.errors()).contains("bad user name or password");
		MosquittoProcess unknown = pub(tcp, "-u", "mallory", "-P", "alice-secret", "-t", "alice/x", "-m", "x");
		assertThat(unknown.awaitExit()).isNotZero();
	}

	@Test
	void legacySha512HashOfThePasswordFileLogsIn() {
		assertThat(pub(tcp, "-u", "legacy", "-P", "password", "-t", "legacy/x", "-m", "x").awaitExit()).isZero();
		assertThat(pub(tcp, "-u", "legacy", "-P", "Password", "-t", "legacy/x", "-m", "x").awaitExit()).isNotZero();
	}

	@Test
	void clientIdPatternLetsEachClientWriteOnlyUnderItsOwnId() throws Exception {
		MosquittoProcess sub = subscribe(tcp, "alice", "alice-secret", "clients/#", 1, "-i", "watcher");
		assertThat(pub(tcp, "-u", "bob", "-P", "bob-secret", "-i", "dev-7", "-t", "clients/dev-8/state", "-m", "forged")
			.awaitExit()).isZero();
		assertThat(pub(tcp, "-u", "bob", "-P", "bob-secret", "-i", "dev-7", "-t", "clients/dev-7/state", "-m", "own")
			.awaitExit()).isZero();
		assertThat(sub.awaitExit()).isZero();
		assertThat(sub.messages()).containsExactly("clients/dev-7/state own");
	}

	@Test
	void userNamePatternLetsEachUserReadOnlyItsOwnInbox() throws Exception {
		MosquittoProcess sub = subscribe(tcp, "bob", "bob-secret", "inbox/bob", 1, "-t", "inbox/alice");
		assertThat(sub.outputText()).contains("Subscribed (mid: 1): 0, 128");
		assertThat(pub(tcp, "-u", "alice", "-P", "alice-secret", "-t", "inbox/alice", "-m", "not for bob").awaitExit())
			.isZero();
		assertThat(pub(tcp, "-u", "alice", "-P", "alice-secret", "-t", "inbox/bob", "-m", "for bob").awaitExit())
			.isZero();
		assertThat(sub.awaitExit()).isZero();
		assertThat(sub.messages()).containsExactly("inbox/bob for bob");
	}

	@Test
	void messageSizeLimitAndRetainAvailableFalseRefuseThosePublishes() throws Exception {
		MosquittoProcess sub = subscribe(tcp, "alice", "alice-secret", "alice/#", 1);
		assertThat(pub(tcp, "-u", "alice", "-P", "alice-secret", "-t", "alice/big", "-m", "x".repeat(1001)).awaitExit())
			.isZero();
		assertThat(
				pub(tcp, "-u", "alice", "-P", "alice-secret", "-r", "-t", "alice/retained", "-m", "kept").awaitExit())
			.isZero();
		assertThat(
				pub(tcp, "-u", "alice", "-P", "alice-secret", "-t", "alice/fits", "-m", "y".repeat(1000)).awaitExit())
			.isZero();
		assertThat(sub.awaitExit()).isZero();
		assertThat(sub.messages()).containsExactly("alice/fits " + "y".repeat(1000));
	}

	@Test
	void maxKeepaliveRefusesAnMqtt311ClientAskingForMore() {
		assertThat(pub(tcp, "-u", "alice", "-P", "alice-secret", "-k", "61", "-t", "alice/x", "-m", "x").awaitExit())
			.isNotZero();
		assertThat(pub(tcp, "-u", "alice", "-P", "alice-secret", "-k", "60", "-t", "alice/x", "-m", "x").awaitExit())
			.isZero();
	}

	@Test
	void sysTopicsArePublishedEverySysInterval() {
		MosquittoProcess sys = client("mosquitto_sub", "-p", Integer.toString(tcp), "-u", "alice", "-P", "alice-secret",
				"-t", "$SYS/broker/uptime", "-C", "2", "-W", "10", "-v");
		assertThat(sys.awaitExit()).as(sys.toString()).isZero();
		assertThat(sys.messages()).hasSize(2).allMatch((line) -> line.startsWith("$SYS/broker/uptime "));
	}

	@Test
	void webSocketListenerCarriesMqttForUsersOfThePasswordFile() throws Exception {
		MosquittoProcess sub = subscribe(tcp, "alice", "alice-secret", "shared/#", 1);
		MqttClient client = new MqttClient("ws://127.0.0.1:" + websocket + "/mqtt", "ws-bob", new MemoryPersistence());
		MqttConnectOptions options = new MqttConnectOptions();
		options.setUserName("bob");
		options.setPassword("bob-secret".toCharArray());
		client.connect(options);
		client.publish("shared/ws", "over websocket".getBytes(StandardCharsets.UTF_8), 1, false);
		client.disconnect();
		client.close();
		assertThat(sub.awaitExit()).isZero();
		assertThat(sub.messages()).containsExactly("shared/ws over websocket");
	}

	@Test
	void tlsListenerServesClientsThatTrustTheCa() throws Exception {
		MosquittoProcess sub = subscribe(tcp, "alice", "alice-secret", "shared/#", 1);
		assertThat(pub(tls, "--cafile", certs.ca().toString(), "-u", "bob", "-P", "bob-secret", "-t", "shared/tls",
				"-m", "over tls")
			.awaitExit()).isZero();
		assertThat(sub.awaitExit()).isZero();
		assertThat(sub.messages()).containsExactly("shared/tls over tls");
		assertThat(pub(tls, "--cafile", certs.ca().toString(), "-t", "shared/tls", "-m", "anonymous").awaitExit())
			.isNotZero();
	}

	@Test
	void certificateListenerTakesTheUserNameFromTheClientCertificate() throws Exception {
		MosquittoProcess sub = subscribe(certificates, null, null, "devices/#", 1, "--cafile", certs.ca().toString(),
				"--cert", certs.clientCert().toString(), "--key", certs.clientKey().toString());
		assertThat(pub(certificates, "--cafile", certs.ca().toString(), "--cert", certs.clientCert().toString(),
				"--key", certs.clientKey().toString(), "-t", "alice/x", "-m", "not device-42's")
			.awaitExit()).isZero();
		assertThat(pub(certificates, "--cafile", certs.ca().toString(), "--cert", certs.clientCert().toString(),
				"--key", certs.clientKey().toString(), "-t", "devices/1", "-m", "from device-42")
			.awaitExit()).isZero();
		assertThat(sub.awaitExit()).isZero();
		assertThat(sub.messages()).containsExactly("devices/1 from device-42");
		assertThat(pub(certificates, "--cafile", certs.ca().toString(), "-u", "alice", "-P", "alice-secret", "-t",
				"alice/x", "-m", "no certificate")
			.awaitExit()).isNotZero();
	}

	@Test
	void hangupReloadsThePasswordFile() throws Exception {
		String passwd = MosquittoClients.require("mosquitto_passwd");
		Path copy = directory.resolve("passwords");
		assertThat(pub(tcp, "-u", "carol", "-P", "carol-secret", "-t", "inbox/carol", "-m", "x").awaitExit())
			.isNotZero();
		run(passwd, "-b", copy.toString(), "carol", "carol-secret");
		broker.signal("HUP");
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(
					pub(tcp, "-u", "carol", "-P", "carol-secret", "-t", "inbox/carol", "-m", "x").awaitExit())
				.isZero());
	}

	@Test
	void badValueStopsTheStartNamingFileAndLineWithExitCode1() throws Exception {
		Files.writeString(directory.resolve("bad.conf"), "listener 1883\nmax_keepalive forever\n");
		StandaloneJar bad = StandaloneJar.start(directory, "-c", "bad.conf");
		assertThat(bad.awaitExit()).isEqualTo(1);
		assertThat(bad.output()).contains("bad.conf:2: max_keepalive must be a whole number, not 'forever'");
	}

	@Test
	void unknownOptionPrintsTheUsageWithExitCode2() throws Exception {
		StandaloneJar bad = StandaloneJar.start(directory, "--frobnicate");
		assertThat(bad.awaitExit()).isEqualTo(2);
		assertThat(bad.output()).contains("Unknown option --frobnicate").contains("Usage: java -jar mqtt-broker.jar");
	}

	private static MosquittoProcess subscribe(int port, String user, String password, String filter, int count,
			String... extra) {
		List<String> args = new ArrayList<>(List.of("-p", Integer.toString(port), "-t", filter, "-C",
				Integer.toString(count), "-W", "20", "-v", "-d"));
		if (user != null) {
			args.addAll(List.of("-u", user, "-P", password));
		}
		args.addAll(List.of(extra));
		MosquittoProcess sub = client("mosquitto_sub", args.toArray(String[]::new));
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(sub.outputText()).as(sub.toString()).contains("Subscribed (mid:"));
		return sub;
	}

	private static MosquittoProcess pub(int port, String... args) {
		List<String> all = new ArrayList<>(List.of("-p", Integer.toString(port), "-q", "1"));
		all.addAll(List.of(args));
		return client("mosquitto_pub", all.toArray(String[]::new));
	}

	private static MosquittoProcess client(String binary, String... args) {
		List<String> command = new ArrayList<>();
		if (binary.equals("mosquitto_sub")) {
			// line-buffered output, so the test sees SUBACK before the client exits
			command.addAll(List.of(MosquittoClients.require("stdbuf"), "-oL"));
		}
		command.addAll(List.of(MosquittoClients.require(binary), "-h", "localhost"));
		command.addAll(List.of(args));
		int run = runs.incrementAndGet();
		return MosquittoProcess.start(command, new byte[0], directory.resolve(binary + "-" + run + ".out"),
				directory.resolve(binary + "-" + run + ".err"));
	}

	private static void run(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).directory(directory.toFile()).inheritIO().start();
		assertThat(process.waitFor()).isZero();
	}

	private static int[] freePorts(int count) throws IOException {
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			for (int i = 0; i < count; i++) {
				sockets.add(new ServerSocket(0));
			}
			return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
		}
		finally {
			for (ServerSocket socket : sockets) {
				socket.close();
			}
		}
	}

}
