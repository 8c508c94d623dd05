package dev.mqttstack.admin.web;

import java.net.URI;

/**
 * The stable {@code type} URIs of the API's RFC 9457 problem responses; clients may
 * switch on them.
 */
public final class ProblemTypes {

	/** Prefix every problem type starts with. */
	public static final String BASE = "https://mqttstack.dev/problems/";

	public static final URI VALIDATION = of("validation-error");

	public static final URI MALFORMED_REQUEST = of("malformed-request");

	public static final URI UNAUTHORIZED = of("unauthorized");

	public static final URI FORBIDDEN = of("forbidden");

	public static final URI NOT_FOUND = of("not-found");

	public static final URI METHOD_NOT_ALLOWED = of("method-not-allowed");

	public static final URI UNSUPPORTED_MEDIA_TYPE = of("unsupported-media-type");

	public static final URI CONFLICT = of("conflict");

	public static final URI TOO_MANY_LOGINS = of("too-many-logins");

	public static final URI INTERNAL = of("internal-error");

	public static final URI USER_NOT_FOUND = of("user-not-found");

	public static final URI USER_EXISTS = of("user-already-exists");

	public static final URI ACL_RULE_NOT_FOUND = of("acl-rule-not-found");

	public static final URI ACL_RULE_EXISTS = of("acl-rule-already-exists");

	public static final URI ADMIN_NOT_FOUND = of("admin-not-found");

	public static final URI ADMIN_EXISTS = of("admin-already-exists");

	public static final URI LAST_ADMIN = of("last-admin");

	public static final URI SESSION_NOT_FOUND = of("session-not-found");

	public static final URI CLIENT_NOT_CONNECTED = of("client-not-connected");

	public static final URI BROKER_UNAVAILABLE = of("broker-unavailable");

	private ProblemTypes() {
	}

	/**
	 * The type URI for a slug.
	 * @param slug the last path segment
	 * @return the URI
	 */
	public static URI of(String slug) {
		return URI.create(BASE + slug);
	}

}
