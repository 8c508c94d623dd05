package dev.mqttstack.admin.acl;

import java.util.List;

import dev.mqttstack.admin.AdminProperties;
import dev.mqttstack.admin.user.MqttUserAuthenticator;
import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.security.Authorizer;

/**
 * Authorizer of publish, subscribe and delivery from an in-memory snapshot of the ACL
 * rules, swapped atomically when the rules change: superusers may do everything, others
 * what the first matching rule says, or {@code mqtt.admin.acl.no-match}.
 */
public class AclAuthorizer implements Authorizer {

	private final AclPermission noMatch;

	private volatile AclRuleSet rules = AclRuleSet.EMPTY;

	public AclAuthorizer(AdminProperties.Acl properties) {
		this.noMatch = (properties.getNoMatch() == AdminProperties.Acl.NoMatch.ALLOW) ? AclPermission.ALLOW
				: AclPermission.DENY;
	}

	/** Replaces the snapshot; the very next operation sees the new rules. */
	void reload(List<AclRule> rules) {
		this.rules = new AclRuleSet(rules);
	}

	@Override
	public boolean canPublish(ClientInfo client, String topic, int qos, boolean retain) {
		return decide(client, AclOperation.PUBLISH, topic).allowed();
	}

	@Override
	public boolean canSubscribe(ClientInfo client, String topicFilter, int qos) {
		return decide(client, AclOperation.SUBSCRIBE, topicFilter).allowed();
	}

	@Override
	public boolean canReceive(ClientInfo client, String topic) {
		return decide(client, AclOperation.RECEIVE, topic).allowed();
	}

	/**
	 * Decides an operation and says why.
	 * @param username the user name, or {@code null}
	 * @param clientId the client identifier
	 * @param superuser whether the user is a superuser
	 * @param operation what is asked for
	 * @param topic a topic name, or a filter for subscribe
	 * @return the decision
	 */
	public AclDecision decide(String username, String clientId, boolean superuser, AclOperation operation,
			String topic) {
		if (superuser) {
			return AclDecision.superuser();
		}
		AclRule rule = this.rules.firstMatch(username, clientId, operation, topic);
		return (rule != null) ? AclDecision.rule(rule) : AclDecision.noMatch(this.noMatch);
	}

	private AclDecision decide(ClientInfo client, AclOperation operation, String topic) {
		boolean superuser = Boolean.TRUE.equals(client.attribute(MqttUserAuthenticator.SUPERUSER));
		return decide(client.username(), client.clientId(), superuser, operation, topic);
	}

}
