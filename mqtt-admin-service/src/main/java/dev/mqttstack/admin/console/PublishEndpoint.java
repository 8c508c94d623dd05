package dev.mqttstack.admin.console;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Where the console's publish form posts: the REST API's {@code POST /api/v1/publish}
 * when the service has it, otherwise the console's own {@code /console/api/publish}
 * ({@link ConsolePublishController}), which takes the same body.
 */
@Component
class PublishEndpoint {

	static final String API = "/api/v1/publish";

	static final String CONSOLE = "/console/api/publish";

	private final RequestMappingHandlerMapping mappings;

	private volatile String url;

	PublishEndpoint(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
		this.mappings = mappings;
	}

	String url() {
		String current = this.url;
		if (current == null) {
			boolean api = this.mappings.getHandlerMethods()
				.keySet()
				.stream()
				.anyMatch((mapping) -> mapping.getPatternValues().contains(API));
			current = api ? API : CONSOLE;
			this.url = current;
		}
		return current;
	}

}
