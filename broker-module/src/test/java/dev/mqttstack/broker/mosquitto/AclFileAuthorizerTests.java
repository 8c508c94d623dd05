package dev.mqttstack.broker.mosquitto;

import java.net.InetSocketAddress;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.mqttstack.broker.ClientInfo;

import static org.assertj.core.api.Assertions.assertThat;

class AclFileAuthorizerTests {

	private final AclFileAuthorizer authorizer = new AclFileAuthorizer(AclFile.parse("""
			topic read public/#
			user alice
			topic readwrite alice/#
			topic read news/#
			topic deny news/secret
			topic write reports/alice
			pattern readwrite clients/%c/#
			pattern read users/%u/inbox
			"""));

	@Test
	void userGetsItsOwnSectionAndNothingElse() {
		ClientInfo alice = client("alice", "a1");
		assertThat(this.authorizer.canPublish(alice, "alice/x", 1, false)).isTrue();
		assertThat(this.authorizer.canPublish(alice, "reports/alice", 1, false)).isTrue();
		assertThat(this.authorizer.canSubscribe(alice, "reports/alice", 1)).isFalse();
		assertThat(this.authorizer.canPublish(alice, "news/today", 1, false)).isFalse();
		assertThat(this.authorizer.canPublish(alice, "public/x", 1, false)).isFalse();
		assertThat(this.authorizer.canSubscribe(alice, "public/#", 1)).isFalse();
		assertThat(this.authorizer.canPublish(client("bob", "b1"), "alice/x", 1, false)).isFalse();
	}

	@Test
	void denyWinsOverAnAllowingRuleOnReceiveButNotOnABroaderSubscription() {
		ClientInfo alice = client("alice", "a1");
		assertThat(this.authorizer.canSubscribe(alice, "news/#", 0)).isTrue();
		assertThat(this.authorizer.canReceive(alice, "news/today")).isTrue();
		assertThat(this.authorizer.canReceive(alice, "news/secret")).isFalse();
		assertThat(this.authorizer.canSubscribe(alice, "news/secret", 0)).isFalse();
	}

	@Test
	void subscriptionMustStayWithinTheRuleFilter() {
		ClientInfo alice = client("alice", "a1");
		assertThat(this.authorizer.canSubscribe(alice, "alice/+/x", 0)).isTrue();
		assertThat(this.authorizer.canSubscribe(alice, "alice", 0)).isTrue();
		assertThat(this.authorizer.canSubscribe(alice, "#", 0)).isFalse();
		assertThat(this.authorizer.canSubscribe(alice, "+/x", 0)).isFalse();
		assertThat(AclFileAuthorizer.covers("a/+", "a/#", true)).isFalse();
		assertThat(AclFileAuthorizer.covers("a/+", "a/+", true)).isTrue();
		assertThat(AclFileAuthorizer.covers("#", "$SYS/x", false)).isFalse();
	}

	@Test
	void anonymousClientsGetTheRulesBeforeAnyUserLine() {
		ClientInfo anonymous = client(null, "anon");
		assertThat(this.authorizer.canSubscribe(anonymous, "public/#", 0)).isTrue();
		assertThat(this.authorizer.canPublish(anonymous, "public/x", 0, false)).isFalse();
		assertThat(this.authorizer.canReceive(anonymous, "users/null/inbox")).isFalse();
	}

	@Test
	void patternsStandForTheClientsOwnIdAndName() {
		assertThat(this.authorizer.canPublish(client("bob", "dev-1"), "clients/dev-1/state", 0, false)).isTrue();
		assertThat(this.authorizer.canPublish(client("bob", "dev-1"), "clients/dev-2/state", 0, false)).isFalse();
		assertThat(this.authorizer.canSubscribe(client("bob", "x"), "users/bob/inbox", 0)).isTrue();
		assertThat(this.authorizer.canSubscribe(client("bob", "x"), "users/alice/inbox", 0)).isFalse();
	}

	@Test
	void patternDoesNotApplyWhenTheIdWouldAddLevelsOrWildcards() {
		assertThat(this.authorizer.canPublish(client("bob", "dev/1"), "clients/dev/1/state", 0, false)).isFalse();
		assertThat(this.authorizer.canSubscribe(client("bob", "#"), "clients/#/x", 0)).isFalse();
		assertThat(this.authorizer.canSubscribe(client("+", "x"), "users/+/inbox", 0)).isFalse();
	}

	private static ClientInfo client(String username, String clientId) {
		return new ClientInfo(clientId, username, new InetSocketAddress("127.0.0.1", 1), 4, true, 60, Map.of());
	}

}
