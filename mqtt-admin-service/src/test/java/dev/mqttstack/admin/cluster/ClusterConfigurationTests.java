package dev.mqttstack.admin.cluster;

import java.util.List;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterConfigurationTests {

	@Test
	void defaultDiscoveryIsTheTcpIpMemberListWithMulticastAndAutoDetectionOff() {
		ClusterProperties properties = new ClusterProperties();
		properties.setMembers(List.of("127.0.0.1:5701", "127.0.0.1:5702"));
		properties.setPort(5702);

		Config config = ClusterConfiguration.hazelcastConfigOf(properties);

		JoinConfig join = config.getNetworkConfig().getJoin();
		assertThat(config.getClusterName()).isEqualTo("mqtt-stack");
		assertThat(config.getNetworkConfig().getPort()).isEqualTo(5702);
		assertThat(config.getNetworkConfig().isPortAutoIncrement()).isFalse();
		assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
		assertThat(join.getTcpIpConfig().getMembers()).containsExactly("127.0.0.1:5701", "127.0.0.1:5702");
		assertThat(join.getMulticastConfig().isEnabled()).isFalse();
		assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();
		assertThat(join.getKubernetesConfig().isEnabled()).isFalse();
	}

	@Test
	void multicastDiscoveryTurnsTheMemberListOff() {
		ClusterProperties properties = new ClusterProperties();
		properties.setDiscovery(ClusterProperties.Discovery.MULTICAST);

		JoinConfig join = ClusterConfiguration.hazelcastConfigOf(properties).getNetworkConfig().getJoin();

		assertThat(join.getMulticastConfig().isEnabled()).isTrue();
		assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
	}

	@Test
	void kubernetesDiscoveryLooksUpTheHeadlessServiceByDns() {
		ClusterProperties properties = new ClusterProperties();
		properties.setDiscovery(ClusterProperties.Discovery.KUBERNETES);
		properties.setKubernetesServiceDns("mqtt.default.svc.cluster.local");

		JoinConfig join = ClusterConfiguration.hazelcastConfigOf(properties).getNetworkConfig().getJoin();

		assertThat(join.getKubernetesConfig().isEnabled()).isTrue();
		assertThat(join.getKubernetesConfig().getProperty("service-dns")).isEqualTo("mqtt.default.svc.cluster.local");
		assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
		assertThat(join.getMulticastConfig().isEnabled()).isFalse();
	}

}
