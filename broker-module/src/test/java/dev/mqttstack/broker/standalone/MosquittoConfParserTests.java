package dev.mqttstack.broker.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MosquittoConfParserTests {

	@TempDir
	Path directory;

	@Test
	void everySupportedDirectiveIsRead() throws Exception {
		Path file = Files.writeString(this.directory.resolve("passwd"), "");
		MosquittoConf conf = parse("""
				# comment
				per_listener_settings false
				allow_anonymous true
				password_file %1$s
				acl_file %1$s
				max_keepalive 60
				max_packet_size 1000
				max_inflight_messages 5
				max_queued_messages 50
				message_size_limit 500
				retain_available false
				sys_interval 0
				log_type warning
				log_type error

				listener 1883
				protocol mqtt
				listener 9001 127.0.0.1
				protocol websockets
				cafile %1$s
				certfile %1$s
				keyfile %1$s
				require_certificate true
				use_identity_as_username true
				""".formatted(file));
		assertThat(conf.warnings).isEmpty();
		assertThat(conf.perListenerSettings).isFalse();
		assertThat(conf.security.allowAnonymous).isTrue();
		assertThat(conf.security.passwordFile).isEqualTo(file);
		assertThat(conf.security.aclFile).isEqualTo(file);
		assertThat(conf.maxKeepalive).isEqualTo(60);
		assertThat(conf.maxPacketSize).isEqualTo(1000);
		assertThat(conf.maxInflightMessages).isEqualTo(5);
		assertThat(conf.maxQueuedMessages).isEqualTo(50);
		assertThat(conf.messageSizeLimit).isEqualTo(500);
		assertThat(conf.retainAvailable).isFalse();
		assertThat(conf.sysInterval).isZero();
		assertThat(conf.logTypes).containsExactly("warning", "error");
		assertThat(conf.logLevel()).isEqualTo("warn");
		assertThat(conf.listeners).hasSize(2);
		ConfListener plain = conf.listeners.get(0);
		assertThat(plain.port).isEqualTo(1883);
		assertThat(plain.address).isNull();
		assertThat(plain.websockets).isFalse();
		assertThat(plain.certfile).isNull();
		ConfListener secure = conf.listeners.get(1);
		assertThat(secure.address).isEqualTo("127.0.0.1");
		assertThat(secure.websockets).isTrue();
		assertThat(secure.cafile).isEqualTo(file);
		assertThat(secure.certfile).isEqualTo(file);
		assertThat(secure.keyfile).isEqualTo(file);
		assertThat(secure.requireCertificate).isTrue();
		assertThat(secure.useIdentityAsUsername).isTrue();
	}

	@Test
	void otherDirectivesAreOneWarningEachNamingFileAndLine() throws Exception {
		MosquittoConf conf = parse("persistence true\n\nbridge_cafile x\nlistener 1883\n");
		assertThat(conf.warnings).containsExactly(
				this.directory.resolve("mosquitto.conf") + ":1: unsupported directive 'persistence', ignored",
				this.directory.resolve("mosquitto.conf") + ":3: unsupported directive 'bridge_cafile', ignored");
	}

	@Test
	void listenerSettingsBeforeAnyListenerLineGoToTheDefaultListener() throws Exception {
		MosquittoConf conf = parse("protocol websockets\n");
		assertThat(conf.listeners).isEmpty();
		assertThat(conf.defaultListener.websockets).isTrue();
	}

	@Test
	void withPerListenerSettingsSecurityDirectivesBelongToTheirListener() throws Exception {
		MosquittoConf conf = parse("per_listener_settings true\nlistener 1883\nallow_anonymous true\nlistener 1884\n");
		assertThat(conf.security.allowAnonymous).isNull();
		assertThat(conf.listeners.get(0).security.allowAnonymous).isTrue();
		assertThat(conf.listeners.get(1).security.allowAnonymous).isNull();
	}

	@Test
	void logTypesMapToTheBrokerLogLevel() throws Exception {
		assertThat(parse("").logLevel()).isEqualTo("info");
		assertThat(parse("log_type all").logLevel()).isEqualTo("debug");
		assertThat(parse("log_type error\nlog_type information").logLevel()).isEqualTo("info");
		assertThat(parse("log_type error").logLevel()).isEqualTo("error");
		assertThat(parse("log_type none").logLevel()).isEqualTo("off");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "listener|listener needs a value", "listener 0|listener must be between 1",
			"listener 70000|listener must be between 1", "listener 1883 a b|listener takes a port",
			"protocol mqtts|protocol must be mqtt or websockets",
			"allow_anonymous yes|allow_anonymous must be true or false",
			"password_file /no/such/file|is not a readable file", "acl_file /no/such/file|is not a readable file",
			"cafile /no/such/file|is not a readable file", "certfile|certfile needs a value",
			"keyfile /no/such/file|is not a readable file", "require_certificate 1|must be true or false",
			"use_identity_as_username on|must be true or false", "max_keepalive 65536|must be between 0 and 65535",
			"max_packet_size -1|must be between 0", "max_inflight_messages many|must be a whole number",
			"max_queued_messages 99999999999|must be between 0", "message_size_limit 268435456|must be between 0",
			"retain_available maybe|must be true or false", "sys_interval -5|must be between 0",
			"log_type verbose|log_type must be one of", "per_listener_settings|needs a value" })
	void badValueIsAnErrorNamingFileAndLine(String line, String message) throws IOException {
		Path conf = Files.writeString(this.directory.resolve("bad.conf"), "# first\n" + line + "\n");
		assertThatExceptionOfType(ConfException.class).isThrownBy(() -> MosquittoConfParser.parse(conf))
			.withMessageStartingWith(conf + ":2: ")
			.withMessageContaining(message);
	}

	@Test
	void exampleConfigOfTheModuleUsesOnlySupportedDirectives() throws Exception {
		MosquittoConf conf = MosquittoConfParser.parse(Path.of("mosquitto.conf.example"));
		assertThat(conf.warnings).isEmpty();
		assertThat(conf.listeners).extracting((listener) -> listener.port).containsExactly(1883, 9001);
		assertThat(conf.listeners.get(1).websockets).isTrue();
		assertThat(conf.security.allowAnonymous).isFalse();
	}

	@Test
	void missingConfigFileIsAnError() {
		assertThatExceptionOfType(ConfException.class)
			.isThrownBy(() -> MosquittoConfParser.parse(this.directory.resolve("none.conf")))
			.withMessageContaining("cannot read the config file");
	}

	private MosquittoConf parse(String content) throws Exception {
		return MosquittoConfParser.parse(Files.writeString(this.directory.resolve("mosquitto.conf"), content));
	}

}
