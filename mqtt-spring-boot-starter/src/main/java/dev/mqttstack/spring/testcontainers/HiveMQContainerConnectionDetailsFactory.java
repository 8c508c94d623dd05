/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.testcontainers;

import dev.mqttstack.spring.autoconfigure.MqttConnectionDetails;
import org.testcontainers.hivemq.HiveMQContainer;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;

/**
 * {@code @ServiceConnection} support: {@link MqttConnectionDetails} from a Testcontainers
 * {@link HiveMQContainer}.
 */
class HiveMQContainerConnectionDetailsFactory
		extends ContainerConnectionDetailsFactory<HiveMQContainer, MqttConnectionDetails> {

	HiveMQContainerConnectionDetailsFactory() {
		super(ANY_CONNECTION_NAME, "org.testcontainers.hivemq.HiveMQContainer");
	}

	@Override
	protected MqttConnectionDetails getContainerConnectionDetails(ContainerConnectionSource<HiveMQContainer> source) {
		return new HiveMQContainerConnectionDetails(source);
	}

	/** Connection details of a running HiveMQ container. */
	private static final class HiveMQContainerConnectionDetails extends ContainerConnectionDetails<HiveMQContainer>
			implements MqttConnectionDetails {

		HiveMQContainerConnectionDetails(ContainerConnectionSource<HiveMQContainer> source) {
			super(source);
		}

		@Override
		public String getUrl() {
			return "tcp://" + getContainer().getHost() + ":" + getContainer().getMqttPort();
		}

		/**
		 * Return the SSL bundle of a {@code @Ssl…}-annotated container, if any.
		 */
		@Override
		public SslBundle getSslBundle() {
			return super.getSslBundle();
		}

	}

}
