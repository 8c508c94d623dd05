package dev.mqttstack.admin.web;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

import dev.mqttstack.admin.security.LoginThrottledException;

/**
 * Writer of the problem responses Spring Security sends itself: 401 for missing or wrong
 * admin credentials, 429 for throttled logins, 403 for a role that may not do the
 * request, 400 for paths the firewall rejects.
 */
@Component
public class ProblemResponses {

	private final JsonMapper json;

	public ProblemResponses(JsonMapper json) {
		this.json = json;
	}

	/**
	 * The entry point that answers unauthenticated requests.
	 * @return 401 with a {@code WWW-Authenticate: Basic} challenge
	 */
	public AuthenticationEntryPoint authenticationEntryPoint() {
		return (request, response, ex) -> {
			if (ex instanceof LoginThrottledException throttled) {
				response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.getRetryAfterSeconds()));
				write(request, response, HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.TOO_MANY_LOGINS,
						throttled.getMessage());
				return;
			}
			response.setHeader("WWW-Authenticate", "Basic realm=\"mqtt-admin\"");
			write(request, response, HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED,
					"Valid admin credentials are required (HTTP Basic)");
		};
	}

	/**
	 * The handler that answers requests the admin's role does not allow.
	 * @return 403
	 */
	public AccessDeniedHandler accessDeniedHandler() {
		return (request, response, ex) -> write(request, response, HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN,
				"Your role does not allow this request");
	}

	/**
	 * The handler of requests Spring Security's firewall rejects (encoded slashes, double
	 * slashes, path parameters, {@code ..} segments).
	 * @return 400
	 */
	public RequestRejectedHandler requestRejectedHandler() {
		return (request, response, ex) -> write(request, response, HttpStatus.BAD_REQUEST,
				ProblemTypes.MALFORMED_REQUEST, "The request path is not allowed: " + ex.getMessage());
	}

	private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, URI type,
			String detail) throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", type.toString());
		problem.put("title", status.getReasonPhrase());
		problem.put("status", status.value());
		problem.put("detail", detail);
		problem.put("instance", request.getRequestURI());
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), problem);
	}

}
