package dev.mqttstack.admin.retained;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.stereotype.Service;

import dev.mqttstack.admin.audit.AuditLog;
import dev.mqttstack.admin.web.InvalidRequestException;
import dev.mqttstack.admin.web.PageResponse;
import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.message.Message;

/** Service that browses and clears the hosted broker's retained messages by filter. */
@Service
public class RetainedMessageService {

	private final MqttBroker broker;

	private final AuditLog audit;

	public RetainedMessageService(MqttBroker broker, AuditLog audit) {
		this.broker = broker;
		this.audit = audit;
	}

	/**
	 * One page of the retained messages whose topics match a filter, sorted by topic.
	 * @param topicFilter the filter
	 * @param page the page, from 0
	 * @param size the page size
	 * @return the page
	 * @throws InvalidRequestException naming {@code topic} for an invalid filter
	 */
	public PageResponse<RetainedMessageResponse> list(String topicFilter, int page, int size) {
		List<Message> matching = matchOrReject(() -> this.broker.retained(topicFilter));
		long now = System.currentTimeMillis();
		List<RetainedMessageResponse> content = matching.stream()
			.skip((long) page * size)
			.limit(size)
			.map((message) -> RetainedMessageResponse.of(message, now))
			.toList();
		return PageResponse.of(content, page, size, matching.size());
	}

	/**
	 * Clears the retained messages whose topics match a filter.
	 * @param topicFilter the filter
	 * @return what was cleared
	 * @throws InvalidRequestException naming {@code topic} for an invalid filter
	 */
	public RetainedClearResponse clear(String topicFilter) {
		List<String> topics = matchOrReject(() -> this.broker.clearRetained(topicFilter));
		RetainedClearResponse cleared = new RetainedClearResponse(topicFilter, topics.size(), topics);
		this.audit.record("retained.clear", "retained", topicFilter, cleared, null);
		return cleared;
	}

	private static <T> T matchOrReject(Supplier<T> query) {
		try {
			return query.get();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("topic",
					"must be a topic filter: levels split by '/', '+' a whole level, '#' only the last one, "
							+ "no $share/ prefix");
		}
	}

}
