package dev.mqttstack.broker.standalone;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.mosquitto.AclFile;
import dev.mqttstack.broker.mosquitto.AclFileAuthorizer;
import dev.mqttstack.broker.mosquitto.FileProblem;
import dev.mqttstack.broker.mosquitto.PasswordFile;
import dev.mqttstack.broker.mosquitto.PasswordFileAuthenticator;
import dev.mqttstack.broker.security.Authorizer;

/**
 * Assembly of a standalone broker from a mosquitto.conf with mosquitto's defaults: no
 * {@code listener} line opens only {@code 127.0.0.1:1883} (or the {@code -p} ports) and
 * allows anonymous clients unless the file says otherwise; once a listener is configured,
 * anonymous clients are refused unless {@code allow_anonymous true}.
 */
final class StandaloneBroker {

	private final MosquittoConf conf;

	private final List<String> warnings = new ArrayList<>();

	private ConfSecurity security;

	private PasswordFileAuthenticator authenticator;

	private StandaloneAuthorizer authorizer;

	private StandaloneBroker(MosquittoConf conf) {
		this.conf = conf;
	}

	/**
	 * Configures a broker builder from a parsed config file and the command line.
	 * @param conf the config file's settings (an empty one without {@code -c})
	 * @param ports the {@code -p} ports, used only when the file has no listener
	 * @param bindAddress the {@code -b} address of those ports, or {@code null}
	 * @param hashing where password hashes are verified
	 * @param builder the builder to configure: listeners, security and limits
	 * @return the assembly, whose builder is ready for the command line's overrides
	 * @throws ConfException if a file the config names is wrong
	 */
	static StandaloneBroker assemble(MosquittoConf conf, List<Integer> ports, String bindAddress,
			ExecutorService hashing, MqttBroker.Builder builder) throws ConfException {
		StandaloneBroker assembly = new StandaloneBroker(conf);
		assembly.configure(builder, ports, bindAddress, hashing);
		return assembly;
	}

	/**
	 * A small pool of daemon threads for password hashing, off the event loops.
	 * @return the pool
	 */
	static ExecutorService hashingPool() {
		return Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors() / 2), (task) -> {
			Thread thread = new Thread(task, "mqtt-password-hashing");
			thread.setDaemon(true);
			return thread;
		});
	}

	/** Lines to log at start: directives the broker read but does not support. */
	List<String> warnings() {
		List<String> all = new ArrayList<>(this.conf.warnings);
		all.addAll(this.warnings);
		return all;
	}

	PasswordFileAuthenticator authenticator() {
		return this.authenticator;
	}

	StandaloneAuthorizer authorizer() {
		return this.authorizer;
	}

	private void configure(MqttBroker.Builder builder, List<Integer> ports, String bindAddress, ExecutorService hashing)
			throws ConfException {
		List<ConfListener> listeners = new ArrayList<>(this.conf.listeners);
		if (listeners.isEmpty()) {
			for (int port : ports.isEmpty() ? List.of(1883) : ports) {
				ConfListener listener = new ConfListener("-p " + port, port,
						(bindAddress != null) ? bindAddress : "127.0.0.1");
				copyTransport(this.conf.defaultListener, listener);
				listeners.add(listener);
			}
		}
		else if (!ports.isEmpty()) {
			this.warnings.add("-p " + ports + " ignored: the config file has listener lines (as in mosquitto)");
		}
		for (ConfListener listener : listeners) {
			builder.listener(ListenerConfigs.of(listener));
		}
		this.security = security(listeners);
		boolean allowAnonymous = (this.security.allowAnonymous != null) ? this.security.allowAnonymous
				: this.conf.listeners.isEmpty();
		Map<String, String> hashes = (this.security.passwordFile != null) ? passwords() : null;
		this.authenticator = new PasswordFileAuthenticator(hashes, allowAnonymous, hashing);
		this.authorizer = new StandaloneAuthorizer(acl(), this.conf.retainAvailable,
				(this.conf.messageSizeLimit != null) ? this.conf.messageSizeLimit : 0);
		builder.authenticator(this.authenticator).authorizer(this.authorizer);
		limits(builder);
	}

	private void limits(MqttBroker.Builder builder) {
		MosquittoConf c = this.conf;
		if (c.maxKeepalive != null) {
			builder.maxKeepAlive(c.maxKeepalive);
		}
		if (c.maxPacketSize != null) {
			builder.maxPacketSize((c.maxPacketSize > 0) ? c.maxPacketSize : MosquittoConfParser.MQTT_MAX_PACKET);
		}
		if (c.maxInflightMessages != null) {
			builder.maxInflight((c.maxInflightMessages > 0) ? c.maxInflightMessages : 65_535);
		}
		if (c.maxQueuedMessages != null) {
			builder.maxQueuedMessages((c.maxQueuedMessages > 0) ? c.maxQueuedMessages : Integer.MAX_VALUE);
		}
		if (c.sysInterval != null) {
			builder.sysInterval(Duration.ofSeconds(c.sysInterval));
		}
	}

	/**
	 * Reloads the password and ACL files, as mosquitto does on SIGHUP; on an error the
	 * files in use stay.
	 * @throws ConfException if a file is wrong
	 */
	void reload() throws ConfException {
		Map<String, String> hashes = (this.security.passwordFile != null) ? passwords() : null;
		Authorizer rules = acl();
		if (hashes != null) {
			this.authenticator.users(hashes);
		}
		this.authorizer.rules(rules);
	}

	private ConfSecurity security(List<ConfListener> listeners) throws ConfException {
		if (!this.conf.perListenerSettings) {
			return this.conf.security;
		}
		ConfSecurity first = listeners.get(0).security;
		for (ConfListener listener : listeners) {
			if (!listener.security.sameAs(first)) {
				throw new ConfException(this.conf.perListenerSettingsLocation,
						"per_listener_settings true with different allow_anonymous, password_file or acl_file"
								+ " per listener is not supported; give them once for every listener");
			}
		}
		return first;
	}

	private Map<String, String> passwords() throws ConfException {
		Path file = this.security.passwordFile;
		try {
			PasswordFile passwords = PasswordFile.read(file);
			failOnProblems(file, passwords.problems());
			return passwords.hashes();
		}
		catch (IOException ex) {
			throw new ConfException(this.security.passwordFileLocation, "cannot read password_file " + file);
		}
	}

	private Authorizer acl() throws ConfException {
		Path file = this.security.aclFile;
		if (file == null) {
			return Authorizer.ALLOW_ALL;
		}
		try {
			AclFile acl = AclFile.read(file);
			failOnProblems(file, acl.problems());
			return new AclFileAuthorizer(acl);
		}
		catch (IOException ex) {
			throw new ConfException(this.security.aclFileLocation, "cannot read acl_file " + file);
		}
	}

	private static void failOnProblems(Path file, List<FileProblem> problems) throws ConfException {
		if (!problems.isEmpty()) {
			FileProblem problem = problems.get(0);
			throw new ConfException(file + ":" + problem.line(), problem.message());
		}
	}

	private static void copyTransport(ConfListener from, ConfListener to) {
		to.websockets = from.websockets;
		to.cafile = from.cafile;
		to.certfile = from.certfile;
		to.keyfile = from.keyfile;
		to.requireCertificate = from.requireCertificate;
		to.useIdentityAsUsername = from.useIdentityAsUsername;
		to.tlsLocation = from.tlsLocation;
	}

}
