package dev.mqttstack.admin;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** A small HTTP client of the admin API for tests: JSON in, status and JSON out. */
public final class ApiClient {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final RestClient client;

	private final String authorization;

	private ApiClient(RestClient client, String authorization) {
		this.client = client;
		this.authorization = authorization;
	}

	public static ApiClient on(int port) {
		RestClient client = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
		return new ApiClient(client, null);
	}

	/** The same client, logged in with HTTP Basic. */
	public ApiClient as(String username, String password) {
		String token = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
		return new ApiClient(this.client, "Basic " + token);
	}

	public ApiClient asAdmin() {
		return as("admin", AdminServiceTest.ADMIN_PASSWORD);
	}

	public Response get(String path) {
		return send(HttpMethod.GET, path, null, null);
	}

	/**
	 * GET with URI template variables, each encoded whole (so {@code #}, {@code +} and
	 * {@code /} reach the server as given).
	 */
	public Response get(String template, Object... uriVariables) {
		return send(HttpMethod.GET, template, null, null, uriVariables);
	}

	public Response post(String path, String body) {
		return send(HttpMethod.POST, path, body, MediaType.APPLICATION_JSON);
	}

	public Response postText(String path, String body) {
		return send(HttpMethod.POST, path, body, MediaType.TEXT_PLAIN);
	}

	public Response put(String path, String body) {
		return send(HttpMethod.PUT, path, body, MediaType.APPLICATION_JSON);
	}

	public Response patch(String path, String body) {
		return send(HttpMethod.PATCH, path, body, MediaType.APPLICATION_JSON);
	}

	public Response delete(String path) {
		return send(HttpMethod.DELETE, path, null, null);
	}

	/** DELETE with URI template variables, each encoded whole. */
	public Response delete(String template, Object... uriVariables) {
		return send(HttpMethod.DELETE, template, null, null, uriVariables);
	}

	private Response send(HttpMethod method, String path, String body, MediaType type, Object... uriVariables) {
		RestClient.RequestBodySpec request = this.client.method(method).uri(path, uriVariables);
		if (this.authorization != null) {
			request.header(HttpHeaders.AUTHORIZATION, this.authorization);
		}
		if (body != null) {
			request.contentType(type).body(body);
		}
		return request.exchange((req, res) -> {
			byte[] bytes = res.getBody().readAllBytes();
			String text = new String(bytes, StandardCharsets.UTF_8);
			return new Response(res.getStatusCode().value(), res.getHeaders(), text);
		});
	}

	/**
	 * A response.
	 *
	 * @param status the status code
	 * @param headers the headers
	 * @param body the body text
	 */
	public record Response(int status, HttpHeaders headers, String body) {

		public JsonNode json() {
			return json.readTree(this.body);
		}

		public String contentType() {
			return this.headers.getFirst(HttpHeaders.CONTENT_TYPE);
		}

	}

}
