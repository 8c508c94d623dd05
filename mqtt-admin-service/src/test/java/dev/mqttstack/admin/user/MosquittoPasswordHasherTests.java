package dev.mqttstack.admin.user;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mqttstack.admin.AdminProperties;
import dev.mqttstack.broker.testsupport.MosquittoClients;

import static org.assertj.core.api.Assertions.assertThat;

class MosquittoPasswordHasherTests {

	private static final String ADMIN_PBKDF2 = "$7$101$Ezuo4G1TqYtTQDL/$Rko31yHY12ryMoyZTBNIUsCPb5SDa4WmUP3Xe2+V6P+QOSW3Gj6IDmpl6zQsAjutb476zEYdBeTw9tU7WZ1new==";

	private static final String PASSWORD_SHA512 = "$6$vZY4TS+/HBxHw38S$vvjVFECzb8dyuu/mruD2QKTfdFn0WmKxbc+1TsdB0L8EdHk3v9JRmfjHd56+VaTnUcSZOZ/hzkdvWCtxlX7AUQ==";

	private final MosquittoPasswordHasher hasher = new MosquittoPasswordHasher(1000);

	@Test
	void knownPbkdf2HashIsThePasswordAdmin() {
		assertThat(this.hasher.matches(bytes("admin"), ADMIN_PBKDF2)).isTrue();
		assertThat(this.hasher.matches(bytes("Admin"), ADMIN_PBKDF2)).isFalse();
	}

	@Test
	void knownSaltedSha512HashIsThePasswordPassword() {
		assertThat(this.hasher.matches(bytes("password"), PASSWORD_SHA512)).isTrue();
		assertThat(this.hasher.matches(bytes("passwordx"), PASSWORD_SHA512)).isFalse();
	}

	@Test
	void newHashesArePbkdf2WithTheConfiguredIterationsAndAFreshSalt() {
		String first = this.hasher.hash("s3cret");
		String second = this.hasher.hash("s3cret");
		assertThat(first).startsWith("$7$1000$").isNotEqualTo(second);
		assertThat(MosquittoPasswordHasher.isWellFormed(first)).isTrue();
		assertThat(this.hasher.matches(bytes("s3cret"), first)).isTrue();
		assertThat(this.hasher.matches(bytes("s3cret!"), first)).isFalse();
	}

	@Test
	void defaultIterationsAre210000() {
		int iterations = new AdminProperties().getPassword().getIterations();
		assertThat(iterations).isEqualTo(210_000);
		assertThat(new MosquittoPasswordHasher(iterations).hash("x")).startsWith("$7$210000$");
	}

	@Test
	void emptyOrMissingPasswordNeverMatchesAndNeverFails() {
		assertThat(this.hasher.matches(null, ADMIN_PBKDF2)).isFalse();
		assertThat(this.hasher.matches(new byte[0], PASSWORD_SHA512)).isFalse();
	}

	@Test
	void malformedHashesAreRejected() {
		assertThat(MosquittoPasswordHasher.isWellFormed("plain")).isFalse();
		assertThat(MosquittoPasswordHasher.isWellFormed("$7$101$abc$def")).isFalse();
		assertThat(MosquittoPasswordHasher
			.isWellFormed("$7$99999999$Ezuo4G1TqYtTQDL/$" + ADMIN_PBKDF2.substring(ADMIN_PBKDF2.lastIndexOf('$') + 1)))
			.isFalse();
		assertThat(this.hasher.matches(bytes("admin"), "$5$x$y")).isFalse();
	}

	@Test
	void fileWrittenByMosquittoPasswdVerifies(@TempDir Path directory) throws Exception {
		String binary = MosquittoClients.require("mosquitto_passwd");
		Path file = directory.resolve("passwords");
		run(binary, "-c", "-b", file.toString(), "alice", "wonder land");
		run(binary, "-b", file.toString(), "bob", "p@ss:word");
		List<String> lines = Files.readAllLines(file);
		assertThat(lines).hasSize(2);
		String alice = lines.get(0).substring(lines.get(0).indexOf(':') + 1);
		String bob = lines.get(1).substring(lines.get(1).indexOf(':') + 1);
		assertThat(MosquittoPasswordHasher.isWellFormed(alice)).isTrue();
		assertThat(this.hasher.matches(bytes("wonder land"), alice)).isTrue();
		assertThat(this.hasher.matches(bytes("p@ss:word"), bob)).isTrue();
		assertThat(this.hasher.matches(bytes("wonder land"), bob)).isFalse();
	}

	private static void run(String... command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isZero();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
