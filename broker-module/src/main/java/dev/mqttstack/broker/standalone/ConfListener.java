package dev.mqttstack.broker.standalone;

import java.nio.file.Path;

/**
 * One listener of a mosquitto.conf with its own settings, as the lines after its
 * {@code listener} line gave them.
 */
final class ConfListener {

	/** Where the listener was declared ({@code file:line}), or the default listener. */
	final String location;

	final int port;

	/** The address to bind, {@code null} for every interface. */
	final String address;

	boolean websockets;

	Path cafile;

	Path certfile;

	Path keyfile;

	boolean requireCertificate;

	boolean useIdentityAsUsername;

	/** The last TLS directive, for errors about the TLS settings as a whole. */
	String tlsLocation;

	/**
	 * Security settings of this listener, used with {@code per_listener_settings true}.
	 */
	final ConfSecurity security = new ConfSecurity();

	ConfListener(String location, int port, String address) {
		this.location = location;
		this.port = port;
		this.address = address;
	}

}
