package dev.mqttstack.admin;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The admin service: hosts the MQTT broker and manages its users and ACL rules in
 * PostgreSQL behind a secured REST API.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MqttAdminApplication {

	public static void main(String[] args) {
		// Netty samples buffers for leak reports by default, at a cost on every MQTT
		// message; a production broker runs without it unless told otherwise.
		if (System.getProperty("io.netty.leakDetection.level") == null) {
			System.setProperty("io.netty.leakDetection.level", "disabled");
		}
		SpringApplication.run(MqttAdminApplication.class, args);
	}

}
