package dev.mqttstack.admin.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the cluster of admin-service nodes that act as one broker, bound from
 * {@code mqtt.cluster.*}.
 */
@ConfigurationProperties("mqtt.cluster")
public class ClusterProperties {

	/**
	 * Whether this node joins a cluster (embedded Hazelcast); off by default, so a single
	 * node starts no Hazelcast at all.
	 */
	private boolean enabled;

	/** Name of the cluster; only nodes with the same name join each other. */
	private String name = "mqtt-stack";

	/** Port Hazelcast listens on for the other nodes. */
	private int port = 5701;

	/**
	 * Whether Hazelcast tries the next ports when {@link #port} is taken; off, so a node
	 * listens where its configuration says.
	 */
	private boolean portAutoIncrement;

	/**
	 * Address Hazelcast binds to and announces to the other nodes, for example 127.0.0.1;
	 * empty for Hazelcast's choice.
	 */
	private String host = "";

	/**
	 * The members to join over TCP/IP, as host:port, for example
	 * 127.0.0.1:5701,127.0.0.1:5702; this node's own address may be listed too.
	 */
	private List<String> members = new ArrayList<>();

	/** How nodes find each other. */
	private Discovery discovery = Discovery.TCP_IP;

	/**
	 * With {@code discovery=kubernetes}: the DNS name of the headless service whose
	 * addresses are the nodes, for example mqtt.my-namespace.svc.cluster.local.
	 */
	private String kubernetesServiceDns = "";

	/**
	 * How long a node waits at start for the members it is given before it runs alone.
	 */
	private Duration joinTimeout = Duration.ofSeconds(5);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public int getPort() {
		return this.port;
	}

	public void setPort(int port) {
		this.port = port;
	}

	public boolean isPortAutoIncrement() {
		return this.portAutoIncrement;
	}

	public void setPortAutoIncrement(boolean portAutoIncrement) {
		this.portAutoIncrement = portAutoIncrement;
	}

	public String getHost() {
		return this.host;
	}

	public void setHost(String host) {
		this.host = host;
	}

	public List<String> getMembers() {
		return this.members;
	}

	public void setMembers(List<String> members) {
		this.members = members;
	}

	public Discovery getDiscovery() {
		return this.discovery;
	}

	public void setDiscovery(Discovery discovery) {
		this.discovery = discovery;
	}

	public String getKubernetesServiceDns() {
		return this.kubernetesServiceDns;
	}

	public void setKubernetesServiceDns(String kubernetesServiceDns) {
		this.kubernetesServiceDns = kubernetesServiceDns;
	}

	public Duration getJoinTimeout() {
		return this.joinTimeout;
	}

	public void setJoinTimeout(Duration joinTimeout) {
		this.joinTimeout = joinTimeout;
	}

	/** How nodes find each other. */
	public enum Discovery {

		/** The nodes listed in {@code members}, over TCP/IP. */
		TCP_IP,

		/** IP multicast on the local network (Hazelcast's default group and port). */
		MULTICAST,

		/** The addresses of a Kubernetes headless service, by DNS. */
		KUBERNETES

	}

}
