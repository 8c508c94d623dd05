package dev.mqttstack.admin;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole service on random ports (HTTP and MQTT) against the real PostgreSQL of
 * {@link TestDatabase}; every test class shares one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mqtt.broker.port=0", "mqtt.broker.host=127.0.0.1", "mqtt.broker.sys-interval=0s",
				"mqtt.admin.bootstrap-password=" + AdminServiceTest.ADMIN_PASSWORD,
				"mqtt.admin.password.iterations=1000", "mqtt.admin.auth.max-failures-per-address=100000",
				"mqtt.admin.api-auth.max-failures-per-address=100000",
				"mqtt.admin.api-auth.max-concurrent-checks-per-address=64" })
@ContextConfiguration(initializers = TestDatabase.Initializer.class)
public @interface AdminServiceTest {

	/** Password of the bootstrap {@code admin} account in tests. */
	String ADMIN_PASSWORD = "test-admin-secret";

}
