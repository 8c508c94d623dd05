package dev.mqttstack.broker.mosquitto;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AclFileTests {

	@Test
	void everyKeywordAndAccessWordIsRead() {
		AclFile file = AclFile.parse("""
				# comment
				topic read public/#
				user alice
				topic alice/#
				topic write reports/alice
				topic readwrite rw/+
				topic deny alice/secret
				pattern read users/%u/inbox
				pattern write devices/%c/state
				""");
		assertThat(file.problems()).isEmpty();
		assertThat(file.rules()).containsExactly(new AclFileRule(2, false, null, AclAccess.READ, "public/#"),
				new AclFileRule(4, false, "alice", AclAccess.READWRITE, "alice/#"),
				new AclFileRule(5, false, "alice", AclAccess.WRITE, "reports/alice"),
				new AclFileRule(6, false, "alice", AclAccess.READWRITE, "rw/+"),
				new AclFileRule(7, false, "alice", AclAccess.DENY, "alice/secret"),
				new AclFileRule(8, true, null, AclAccess.READ, "users/%u/inbox"),
				new AclFileRule(9, true, null, AclAccess.WRITE, "devices/%c/state"));
		assertThat(file.rules().get(5).topicFor("bob", "c1")).isEqualTo("users/bob/inbox");
		assertThat(file.rules().get(6).topicFor("bob", "c1")).isEqualTo("devices/c1/state");
	}

	@Test
	void badLinesAreProblemsNamingTheirLine() {
		AclFile file = AclFile.parse("""
				user
				frobnicate x
				topic read
				pattern read bad/x%u
				topic a/#/b
				user bob
				topic ok/#
				""");
		assertThat(file.problems()).containsExactly(new FileProblem(1, "'user' needs a user name"),
				new FileProblem(2, "unknown keyword 'frobnicate'"), new FileProblem(3, "'topic' needs a topic"),
				new FileProblem(4, "%u and %c must stand for a whole topic level"),
				new FileProblem(5, "'a/#/b' is not a valid topic filter"));
		assertThat(file.rules()).containsExactly(new AclFileRule(7, false, "bob", AclAccess.READWRITE, "ok/#"));
	}

}
