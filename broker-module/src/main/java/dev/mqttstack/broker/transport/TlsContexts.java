package dev.mqttstack.broker.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import dev.mqttstack.broker.TlsConfig;

/**
 * Builds the Netty {@link SslContext} of a TLS listener from its {@link TlsConfig}.
 */
public final class TlsContexts {

	private TlsContexts() {
	}

	/**
	 * Builds a server context; files are read now, so a bad path fails the broker's
	 * start.
	 * @param tls the settings
	 * @return the context
	 */
	public static SslContext forServer(TlsConfig tls) {
		try {
			SslContextBuilder builder = (tls.keyStore() != null) ? SslContextBuilder.forServer(keyManagers(tls))
					: SslContextBuilder.forServer(tls.certificateChain().toFile(), tls.privateKey().toFile());
			if (tls.trustedCertificates() != null) {
				builder.trustManager(tls.trustedCertificates().toFile());
			}
			builder.clientAuth(switch (tls.clientAuth()) {
				case NONE -> ClientAuth.NONE;
				case OPTIONAL -> ClientAuth.OPTIONAL;
				case REQUIRE -> ClientAuth.REQUIRE;
			});
			return builder.build();
		}
		catch (SSLException ex) {
			throw new IllegalArgumentException("Invalid TLS settings: " + ex.getMessage(), ex);
		}
	}

	private static KeyManagerFactory keyManagers(TlsConfig tls) {
		char[] password = (tls.keyStorePassword() != null) ? tls.keyStorePassword().toCharArray() : new char[0];
		try (InputStream in = Files.newInputStream(tls.keyStore())) {
			String type = tls.keyStore().toString().endsWith(".jks") ? "JKS" : "PKCS12";
			KeyStore keyStore = KeyStore.getInstance(type);
			keyStore.load(in, password);
			KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			factory.init(keyStore, password);
			return factory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read key store " + tls.keyStore(), ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("Cannot use key store " + tls.keyStore() + ": " + ex.getMessage(), ex);
		}
	}

}
