package dev.mqttstack.admin.cluster;

import com.hazelcast.core.HazelcastInstance;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import dev.mqttstack.admin.AdminServiceTest;
import dev.mqttstack.broker.cluster.Cluster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code mqtt.cluster.enabled} a node is alone and pays nothing for clustering.
 */
@AdminServiceTest
class ClusterDisabledTests {

	@Autowired
	private ApplicationContext context;

	@Test
	void clusterIsOffByDefaultAndNoHazelcastMemberStarts() {
		assertThat(this.context.getBeanNamesForType(HazelcastInstance.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(Cluster.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(ClusterChangeBroadcaster.class)).isEmpty();
	}

}
