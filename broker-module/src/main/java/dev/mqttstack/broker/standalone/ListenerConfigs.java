package dev.mqttstack.broker.standalone;

import java.io.IOException;
import java.nio.file.Files;

import dev.mqttstack.broker.ListenerConfig;
import dev.mqttstack.broker.TlsConfig;

/**
 * Maker of a broker {@link ListenerConfig} from a mosquitto.conf listener: plain or
 * WebSocket (at {@code /mqtt}), with TLS when it has {@code certfile} and
 * {@code keyfile}, client certificates with {@code require_certificate} and
 * {@code cafile}.
 */
final class ListenerConfigs {

	private ListenerConfigs() {
	}

	static ListenerConfig of(ConfListener listener) throws ConfException {
		TlsConfig tls = tls(listener);
		String host = (listener.address != null) ? listener.address : "0.0.0.0";
		String scheme = listener.websockets ? ((tls != null) ? "wss" : "ws") : ((tls != null) ? "ssl" : "tcp");
		return new ListenerConfig(scheme + "-" + listener.port, host, listener.port, tls,
				listener.websockets ? ListenerConfig.DEFAULT_WEBSOCKET_PATH : null, 0);
	}

	private static TlsConfig tls(ConfListener listener) throws ConfException {
		if (listener.certfile == null && listener.keyfile == null) {
			if (listener.tlsLocation != null) {
				throw new ConfException(listener.tlsLocation,
						"cafile, require_certificate and use_identity_as_username need certfile and keyfile on the same listener");
			}
			return null;
		}
		if (listener.certfile == null || listener.keyfile == null) {
			throw new ConfException(listener.tlsLocation, "certfile and keyfile go together");
		}
		requirePkcs8(listener);
		TlsConfig tls = TlsConfig.pem(listener.certfile, listener.keyfile);
		if (listener.requireCertificate) {
			if (listener.cafile == null) {
				throw new ConfException(listener.tlsLocation, "require_certificate true needs a cafile");
			}
			tls = tls.withClientAuth(TlsConfig.ClientAuth.REQUIRE, listener.cafile);
		}
		if (listener.useIdentityAsUsername) {
			if (!listener.requireCertificate) {
				throw new ConfException(listener.tlsLocation,
						"use_identity_as_username true needs require_certificate true");
			}
			tls = tls.withUsernameFromCertificate();
		}
		return tls;
	}

	private static void requirePkcs8(ConfListener listener) throws ConfException {
		String key;
		try {
			key = Files.readString(listener.keyfile);
		}
		catch (IOException ex) {
			throw new ConfException(listener.tlsLocation, "cannot read keyfile " + listener.keyfile);
		}
		if (!key.contains("-----BEGIN PRIVATE KEY-----")) {
			throw new ConfException(listener.tlsLocation,
					"keyfile " + listener.keyfile
							+ " is not an unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY); convert it with"
							+ " 'openssl pkcs8 -topk8 -nocrypt -in old.key -out new.key'");
		}
	}

}
