package dev.mqttstack.admin.acl;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Loader of the authorizer's rule snapshot: once at startup (before the broker listens)
 * and after every committed change.
 */
@Component
class AclRulesReloader implements SmartInitializingSingleton {

	private final AclRuleRepository rules;

	private final AclAuthorizer authorizer;

	AclRulesReloader(AclRuleRepository rules, AclAuthorizer authorizer) {
		this.rules = rules;
		this.authorizer = authorizer;
	}

	@Override
	public void afterSingletonsInstantiated() {
		reload();
	}

	@TransactionalEventListener(fallbackExecution = true)
	void onRulesChanged(AclRulesChangedEvent event) {
		reload();
	}

	private synchronized void reload() {
		this.authorizer.reload(this.rules.findAll());
	}

}
