package dev.mqttstack.admin.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.mqttstack.admin.AdminServiceTest;
import dev.mqttstack.admin.ApiClient;
import dev.mqttstack.admin.MqttAdminApplication;
import dev.mqttstack.admin.TestDatabase;
import dev.mqttstack.broker.MqttBroker;

/**
 * Nodes of one cluster in the test JVM: whole admin services on random HTTP and MQTT
 * ports, sharing the test PostgreSQL, joined by Hazelcast over loopback with a member
 * list, no multicast and a cluster name of their own, so parallel runs never meet.
 */
final class ClusterNodes implements AutoCloseable {

	private final List<Node> nodes = new ArrayList<>();

	private ClusterNodes() {
	}

	static ClusterNodes start(int count) {
		String name = "mqtt-test-" + UUID.randomUUID();
		List<Integer> ports = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ports.add(freePort());
		}
		String members = ports.stream().map((port) -> "127.0.0.1:" + port).collect(Collectors.joining(","));
		ClusterNodes cluster = new ClusterNodes();
		TestDatabase.Connection db = TestDatabase.get();
		try {
			for (int port : ports) {
				ConfigurableApplicationContext context = new SpringApplicationBuilder(MqttAdminApplication.class).run(
						"--server.port=0", "--mqtt.broker.port=0", "--mqtt.broker.host=127.0.0.1",
						"--mqtt.broker.sys-interval=0s",
						"--mqtt.admin.bootstrap-password=" + AdminServiceTest.ADMIN_PASSWORD,
						"--mqtt.admin.password.iterations=1000", "--mqtt.admin.auth.max-failures-per-address=100000",
						"--mqtt.admin.api-auth.max-failures-per-address=100000", "--spring.datasource.url=" + db.url(),
						"--spring.datasource.username=" + db.username(),
						"--spring.datasource.password=" + db.password(), "--mqtt.cluster.enabled=true",
						"--mqtt.cluster.name=" + name, "--mqtt.cluster.host=127.0.0.1", "--mqtt.cluster.port=" + port,
						"--mqtt.cluster.members=" + members, "--mqtt.cluster.join-timeout=1s");
				cluster.nodes.add(new Node(context));
			}
		}
		catch (RuntimeException ex) {
			cluster.close();
			throw ex;
		}
		return cluster;
	}

	Node node(int index) {
		return this.nodes.get(index);
	}

	List<Node> nodes() {
		return this.nodes;
	}

	@Override
	public void close() {
		for (int i = this.nodes.size() - 1; i >= 0; i--) {
			this.nodes.get(i).context.close();
		}
	}

	/**
	 * A free port below Linux's ephemeral range (32768 and up): a port the kernel hands
	 * out for outgoing connections could be taken between this check and Hazelcast's
	 * bind.
	 */
	private static int freePort() {
		for (int attempt = 0; attempt < 100; attempt++) {
			int port = ThreadLocalRandom.current().nextInt(20_000, 32_000);
			try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
				return socket.getLocalPort();
			}
			catch (IOException ex) {
				// taken: try another
			}
		}
		throw new IllegalStateException("No free port found between 20000 and 32000");
	}

	/** One node: its MQTT port, its REST API and its view of the cluster. */
	record Node(ConfigurableApplicationContext context) {

		int mqttPort() {
			return this.context.getBean(MqttBroker.class).port();
		}

		ApiClient api() {
			return ApiClient.on(Integer.parseInt(this.context.getEnvironment().getProperty("local.server.port")))
				.asAdmin();
		}

		HazelcastCluster cluster() {
			return this.context.getBean(HazelcastCluster.class);
		}

		/** Whether this node sees another node's route on a filter. */
		boolean seesRoute(Node other, String filter) {
			return cluster().routeTable().routes(other.cluster().nodeId()).containsKey(filter);
		}

	}

}
