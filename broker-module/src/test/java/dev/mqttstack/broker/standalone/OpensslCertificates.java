package dev.mqttstack.broker.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.mqttstack.broker.testsupport.MosquittoClients;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CA, a server certificate for {@code localhost}/{@code 127.0.0.1} and a client
 * certificate ({@code CN=device-42}) made with the {@code openssl} command at test time,
 * as a mosquitto operator makes them: PEM files with PKCS#8 keys.
 */
record OpensslCertificates(Path ca, Path serverCert, Path serverKey, Path clientCert, Path clientKey) {

	static final String CLIENT_COMMON_NAME = "device-42";

	static OpensslCertificates create(Path directory) throws IOException, InterruptedException {
		Path extensions = Files.writeString(directory.resolve("server.ext"),
				"subjectAltName=DNS:localhost,IP:127.0.0.1\n");
		openssl(directory, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
				"-days", "2", "-subj", "/CN=mqtt-stack standalone test CA");
		signed(directory, "server", "/CN=localhost", extensions);
		signed(directory, "client", "/CN=" + CLIENT_COMMON_NAME + "/O=mqtt-stack", null);
		return new OpensslCertificates(directory.resolve("ca.pem"), directory.resolve("server.pem"),
				directory.resolve("server.key"), directory.resolve("client.pem"), directory.resolve("client.key"));
	}

	private static void signed(Path directory, String name, String subject, Path extensions)
			throws IOException, InterruptedException {
		openssl(directory, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr",
				"-subj", subject);
		if (extensions != null) {
			openssl(directory, "x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key",
					"-CAcreateserial", "-out", name + ".pem", "-days", "2", "-extfile", extensions.toString());
		}
		else {
			openssl(directory, "x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key",
					"-CAcreateserial", "-out", name + ".pem", "-days", "2");
		}
	}

	private static void openssl(Path directory, String... args) throws IOException, InterruptedException {
		List<String> command = new java.util.ArrayList<>(List.of(MosquittoClients.require("openssl")));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("openssl.log").toFile())
			.start();
		assertThat(process.waitFor()).as("%s\n%s", command, Files.readString(directory.resolve("openssl.log")))
			.isZero();
	}

}
