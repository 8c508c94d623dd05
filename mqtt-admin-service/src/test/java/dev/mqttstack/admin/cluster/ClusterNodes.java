package dev.mqttstack.admin.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
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
