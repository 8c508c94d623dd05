package dev.mqttstack.admin.web;

import java.net.URI;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page of the servlet container, in place of Spring Boot's: errors raised
 * outside the API's controllers (by Tomcat, by filters) are answered as
 * {@code application/problem+json} too, with the original path in {@code instance}.
 */
@RestController
public class ProblemErrorController implements ErrorController {

	@RequestMapping("${server.error.path:${error.path:/error}}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = HttpStatus.resolve((code instanceof Integer value) ? value : 500);
		if (status == null) {
			status = HttpStatus.INTERNAL_SERVER_ERROR;
		}
		ProblemDetail problem = ProblemDetail.forStatus(status);
		problem.setType(ApiExceptionHandler.typeFor(status));
		problem.setTitle(status.getReasonPhrase());
		problem.setDetail(status.is5xxServerError() ? "An unexpected error occurred; it was logged"
				: "The request could not be handled: " + status.getReasonPhrase());
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		problem.setInstance(URI.create(safe((uri != null) ? uri.toString() : request.getRequestURI())));
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static String safe(String path) {
		try {
			return URI.create(path).toString();
		}
		catch (IllegalArgumentException ex) {
			return "/";
		}
	}

}
