package dev.mqttstack.admin.user;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import dev.mqttstack.admin.AdminProperties;
import dev.mqttstack.admin.broker.BrokerProperties;

/**
 * Configuration of MQTT user authentication: the password hasher, the login cache and
 * throttle, and the bounded executor that checks passwords off the event loops.
 */
@Configuration(proxyBeanMethods = false)
public class UserConfiguration {

	@Bean
	MosquittoPasswordHasher mosquittoPasswordHasher(AdminProperties properties) {
		return new MosquittoPasswordHasher(properties.getPassword().getIterations());
	}

	@Bean(destroyMethod = "shutdown")
	ThreadPoolExecutor mqttAuthenticationExecutor(AdminProperties properties) {
		AdminProperties.Auth auth = properties.getAuth();
		return new ThreadPoolExecutor(auth.getThreads(), auth.getThreads(), 60, TimeUnit.SECONDS,
				new ArrayBlockingQueue<>(auth.getQueueCapacity()), new CustomizableThreadFactory("mqtt-auth-"),
				new ThreadPoolExecutor.AbortPolicy());
	}

	@Bean
	MqttUserAuthenticator mqttUserAuthenticator(MqttUserRepository users, MosquittoPasswordHasher hasher,
			ThreadPoolExecutor mqttAuthenticationExecutor, AdminProperties properties,
			BrokerProperties brokerProperties) {
		AdminProperties.Auth auth = properties.getAuth();
		LoginCache cache = new LoginCache(auth.getCacheTtl());
		LoginThrottle throttle = new LoginThrottle(auth);
		return new MqttUserAuthenticator(users, hasher, cache, throttle, mqttAuthenticationExecutor,
				brokerProperties.isAllowAnonymous());
	}

}
