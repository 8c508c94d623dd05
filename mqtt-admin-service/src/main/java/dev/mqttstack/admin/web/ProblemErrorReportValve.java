package dev.mqttstack.admin.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's last-resort error report (for requests refused before they reach the
 * application, such as an encoded {@code /} or {@code ..} in the path) written as
 * {@code application/problem+json} instead of an HTML page; never with a stack trace or
 * the server's version.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		String type = ApiExceptionHandler.typeFor(org.springframework.http.HttpStatusCode.valueOf(status)).toString();
		String body = "{\"type\":\"" + type + "\",\"title\":\"" + title(status) + "\",\"status\":" + status
				+ ",\"detail\":\"The request was refused by the server before it reached the API\"}";
		try {
			response.setContentType("application/problem+json");
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(body);
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone or the response was committed: nothing more to send
		}
	}

	private static String title(int status) {
		org.springframework.http.HttpStatus known = org.springframework.http.HttpStatus.resolve(status);
		return (known != null) ? known.getReasonPhrase() : "Error";
	}

}
