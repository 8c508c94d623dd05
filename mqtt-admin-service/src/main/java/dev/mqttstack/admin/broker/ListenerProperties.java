package dev.mqttstack.admin.broker;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.core.io.Resource;

/**
 * One named listener under {@code mqtt.broker.listeners.<name>}: protocol, address, port,
 * connection limit and, for TLS protocols, its {@link Tls} settings. Kept out of
 * {@link BrokerProperties} so that class stays a flat list of broker settings.
 */
public class ListenerProperties {

	/** Protocol the listener speaks. */
	@NotNull
	private Protocol protocol = Protocol.TCP;

	/**
	 * Address the listener binds to; 0.0.0.0 for every interface; unset, the one of the
	 * default listener (mqtt.broker.host).
	 */
	@Pattern(regexp = "\\S+", message = "must not be blank")
	private String host;

	/** Port of the listener; 0 picks a free one. */
	@NotNull
	@Min(0)
	@Max(65535)
	private Integer port;

	/** Path of the WebSocket endpoint, for the websocket protocols. */
	@Pattern(regexp = "/.*", message = "must start with '/'")
	private String websocketPath = "/mqtt";

	/** Connections this listener accepts at once; 0 for no limit of its own. */
	@Min(0)
	private int maxConnections;

	/** TLS settings, needed by the tls and websocket-tls protocols. */
	@Valid
	private final Tls tls = new Tls();

	public Protocol getProtocol() {
		return this.protocol;
	}

	public void setProtocol(Protocol protocol) {
		this.protocol = protocol;
	}

	public String getHost() {
		return this.host;
	}

	public void setHost(String host) {
		this.host = host;
	}

	public Integer getPort() {
		return this.port;
	}

	public void setPort(Integer port) {
		this.port = port;
	}

	public String getWebsocketPath() {
		return this.websocketPath;
	}

	public void setWebsocketPath(String websocketPath) {
		this.websocketPath = websocketPath;
	}

	public int getMaxConnections() {
		return this.maxConnections;
	}

	public void setMaxConnections(int maxConnections) {
		this.maxConnections = maxConnections;
	}

	public Tls getTls() {
		return this.tls;
	}

	/** Protocol of a listener. */
	public enum Protocol {

		/** MQTT over plain TCP (1883 by convention). */
		TCP(false, false),

		/** MQTT over TLS (8883 by convention). */
		TLS(true, false),

		/** MQTT over WebSocket (9001 by convention). */
		WEBSOCKET(false, true),

		/** MQTT over WebSocket over TLS. */
		WEBSOCKET_TLS(true, true);

		private final boolean secure;

		private final boolean websocket;

		Protocol(boolean secure, boolean websocket) {
			this.secure = secure;
			this.websocket = websocket;
		}

		public boolean isSecure() {
			return this.secure;
		}

		public boolean isWebsocket() {
			return this.websocket;
		}

	}

	/**
	 * TLS settings of a listener: PEM files or a key store, and client certificates.
	 */
	public static class Tls {

		/** PEM file with the server certificate and its chain. */
		private Resource certificate;

		/** PEM file with the server's PKCS#8 private key. */
		private Resource privateKey;

		/**
		 * PKCS#12 or JKS key store with the server key and certificate, instead of PEM
		 * files.
		 */
		private Resource keyStore;

		/** Password of the key store and its key. */
		private String keyStorePassword;

		/** PEM file with the CA certificates client certificates must chain to. */
		private Resource trustedCertificates;

		/** Whether clients present certificates. */
		@NotNull
		private ClientAuth clientAuth = ClientAuth.NONE;

		/**
		 * Whether the MQTT user name is the client certificate's common name (CN), as
		 * mosquitto's use_identity_as_username; needs client-auth required.
		 */
		private boolean usernameFromCertificate;

		public Resource getCertificate() {
			return this.certificate;
		}

		public void setCertificate(Resource certificate) {
			this.certificate = certificate;
		}

		public Resource getPrivateKey() {
			return this.privateKey;
		}

		public void setPrivateKey(Resource privateKey) {
			this.privateKey = privateKey;
		}

		public Resource getKeyStore() {
			return this.keyStore;
		}

		public void setKeyStore(Resource keyStore) {
			this.keyStore = keyStore;
		}

		public String getKeyStorePassword() {
			return this.keyStorePassword;
		}

		public void setKeyStorePassword(String keyStorePassword) {
			this.keyStorePassword = keyStorePassword;
		}

		public Resource getTrustedCertificates() {
			return this.trustedCertificates;
		}

		public void setTrustedCertificates(Resource trustedCertificates) {
			this.trustedCertificates = trustedCertificates;
		}

		public ClientAuth getClientAuth() {
			return this.clientAuth;
		}

		public void setClientAuth(ClientAuth clientAuth) {
			this.clientAuth = clientAuth;
		}

		public boolean isUsernameFromCertificate() {
			return this.usernameFromCertificate;
		}

		public void setUsernameFromCertificate(boolean usernameFromCertificate) {
			this.usernameFromCertificate = usernameFromCertificate;
		}

		boolean anyGiven() {
			return this.certificate != null || this.privateKey != null || this.keyStore != null
					|| this.trustedCertificates != null;
		}

	}

	/** Whether clients present certificates. */
	public enum ClientAuth {

		/** Clients are not asked for certificates. */
		NONE,

		/** Clients may present a certificate, which is then verified. */
		OPTIONAL,

		/** Clients must present a valid certificate. */
		REQUIRED

	}

}
