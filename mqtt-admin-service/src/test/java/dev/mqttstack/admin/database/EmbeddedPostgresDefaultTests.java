package dev.mqttstack.admin.database;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.mqttstack.admin.ApiClient;
import dev.mqttstack.admin.MqttAdminApplication;
import dev.mqttstack.admin.PahoClients;
import dev.mqttstack.admin.PahoClients.Client;
import dev.mqttstack.admin.user.CreateUserRequest;
import dev.mqttstack.admin.user.MqttUserService;
import dev.mqttstack.broker.MqttBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The newcomer's path: no {@code spring.datasource.url}, so the service starts its own
 * PostgreSQL whose data survives a restart, the first start logs a generated admin
 * password once, and stopping the service disconnects clients.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedPostgresDefaultTests {

	@Test
	void withoutADatasourceUrlUsersAreKeptInTheEmbeddedDataDirectoryAcrossRestarts(@TempDir Path directory,
			CapturedOutput output) throws Exception {
		String[] args = { "--mqtt.admin.embedded-postgres.data-directory=" + directory.resolve("postgres"),
				"--server.port=0", "--mqtt.broker.port=0", "--mqtt.broker.host=127.0.0.1",
				"--mqtt.broker.sys-interval=0s", "--mqtt.admin.bootstrap-password=",
				"--mqtt.admin.password.iterations=1000", "--spring.jmx.enabled=false" };
		Client client;
		try (ConfigurableApplicationContext first = SpringApplication.run(MqttAdminApplication.class, args)) {
			assertThat(first.getBeansOfType(EmbeddedPostgres.class)).hasSize(1);
			first.getBean(MqttUserService.class).create(new CreateUserRequest("kept", "kept-password", false, true));
			client = PahoClients.connect(first.getBean(MqttBroker.class).port(), "graceful-1", "kept", "kept-password");
			assertThat(client.isConnected()).isTrue();
			Matcher generated = Pattern.compile("generated password: (\\S+)").matcher(output.getOut());
			assertThat(generated.find()).as("the generated admin password is logged").isTrue();
			ApiClient api = ApiClient.on(first.getEnvironment().getRequiredProperty("local.server.port", Integer.class))
				.as("admin", generated.group(1));
			assertThat(api.get("/api/v1/users/kept").status()).isEqualTo(200);
			ApiClient.Response readiness = api.get("/actuator/health/readiness");
			assertThat(readiness.status()).isEqualTo(200);
			assertThat(readiness.json().path("components").has("sessionStore"))
				.as("the readiness group includes the session store: %s", readiness.body())
				.isTrue();
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> !client.isConnected());
		client.close();
		try (ConfigurableApplicationContext second = SpringApplication.run(MqttAdminApplication.class, args)) {
			JdbcClient jdbc = second.getBean(JdbcClient.class);
			assertThat(jdbc.sql("SELECT count(*) FROM mqtt_user WHERE username = 'kept'").query(Long.class).single())
				.isOne();
			assertThat(jdbc.sql("SELECT count(*) FROM admin_account").query(Long.class).single()).isOne();
			assertThat(Pattern.compile("generated password").matcher(output.getOut()).results()).hasSize(1);
			try (Client again = PahoClients.connect(second.getBean(MqttBroker.class).port(), "graceful-2", "kept",
					"kept-password")) {
				assertThat(again.isConnected()).isTrue();
			}
		}
	}

}
