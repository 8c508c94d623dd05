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
		SpringApplication.run(MqttAdminApplication.class, args);
	}

}
