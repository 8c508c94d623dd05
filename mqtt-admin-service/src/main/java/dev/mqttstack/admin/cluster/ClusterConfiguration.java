package dev.mqttstack.admin.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.HazelcastInstance;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The cluster, when {@code mqtt.cluster.enabled=true}: a Hazelcast {@link Config} from
 * {@code mqtt.cluster.*} (Spring Boot's Hazelcast auto-configuration starts the member
 * from it), the broker's {@link HazelcastCluster} and the broadcaster of user and ACL
 * changes. Joining is by TCP/IP member list; multicast and auto-detection are off.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "mqtt.cluster", name = "enabled", havingValue = "true")
public class ClusterConfiguration {

	@Bean
	Config hazelcastConfig(ClusterProperties properties) {
		return hazelcastConfigOf(properties);
	}

	static Config hazelcastConfigOf(ClusterProperties properties) {
		Config config = new Config();
		config.setClusterName(properties.getName());
		config.setProperty("hazelcast.logging.type", "slf4j");
		config.setProperty("hazelcast.phone.home.enabled", "false");
		config.setProperty("hazelcast.shutdownhook.enabled", "false");
		config.setProperty("hazelcast.wait.seconds.before.join", "0");
		NetworkConfig network = config.getNetworkConfig();
		network.setPort(properties.getPort()).setPortAutoIncrement(properties.isPortAutoIncrement());
		if (!properties.getHost().isBlank()) {
			network.getInterfaces().setEnabled(true).addInterface(properties.getHost());
			config.setProperty("hazelcast.socket.bind.any", "false");
		}
		JoinConfig join = network.getJoin();
		join.getMulticastConfig().setEnabled(properties.getDiscovery() == ClusterProperties.Discovery.MULTICAST);
		join.getAutoDetectionConfig().setEnabled(false);
		join.getTcpIpConfig()
			.setEnabled(properties.getDiscovery() == ClusterProperties.Discovery.TCP_IP)
			.setMembers(properties.getMembers())
			.setConnectionTimeoutSeconds((int) Math.max(1, properties.getJoinTimeout().toSeconds()));
		if (properties.getDiscovery() == ClusterProperties.Discovery.KUBERNETES) {
			join.getKubernetesConfig()
				.setEnabled(true)
				.setProperty("service-dns", properties.getKubernetesServiceDns());
		}
		return config;
	}

	@Bean
	HazelcastCluster mqttCluster(HazelcastInstance hazelcast) {
		return new HazelcastCluster(hazelcast);
	}

	@Bean
	ClusterInfoContributor clusterInfoContributor(HazelcastInstance hazelcast) {
		return new ClusterInfoContributor(hazelcast);
	}

	@Bean
	ClusterChangeBroadcaster clusterChangeBroadcaster(HazelcastInstance hazelcast, ApplicationEventPublisher events) {
		return new ClusterChangeBroadcaster(hazelcast, events);
	}

}
