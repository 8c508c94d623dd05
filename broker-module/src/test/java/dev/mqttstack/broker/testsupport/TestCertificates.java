package dev.mqttstack.broker.testsupport;

import java.io.IOException;
import java.io.OutputStream;
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
import javax.net.ssl.SSLContext;
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
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test CA with a server certificate (for {@code localhost} and {@code 127.0.0.1}) and a
 * client certificate ({@code CN=device-42}), made fresh for each test run and written as
 * PEM and PKCS#12 files.
 */
public final class TestCertificates {

	public static final String PASSWORD = "changeit";

	public static final String CLIENT_COMMON_NAME = "device-42";

	private static final AtomicLong serials = new AtomicLong(System.currentTimeMillis());

	private final Path directory;

	private final X509Certificate ca;

	private final X509Certificate server;

	private final KeyPair serverKeys;

	private final X509Certificate client;

	private final KeyPair clientKeys;

	private TestCertificates(Path directory) throws GeneralSecurityException, IOException {
		this.directory = directory;
		KeyPair caKeys = keys();
		X500Name caName = new X500Name("CN=mqtt-stack test CA");
		this.ca = sign(caName, caName, caKeys, caKeys, true, null);
		this.serverKeys = keys();
		this.server = sign(new X500Name("CN=localhost"), caName, this.serverKeys, caKeys, false,
				new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "localhost"),
						new GeneralName(GeneralName.iPAddress, "127.0.0.1") }));
		this.clientKeys = keys();
		this.client = sign(new X500Name("CN=" + CLIENT_COMMON_NAME + ",O=mqtt-stack"), caName, this.clientKeys, caKeys,
				false, null);
		pem(caPem(), this.ca);
		pem(serverChainPem(), this.server, this.ca);
		try (Writer writer = Files.newBufferedWriter(serverKeyPem()); JcaPEMWriter pem = new JcaPEMWriter(writer)) {
			pem.writeObject(new JcaPKCS8Generator(this.serverKeys.getPrivate(), null));
		}
		pkcs12(serverKeyStore(), this.serverKeys, this.server, this.ca);
	}

	/**
	 * Makes a CA and certificates in a directory.
	 * @param directory where the files go
	 * @return the certificates
	 */
	public static TestCertificates create(Path directory) {
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

	public Path caPem() {
		return this.directory.resolve("ca.pem");
	}

	public Path serverChainPem() {
		return this.directory.resolve("server.pem");
	}

	public Path serverKeyPem() {
		return this.directory.resolve("server.key");
	}

	public Path serverKeyStore() {
		return this.directory.resolve("server.p12");
	}

	/** Trust managers that trust the test CA. */
	public TrustManagerFactory trustManagers() {
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
	public KeyManagerFactory clientKeyManagers() {
		try {
			KeyStore keys = KeyStore.getInstance("PKCS12");
			keys.load(null, null);
			keys.setKeyEntry("client", this.clientKeys.getPrivate(), PASSWORD.toCharArray(),
					new X509Certificate[] { this.client, this.ca });
			KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			factory.init(keys, PASSWORD.toCharArray());
			return factory;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A client SSL context that trusts the test CA, with or without the client
	 * certificate.
	 */
	public SSLContext clientContext(boolean withClientCertificate) {
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(withClientCertificate ? clientKeyManagers().getKeyManagers() : null,
					trustManagers().getTrustManagers(), null);
			return context;
		}
		catch (GeneralSecurityException ex) {
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
		catch (org.bouncycastle.operator.OperatorCreationException ex) {
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

	private static void pkcs12(Path file, KeyPair keys, X509Certificate... chain)
			throws IOException, GeneralSecurityException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		store.setKeyEntry("server", keys.getPrivate(), PASSWORD.toCharArray(), chain);
		try (OutputStream out = Files.newOutputStream(file)) {
			store.store(out, PASSWORD.toCharArray());
		}
	}

}
