/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.test.broker;

import java.net.InetSocketAddress;
import java.util.Map;

import dev.mqttstack.broker.ClientInfo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of when a subscription lies within an allowed topic filter.
 */
class EmbeddedBrokerUsersTests {

	@Test
	void filtersWithinAMultiLevelWildcardAreAllowed() {
		assertThat(EmbeddedBrokerUsers.within("sensors/+/temperature", "sensors/#")).isTrue();
		assertThat(EmbeddedBrokerUsers.within("sensors/#", "sensors/#")).isTrue();
		// MQTT: "sensors/#" matches the parent level "sensors" too
		assertThat(EmbeddedBrokerUsers.within("sensors", "sensors/#")).isTrue();
		assertThat(EmbeddedBrokerUsers.within("#", "sensors/#")).isFalse();
	}

	@Test
	void singleLevelWildcardsAllowOneLevelOfAnything() {
		assertThat(EmbeddedBrokerUsers.within("sensors/t1", "sensors/+")).isTrue();
		assertThat(EmbeddedBrokerUsers.within("sensors/+", "sensors/+")).isTrue();
		assertThat(EmbeddedBrokerUsers.within("sensors/t1/x", "sensors/+")).isFalse();
		assertThat(EmbeddedBrokerUsers.within("sensors/#", "sensors/+")).isFalse();
	}

	@Test
	void wildcardsAreNotWithinLiteralFilters() {
		assertThat(EmbeddedBrokerUsers.within("sensors/+", "sensors/t1")).isFalse();
		assertThat(EmbeddedBrokerUsers.within("sensors/t1", "sensors/t1")).isTrue();
	}

	@Test
	void sharedSubscriptionsAreCheckedByTheirTopicFilter() {
		EmbeddedMqttBroker settings = Annotated.class.getAnnotation(EmbeddedMqttBroker.class);
		EmbeddedBrokerUsers users = new EmbeddedBrokerUsers(settings.users());
		ClientInfo device = new ClientInfo("c1", "device", new InetSocketAddress("127.0.0.1", 1), 5, true, 60,
				Map.of());
		assertThat(users.canSubscribe(device, "$share/workers/sensors/+", 1)).isTrue();
		assertThat(users.canSubscribe(device, "$share/workers/alerts/+", 1)).isFalse();
	}

	@EmbeddedMqttBroker(users = @EmbeddedMqttBroker.User(name = "device", password = "pw", allow = "sensors/#"))
	static class Annotated {

	}

}
