package dev.mqttstack.broker.mosquitto;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordFileTests {

	private static final String ADMIN_PBKDF2 = "$7$101$Ezuo4G1TqYtTQDL/$Rko31yHY12ryMoyZTBNIUsCPb5SDa4WmUP3Xe2+V6P+QOSW3Gj6IDmpl6zQsAjutb476zEYdBeTw9tU7WZ1new==";

	private static final String PASSWORD_SHA512 = "$6$vZY4TS+/HBxHw38S$vvjVFECzb8dyuu/mruD2QKTfdFn0WmKxbc+1TsdB0L8EdHk3v9JRmfjHd56+VaTnUcSZOZ/hzkdvWCtxlX7AUQ==";

	@Test
	void wellFormedLinesBecomeEntriesWithTheirLineNumbers() {
		PasswordFile file = PasswordFile
			.parse("# comment\n\nadmin:" + ADMIN_PBKDF2 + "\r\nlegacy:" + PASSWORD_SHA512 + "\n");
		assertThat(file.problems()).isEmpty();
		assertThat(file.entries()).containsExactly(new PasswordFile.Entry(3, "admin", ADMIN_PBKDF2),
				new PasswordFile.Entry(4, "legacy", PASSWORD_SHA512));
		assertThat(MosquittoPasswordHash.matches("admin".getBytes(), file.hashes().get("admin"))).isTrue();
	}

	@Test
	void badLinesAreProblemsNamingTheirLine() {
		PasswordFile file = PasswordFile.parse("no-colon\n:" + ADMIN_PBKDF2 + "\nplain:password\nok:" + ADMIN_PBKDF2);
		assertThat(file.problems()).containsExactly(new FileProblem(1, "expected 'username:hash'"),
				new FileProblem(2, "empty user name"), new FileProblem(3, "not a mosquitto $7$ or $6$ password hash"));
		assertThat(file.entries()).extracting(PasswordFile.Entry::username).containsExactly("ok");
	}

	@Test
	void userNamedTwiceKeepsItsFirstHash() {
		PasswordFile file = PasswordFile.parse("a:" + ADMIN_PBKDF2 + "\na:" + PASSWORD_SHA512);
		assertThat(file.hashes()).containsExactly(org.assertj.core.api.Assertions.entry("a", ADMIN_PBKDF2));
	}

	@Test
	void hashesAreMadeAndVerifiedInMosquittoFormats() {
		String hash = MosquittoPasswordHash.create("s3cret", 101);
		assertThat(hash).startsWith("$7$101$");
		assertThat(MosquittoPasswordHash.isWellFormed(hash)).isTrue();
		assertThat(MosquittoPasswordHash.matches("s3cret".getBytes(), hash)).isTrue();
		assertThat(MosquittoPasswordHash.matches("s3cret!".getBytes(), hash)).isFalse();
		assertThat(MosquittoPasswordHash.matches("password".getBytes(), PASSWORD_SHA512)).isTrue();
		assertThat(MosquittoPasswordHash.matches(null, PASSWORD_SHA512)).isFalse();
		assertThat(MosquittoPasswordHash.isWellFormed("$7$99999999$a$b")).isFalse();
	}

}
