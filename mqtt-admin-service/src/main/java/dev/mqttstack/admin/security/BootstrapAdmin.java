package dev.mqttstack.admin.security;

import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import dev.mqttstack.admin.AdminProperties;

/**
 * Creator of the first admin account: on a start with no admin account, creates
 * {@code admin} with {@code mqtt.admin.bootstrap-password}, or with a random password
 * logged once.
 */
@Component
class BootstrapAdmin implements SmartInitializingSingleton {

	static final String USERNAME = "admin";

	private static final Logger logger = LoggerFactory.getLogger(BootstrapAdmin.class);

	private final AdminAccountRepository accounts;

	private final PasswordEncoder encoder;

	private final AdminProperties properties;

	BootstrapAdmin(AdminAccountRepository accounts, PasswordEncoder encoder, AdminProperties properties) {
		this.accounts = accounts;
		this.encoder = encoder;
		this.properties = properties;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.accounts.count() > 0) {
			return;
		}
		String password = this.properties.getBootstrapPassword();
		boolean generated = !StringUtils.hasText(password);
		if (generated) {
			byte[] random = new byte[18];
			new SecureRandom().nextBytes(random);
			password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		}
		if (!this.accounts.insert(USERNAME, this.encoder.encode(password), AdminRole.ADMIN)) {
			return;
		}
		if (generated) {
			logger.warn("Created admin account '{}' with the generated password: {}  "
					+ "(shown once; set MQTT_ADMIN_BOOTSTRAP_PASSWORD to choose it)", USERNAME, password);
		}
		else {
			logger.info("Created admin account '{}' with the configured bootstrap password", USERNAME);
		}
	}

}
