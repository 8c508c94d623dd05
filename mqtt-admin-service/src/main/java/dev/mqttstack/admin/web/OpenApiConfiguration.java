package dev.mqttstack.admin.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Configuration of the OpenAPI document at {@code /v3/api-docs} and its Swagger UI. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

	@Bean
	OpenAPI mqttAdminOpenApi() {
		return new OpenAPI().info(new Info().title("mqtt-stack admin API")
			.version("v1")
			.description(
					"MQTT users, ACL rules, sessions, retained messages and admin accounts of the mqtt-stack broker."))
			.components(new Components().addSecuritySchemes("basic",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
			.addSecurityItem(new SecurityRequirement().addList("basic"));
	}

}
