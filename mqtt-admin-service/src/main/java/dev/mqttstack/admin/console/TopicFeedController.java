package dev.mqttstack.admin.console;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Endpoint of the live topic explorer: the history kept so far, then new messages, as
 * server-sent events.
 */
@RestController
class TopicFeedController {

	private final TopicFeed feed;

	TopicFeedController(TopicFeed feed) {
		this.feed = feed;
	}

	@GetMapping(path = "/console/api/topics/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter stream() {
		return this.feed.open();
	}

}
