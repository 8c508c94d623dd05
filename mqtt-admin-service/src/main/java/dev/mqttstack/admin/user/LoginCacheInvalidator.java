package dev.mqttstack.admin.user;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Listener that forgets a user's cached login once a change to them is committed, before
 * their clients are disconnected.
 */
@Component
class LoginCacheInvalidator {

	private final MqttUserAuthenticator authenticator;

	LoginCacheInvalidator(MqttUserAuthenticator authenticator) {
		this.authenticator = authenticator;
	}

	@Order(0)
	@TransactionalEventListener(fallbackExecution = true)
	void onUserChanged(MqttUserChangedEvent event) {
		this.authenticator.forget(event.username());
	}

}
