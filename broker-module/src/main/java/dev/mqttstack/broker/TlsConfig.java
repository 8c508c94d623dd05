package dev.mqttstack.broker;

import java.nio.file.Path;

/**
 * TLS settings of a listener: the server's key and certificate (PEM files or a key
 * store), and whether clients must present certificates signed by a trusted CA.
 *
 * @param certificateChain PEM file with the server certificate and its chain, or
 * {@code null} when a key store is used
 * @param privateKey PEM file with the server's PKCS#8 private key, or {@code null} when a
 * key store is used
 * @param keyStore PKCS#12 or JKS key store with the server key and certificate, or
 * {@code null} for PEM files
 * @param keyStorePassword password of the key store and its key
 * @param trustedCertificates PEM file with the CA certificates client certificates must
 * chain to, or {@code null}
 * @param clientAuth whether clients present certificates
 * @param usernameFromCertificate take the MQTT user name from the client certificate's
 * common name (CN), as mosquitto's {@code use_identity_as_username} does
 */
public record TlsConfig(Path certificateChain, Path privateKey, Path keyStore, String keyStorePassword,
		Path trustedCertificates, ClientAuth clientAuth, boolean usernameFromCertificate) {

	public TlsConfig {
		if ((keyStore == null) == (certificateChain == null || privateKey == null)) {
			throw new IllegalArgumentException("Give either a certificate chain and private key, or a key store");
		}
		if (clientAuth == null) {
			clientAuth = ClientAuth.NONE;
		}
		if (clientAuth != ClientAuth.NONE && trustedCertificates == null) {
			throw new IllegalArgumentException("Client certificates need trustedCertificates");
		}
		if (usernameFromCertificate && clientAuth != ClientAuth.REQUIRE) {
			throw new IllegalArgumentException("usernameFromCertificate needs clientAuth REQUIRE");
		}
	}

	/**
	 * TLS from PEM files, without client certificates.
	 * @param certificateChain the server certificate chain
	 * @param privateKey the server's PKCS#8 private key
	 * @return the settings
	 */
	public static TlsConfig pem(Path certificateChain, Path privateKey) {
		return new TlsConfig(certificateChain, privateKey, null, null, null, ClientAuth.NONE, false);
	}

	/**
	 * TLS from a PKCS#12 or JKS key store, without client certificates.
	 * @param keyStore the key store
	 * @param password its password, also the key's
	 * @return the settings
	 */
	public static TlsConfig keyStore(Path keyStore, String password) {
		return new TlsConfig(null, null, keyStore, password, null, ClientAuth.NONE, false);
	}

	/**
	 * The same settings with client certificates.
	 * @param clientAuth optional or required
	 * @param trustedCertificates the CA certificates they must chain to
	 * @return the settings
	 */
	public TlsConfig withClientAuth(ClientAuth clientAuth, Path trustedCertificates) {
		return new TlsConfig(this.certificateChain, this.privateKey, this.keyStore, this.keyStorePassword,
				trustedCertificates, clientAuth, this.usernameFromCertificate);
	}

	/**
	 * The same settings, taking the user name from the client certificate's CN.
	 * @return the settings
	 */
	public TlsConfig withUsernameFromCertificate() {
		return new TlsConfig(this.certificateChain, this.privateKey, this.keyStore, this.keyStorePassword,
				this.trustedCertificates, this.clientAuth, true);
	}

	/**
	 * Whether clients present certificates.
	 */
	public enum ClientAuth {

		/** Clients are not asked for certificates. */
		NONE,

		/** Clients may present a certificate, which is then verified. */
		OPTIONAL,

		/** Clients must present a valid certificate. */
		REQUIRE

	}

}
