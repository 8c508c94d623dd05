package dev.mqttstack.admin.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test CA with a server certificate (for {@code localhost} and {@code 127.0.0.1}) and a
 * client certificate, made fresh for each test run with BouncyCastle and written as PEM
 * files, as broker-module's test support does (broker-module publishes no test jar).
 */
final class TestCertificates {

	private static final char[] PASSWORD = "changeit".toCharArray();

	private static final AtomicLong serials = new AtomicLong(System.currentTimeMillis());

	private final Path directory;

	private final X509Certificate ca;

	private final X509Certificate client;

	private final KeyPair clientKeys;

	private TestCertificates(Path directory) throws GeneralSecurityException, IOException {
		this.directory = directory;
		KeyPair caKeys = keys();
		X500Name caName = new X500Name("CN=mqtt-admin-service test CA");
		this.ca = sign(caName, caName, caKeys, caKeys, true, null);
		KeyPair serverKeys = keys();
		X509Certificate server = sign(new X500Name("CN=localhost"), caName, serverKeys, caKeys, false,
				new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "localhost"),
						new GeneralName(GeneralName.iPAddress, "127.0.0.1") }));
		this.clientKeys = keys();
		this.client = sign(new X500Name("CN=device-7"), caName, this.clientKeys, caKeys, false, null);
		pem(caPem(), this.ca);
		pem(serverChainPem(), server, this.ca);
		try (Writer writer = Files.newBufferedWriter(serverKeyPem()); JcaPEMWriter pem = new JcaPEMWriter(writer)) {
			pem.writeObject(new JcaPKCS8Generator(serverKeys.getPrivate(), null));
		}
	}

	static TestCertificates create(Path directory) {
		try {
			return new TestCertificates(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	Path caPem() {
		return this.directory.resolve("ca.pem");
	}

	Path serverChainPem() {
		return this.directory.resolve("server.pem");
	}

	Path serverKeyPem() {
		return this.directory.resolve("server.key");
	}

	/** Trust managers that trust the test CA. */
	TrustManagerFactory trustManagers() {
		try {
			KeyStore trust = KeyStore.getInstance("PKCS12");
			trust.load(null, null);
			trust.setCertificateEntry("ca", this.ca);
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(trust);
			return factory;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Key managers holding the client certificate. */
	KeyManagerFactory clientKeyManagers() {
		try {
			KeyStore keys = KeyStore.getInstance("PKCS12");
			keys.load(null, null);
			keys.setKeyEntry("client", this.clientKeys.getPrivate(), PASSWORD,
					new X509Certificate[] { this.client, this.ca });
			KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			factory.init(keys, PASSWORD);
			return factory;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static KeyPair keys() throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(256);
		return generator.generateKeyPair();
	}

	private static X509Certificate sign(X500Name subject, X500Name issuer, KeyPair subjectKeys, KeyPair issuerKeys,
			boolean ca, GeneralNames alternativeNames) throws GeneralSecurityException, IOException {
		Instant now = Instant.now();
		JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
				BigInteger.valueOf(serials.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
				Date.from(now.plus(Duration.ofDays(2))), subject, subjectKeys.getPublic());
		builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
		if (alternativeNames != null) {
			builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames);
		}
		try {
			return new JcaX509CertificateConverter().getCertificate(
					builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
		}
		catch (OperatorCreationException ex) {
			throw new GeneralSecurityException(ex);
		}
	}

	private static void pem(Path file, X509Certificate... certificates) throws IOException {
		try (Writer writer = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(writer)) {
			for (X509Certificate certificate : certificates) {
				pem.writeObject(certificate);
			}
		}
	}

}
