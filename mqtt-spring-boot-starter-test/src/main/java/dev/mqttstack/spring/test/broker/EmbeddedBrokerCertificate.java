/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.test.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed server certificate for {@code localhost} and {@code 127.0.0.1}, made for
 * one embedded broker and written as PEM files into a temporary directory.
 */
final class EmbeddedBrokerCertificate {

	private final Path directory;

	private EmbeddedBrokerCertificate(Path directory) {
		this.directory = directory;
	}

	static EmbeddedBrokerCertificate create() {
		try {
			Path directory = Files.createTempDirectory("embedded-mqtt-broker-tls");
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(256);
			KeyPair keys = generator.generateKeyPair();
			X500Name name = new X500Name("CN=localhost,O=mqtt-stack embedded broker");
			Instant now = Instant.now();
			JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
					BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofDays(1))),
					Date.from(now.plus(Duration.ofDays(30))), name, keys.getPublic());
			builder.addExtension(Extension.subjectAlternativeName, false,
					new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "localhost"),
							new GeneralName(GeneralName.iPAddress, "127.0.0.1") }));
			X509Certificate certificate = new JcaX509CertificateConverter()
				.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
			EmbeddedBrokerCertificate result = new EmbeddedBrokerCertificate(directory);
			try (Writer writer = Files.newBufferedWriter(result.certificatePem());
					JcaPEMWriter pem = new JcaPEMWriter(writer)) {
				pem.writeObject(certificate);
			}
			try (Writer writer = Files.newBufferedWriter(result.privateKeyPem());
					JcaPEMWriter pem = new JcaPEMWriter(writer)) {
				pem.writeObject(new JcaPKCS8Generator(keys.getPrivate(), null));
			}
			return result;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not make a certificate for the embedded MQTT broker", ex);
		}
	}

	Path certificatePem() {
		return this.directory.resolve("broker.pem");
	}

	Path privateKeyPem() {
		return this.directory.resolve("broker-key.pem");
	}

	/**
	 * Build an SSL context that trusts this certificate.
	 * @return the SSL context
	 */
	SSLContext trustingContext() {
		try (InputStream in = Files.newInputStream(certificatePem())) {
			Certificate certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
			KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
			trust.load(null, null);
			trust.setCertificateEntry("embedded-mqtt-broker", certificate);
			TrustManagerFactory trustManagers = TrustManagerFactory
				.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trustManagers.init(trust);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trustManagers.getTrustManagers(), null);
			return context;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	void delete() {
		try {
			Files.deleteIfExists(certificatePem());
			Files.deleteIfExists(privateKeyPem());
			Files.deleteIfExists(this.directory);
		}
		catch (IOException ex) {
			// a temporary directory: left for the OS to clean up
		}
	}

}
