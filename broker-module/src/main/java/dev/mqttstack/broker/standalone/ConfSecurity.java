package dev.mqttstack.broker.standalone;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The security settings of a mosquitto.conf: {@code allow_anonymous},
 * {@code password_file} and {@code acl_file}, each {@code null} when not given.
 */
final class ConfSecurity {

	Boolean allowAnonymous;

	Path passwordFile;

	/** Where {@code password_file} was given, for errors about its content. */
	String passwordFileLocation;

	Path aclFile;

	String aclFileLocation;

	boolean sameAs(ConfSecurity other) {
		return Objects.equals(this.allowAnonymous, other.allowAnonymous)
				&& Objects.equals(this.passwordFile, other.passwordFile) && Objects.equals(this.aclFile, other.aclFile);
	}

}
