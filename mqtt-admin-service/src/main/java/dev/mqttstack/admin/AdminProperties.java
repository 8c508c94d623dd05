package dev.mqttstack.admin;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.mqttstack.admin.user.LoginLimits;

/**
 * Settings of the admin service under {@code mqtt.admin}: bootstrap account, password
 * hashing, CONNECT authentication, ACL defaults and the embedded database.
 */
@ConfigurationProperties("mqtt.admin")
public class AdminProperties {

	/**
	 * Password of the {@code admin} account created on first start when no admin account
	 * exists (also read from MQTT_ADMIN_BOOTSTRAP_PASSWORD); when empty a random one is
	 * generated and logged once.
	 */
	private String bootstrapPassword;

	private final Password password = new Password();

	private final Auth auth = new Auth();

	private final Acl acl = new Acl();

	private final EmbeddedPostgres embeddedPostgres = new EmbeddedPostgres();

	public String getBootstrapPassword() {
		return this.bootstrapPassword;
	}

	public void setBootstrapPassword(String bootstrapPassword) {
		this.bootstrapPassword = bootstrapPassword;
	}

	public Password getPassword() {
		return this.password;
	}

	public Auth getAuth() {
		return this.auth;
	}

	public Acl getAcl() {
		return this.acl;
	}

	public EmbeddedPostgres getEmbeddedPostgres() {
		return this.embeddedPostgres;
	}

	/** How MQTT user passwords are hashed. */
	public static class Password {

		/**
		 * PBKDF2-HMAC-SHA512 iterations of new {@code $7$} hashes (mosquitto's format);
		 * existing hashes keep the count they were made with.
		 */
		private int iterations = 210_000;

		public int getIterations() {
			return this.iterations;
		}

		public void setIterations(int iterations) {
			this.iterations = iterations;
		}

	}

	/**
	 * How CONNECT credentials are checked; the guessing limits (inherited) apply before a
	 * password is hashed.
	 */
	public static class Auth extends LoginLimits {

		/** Threads that check passwords off the broker's event loops. */
		private int threads = Math.max(2, Runtime.getRuntime().availableProcessors());

		/**
		 * CONNECTs waiting for a password check beyond which new ones are refused with
		 * "server busy".
		 */
		private int queueCapacity = 1000;

		/**
		 * How long a successful check is remembered, so reconnects skip the hash; zero
		 * turns the cache off.
		 */
		private Duration cacheTtl = Duration.ofMinutes(1);

		public int getThreads() {
			return this.threads;
		}

		public void setThreads(int threads) {
			this.threads = threads;
		}

		public int getQueueCapacity() {
			return this.queueCapacity;
		}

		public void setQueueCapacity(int queueCapacity) {
			this.queueCapacity = queueCapacity;
		}

		public Duration getCacheTtl() {
			return this.cacheTtl;
		}

		public void setCacheTtl(Duration cacheTtl) {
			this.cacheTtl = cacheTtl;
		}

	}

	/** Access control of publish, subscribe and delivery. */
	public static class Acl {

		/** Decision when no rule matches a non-superuser's operation: deny or allow. */
		private NoMatch noMatch = NoMatch.DENY;

		public NoMatch getNoMatch() {
			return this.noMatch;
		}

		public void setNoMatch(NoMatch noMatch) {
			this.noMatch = noMatch;
		}

		/** What happens when no ACL rule matches. */
		public enum NoMatch {

			/** Refuse the operation. */
			DENY,

			/** Allow the operation. */
			ALLOW

		}

	}

	/** The PostgreSQL started in-process when no {@code spring.datasource.url} is set. */
	public static class EmbeddedPostgres {

		/** Data directory; kept across restarts. */
		private Path dataDirectory = Path.of("data", "postgres");

		/** Port to listen on, on localhost; 0 picks a free one. */
		private int port;

		public Path getDataDirectory() {
			return this.dataDirectory;
		}

		public void setDataDirectory(Path dataDirectory) {
			this.dataDirectory = dataDirectory;
		}

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = port;
		}

	}

}
