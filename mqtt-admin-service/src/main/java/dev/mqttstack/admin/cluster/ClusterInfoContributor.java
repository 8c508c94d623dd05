package dev.mqttstack.admin.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * Adds the cluster to the actuator {@code info} endpoint under {@code cluster}: its name,
 * this node's identifier and every member with its address.
 */
final class ClusterInfoContributor implements InfoContributor {

	private final HazelcastInstance hazelcast;

	ClusterInfoContributor(HazelcastInstance hazelcast) {
		this.hazelcast = hazelcast;
	}

	@Override
	public void contribute(Info.Builder builder) {
		if (!this.hazelcast.getLifecycleService().isRunning()) {
			builder.withDetail("cluster", Map.of("running", false));
			return;
		}
		List<Map<String, Object>> members = this.hazelcast.getCluster()
			.getMembers()
			.stream()
			.map(ClusterInfoContributor::describe)
			.toList();
		Map<String, Object> cluster = new LinkedHashMap<>();
		cluster.put("running", true);
		cluster.put("name", this.hazelcast.getConfig().getClusterName());
		cluster.put("node", this.hazelcast.getCluster().getLocalMember().getUuid().toString());
		cluster.put("members", members);
		builder.withDetail("cluster", cluster);
	}

	private static Map<String, Object> describe(Member member) {
		Map<String, Object> description = new LinkedHashMap<>();
		description.put("node", member.getUuid().toString());
		description.put("address", member.getAddress().getHost() + ":" + member.getAddress().getPort());
		description.put("local", member.localMember());
		return description;
	}

}
