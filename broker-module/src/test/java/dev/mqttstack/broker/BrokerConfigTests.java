package dev.mqttstack.broker;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link BrokerConfig} is made with a builder, from its defaults or from another config,
 * and the broker builder takes a whole config the same way.
 */
class BrokerConfigTests {

	@Test
	void aBuilderStartsAtTheDefaults() {
		assertThat(BrokerConfig.builder().build()).isEqualTo(BrokerConfig.DEFAULTS);
	}

	@Test
	void toBuilderKeepsEverySettingButTheChangedOnes() {
		BrokerConfig custom = BrokerConfig.builder()
			.port(0)
			.maxInflight(7)
			.receiveMaximum(30)
			.partialPacketTimeout(Duration.ofSeconds(3))
			.persistentSessionExpiry(Duration.ofHours(1))
			.listener(ListenerConfig.tcp(0))
			.build();
		BrokerConfig changed = custom.toBuilder().maxInflight(9).build();
		assertThat(changed.maxInflight()).isEqualTo(9);
		assertThat(changed.toBuilder().maxInflight(7).build()).isEqualTo(custom);
		assertThat(changed.listeners()).isEqualTo(custom.listeners());
		assertThat(changed.persistentSessionExpirySeconds()).isEqualTo(3600);
	}

	@Test
	void theBrokerBuilderTakesAWholeConfig() {
		BrokerConfig custom = BrokerConfig.builder().port(0).maxQueuedMessages(5).maxConnectionsPerUser(2).build();
		assertThat(MqttBroker.builder().config(custom).build().config()).isEqualTo(custom);
		assertThat(MqttBroker.builder().config(custom).maxQueuedMessages(6).build().config().maxQueuedMessages())
			.isEqualTo(6);
	}

	@Test
	void settingsAreCheckedWhenBuilt() {
		assertThatIllegalArgumentException().isThrownBy(() -> BrokerConfig.builder().receiveMaximum(0).build())
			.withMessageContaining("receiveMaximum");
	}

}
