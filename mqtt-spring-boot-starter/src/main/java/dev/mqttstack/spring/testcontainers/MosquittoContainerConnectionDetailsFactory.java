/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.testcontainers;

import dev.mqttstack.spring.autoconfigure.MqttConnectionDetails;
import org.testcontainers.containers.Container;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;

/**
 * {@code @ServiceConnection} support: {@link MqttConnectionDetails} from a generic
 * container of the {@code eclipse-mosquitto} image exposing port 1883.
 */
class MosquittoContainerConnectionDetailsFactory
		extends ContainerConnectionDetailsFactory<Container<?>, MqttConnectionDetails> {

	/** The MQTT port inside the container. */
	static final int MQTT_PORT = 1883;

	MosquittoContainerConnectionDetailsFactory() {
		super("eclipse-mosquitto");
	}

	@Override
	protected MqttConnectionDetails getContainerConnectionDetails(ContainerConnectionSource<Container<?>> source) {
		return new MosquittoContainerConnectionDetails(source);
	}

	/** Connection details of a running Mosquitto container. */
	private static final class MosquittoContainerConnectionDetails extends ContainerConnectionDetails<Container<?>>
			implements MqttConnectionDetails {

		MosquittoContainerConnectionDetails(ContainerConnectionSource<Container<?>> source) {
			super(source);
		}

		@Override
		public String getUrl() {
			return "tcp://" + getContainer().getHost() + ":" + getContainer().getMappedPort(MQTT_PORT);
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
