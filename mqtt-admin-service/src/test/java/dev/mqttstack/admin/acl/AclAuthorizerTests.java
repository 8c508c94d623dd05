package dev.mqttstack.admin.acl;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mqttstack.admin.AdminProperties;

import static org.assertj.core.api.Assertions.assertThat;

class AclAuthorizerTests {

	private final List<AclRule> rules = new ArrayList<>();

	private AclAuthorizer authorizer(AdminProperties.Acl.NoMatch noMatch) {
		AdminProperties.Acl properties = new AdminProperties.Acl();
		properties.setNoMatch(noMatch);
		AclAuthorizer authorizer = new AclAuthorizer(properties);
		authorizer.reload(this.rules);
		return authorizer;
	}

	private AclAuthorizer authorizer() {
		return authorizer(AdminProperties.Acl.NoMatch.DENY);
	}

	private void rule(String username, String clientId, String topic, AclAction action, AclPermission permission,
			int priority) {
		this.rules.add(new AclRule(this.rules.size() + 1, username, clientId, topic, action, permission, priority));
	}

	private AclDecision decide(String username, String clientId, AclOperation operation, String topic) {
		return authorizer().decide(username, clientId, false, operation, topic);
	}

	@Test
	void noMatchingRuleDeniesByDefaultAndAllowsWhenConfigured() {
		assertThat(decide("alice", "c1", AclOperation.PUBLISH, "a/b").reason()).isEqualTo("no-match");
		assertThat(decide("alice", "c1", AclOperation.PUBLISH, "a/b").allowed()).isFalse();
		assertThat(
				authorizer(AdminProperties.Acl.NoMatch.ALLOW).decide("alice", "c1", false, AclOperation.PUBLISH, "a/b")
					.allowed())
			.isTrue();
	}

	@Test
	void superusersAreAllowedEverything() {
		rule(null, null, "#", AclAction.ALL, AclPermission.DENY, 100);
		AclDecision decision = authorizer().decide("root", "c", true, AclOperation.PUBLISH, "$SYS/x");
		assertThat(decision.allowed()).isTrue();
		assertThat(decision.reason()).isEqualTo("superuser");
	}

	@Test
	void higherPriorityDecidesFirst() {
		rule("alice", null, "sensors/#", AclAction.ALL, AclPermission.DENY, 0);
		rule("alice", null, "sensors/temp", AclAction.PUBLISH, AclPermission.ALLOW, 10);
		assertThat(decide("alice", "c", AclOperation.PUBLISH, "sensors/temp").allowed()).isTrue();
		assertThat(decide("alice", "c", AclOperation.PUBLISH, "sensors/humidity").allowed()).isFalse();
	}

	@Test
	void denyWinsOverAllowAtEqualPriority() {
		rule(null, null, "sensors/#", AclAction.ALL, AclPermission.ALLOW, 5);
		rule("alice", null, "sensors/secret", AclAction.PUBLISH, AclPermission.DENY, 5);
		AclDecision decision = decide("alice", "c", AclOperation.PUBLISH, "sensors/secret");
		assertThat(decision.allowed()).isFalse();
		assertThat(decision.matchedRule().id()).isEqualTo(2);
		assertThat(decide("bob", "c", AclOperation.PUBLISH, "sensors/secret").allowed()).isTrue();
	}

	@Test
	void rulesApplyToTheirUsernameAndClientIdOnly() {
		rule("alice", null, "a", AclAction.ALL, AclPermission.ALLOW, 0);
		rule(null, "device-7", "b", AclAction.ALL, AclPermission.ALLOW, 0);
		assertThat(decide("alice", "x", AclOperation.PUBLISH, "a").allowed()).isTrue();
		assertThat(decide("bob", "x", AclOperation.PUBLISH, "a").allowed()).isFalse();
		assertThat(decide("bob", "device-7", AclOperation.PUBLISH, "b").allowed()).isTrue();
		assertThat(decide("bob", "device-8", AclOperation.PUBLISH, "b").allowed()).isFalse();
	}

	@Test
	void actionsGovernTheirOperationsAndSubscribeRulesGovernReceiving() {
		rule("alice", null, "in/#", AclAction.SUBSCRIBE, AclPermission.ALLOW, 0);
		rule("alice", null, "out/#", AclAction.PUBLISH, AclPermission.ALLOW, 0);
		assertThat(decide("alice", "c", AclOperation.SUBSCRIBE, "in/+").allowed()).isTrue();
		assertThat(decide("alice", "c", AclOperation.RECEIVE, "in/x").allowed()).isTrue();
		assertThat(decide("alice", "c", AclOperation.PUBLISH, "in/x").allowed()).isFalse();
		assertThat(decide("alice", "c", AclOperation.PUBLISH, "out/x").allowed()).isTrue();
		assertThat(decide("alice", "c", AclOperation.SUBSCRIBE, "out/x").allowed()).isFalse();
	}

	@Test
	void aSubscriptionIsAllowedOnlyWhenTheRuleCoversEveryTopicItMatches() {
		rule("alice", null, "sensors/+/temp", AclAction.SUBSCRIBE, AclPermission.ALLOW, 0);
		assertThat(decide("alice", "c", AclOperation.SUBSCRIBE, "sensors/kitchen/temp").allowed()).isTrue();
		assertThat(decide("alice", "c", AclOperation.SUBSCRIBE, "sensors/+/temp").allowed()).isTrue();
		assertThat(decide("alice", "c", AclOperation.SUBSCRIBE, "sensors/#").allowed()).isFalse();
		assertThat(decide("alice", "c", AclOperation.SUBSCRIBE, "+/kitchen/temp").allowed()).isFalse();
	}

	@Test
	void usernameAndClientIdPlaceholdersStandForWholeLevels() {
		rule(null, null, "users/${username}/#", AclAction.ALL, AclPermission.ALLOW, 0);
		rule(null, null, "devices/${clientid}/state", AclAction.PUBLISH, AclPermission.ALLOW, 0);
		assertThat(decide("alice", "c", AclOperation.PUBLISH, "users/alice/inbox").allowed()).isTrue();
		assertThat(decide("alice", "c", AclOperation.PUBLISH, "users/bob/inbox").allowed()).isFalse();
		assertThat(decide(null, "c", AclOperation.PUBLISH, "users/null/inbox").allowed()).isFalse();
		assertThat(decide("alice", "dev1", AclOperation.PUBLISH, "devices/dev1/state").allowed()).isTrue();
		assertThat(decide("alice", "dev1", AclOperation.PUBLISH, "devices/dev2/state").allowed()).isFalse();
		assertThat(decide("alice", "a/b", AclOperation.PUBLISH, "devices/a/b/state").allowed()).isFalse();
		assertThat(decide("alice", "+", AclOperation.PUBLISH, "devices/+/state").allowed()).isFalse();
	}

	@Test
	void dollarTopicsNeedARuleThatNamesThemLiterally() {
		rule(null, null, "#", AclAction.ALL, AclPermission.ALLOW, 0);
		rule(null, null, "+/broker/#", AclAction.ALL, AclPermission.ALLOW, 0);
		assertThat(decide("alice", "c", AclOperation.RECEIVE, "$SYS/broker/uptime").allowed()).isFalse();
		assertThat(decide("alice", "c", AclOperation.SUBSCRIBE, "$SYS/#").allowed()).isFalse();
		rule("alice", null, "$SYS/#", AclAction.SUBSCRIBE, AclPermission.ALLOW, 0);
		assertThat(decide("alice", "c", AclOperation.SUBSCRIBE, "$SYS/#").allowed()).isTrue();
		assertThat(decide("alice", "c", AclOperation.RECEIVE, "$SYS/broker/uptime").allowed()).isTrue();
	}

	@Test
	void ruleTopicsAreValidated() {
		assertThat(AclTopicPattern.problem("a/${username}/#")).isNull();
		assertThat(AclTopicPattern.problem("a/x${username}")).contains("whole level");
		assertThat(AclTopicPattern.problem("a/#/b")).contains("valid");
		assertThat(AclTopicPattern.problem("")).contains("empty");
	}

}
