package dev.mqttstack.admin.web;

import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * Base of the API's typed errors: each becomes an RFC 9457 problem with a stable
 * {@code type}, a title and a detail.
 */
public abstract class ApiException extends RuntimeException {

	private final HttpStatus status;

	private final URI type;

	private final String title;

	private final Map<String, Object> properties;

	protected ApiException(HttpStatus status, URI type, String title, String detail) {
		this(status, type, title, detail, Map.of());
	}

	protected ApiException(HttpStatus status, URI type, String title, String detail, Map<String, Object> properties) {
		super(detail);
		this.status = status;
		this.type = type;
		this.title = title;
		this.properties = properties;
	}

	public HttpStatus getStatus() {
		return this.status;
	}

	public URI getType() {
		return this.type;
	}

	public String getTitle() {
		return this.title;
	}

	public Map<String, Object> getProperties() {
		return this.properties;
	}

}
