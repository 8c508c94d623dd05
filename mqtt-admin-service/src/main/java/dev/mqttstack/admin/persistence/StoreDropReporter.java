package dev.mqttstack.admin.persistence;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;

import dev.mqttstack.broker.event.BrokerEvents;
import dev.mqttstack.broker.event.DropReason;
import dev.mqttstack.broker.message.Message;

/**
 * Reports the operations the {@link StoreJournal} dropped: the {@code mqtt.store.dropped}
 * counter (tagged {@code reason} {@code unstorable} or {@code bug}) and, for a message,
 * the broker event {@link BrokerEvents#messageDropped message dropped} with
 * {@link DropReason#NOT_STORED}.
 */
public class StoreDropReporter implements JournalDropListener {

	private final Counter unstorable;

	private final Counter bug;

	private final ObjectProvider<BrokerEvents> events;

	public StoreDropReporter(MeterRegistry registry, ObjectProvider<BrokerEvents> events) {
		this.unstorable = counter(registry, "unstorable");
		this.bug = counter(registry, "bug");
		this.events = events;
	}

	private static Counter counter(MeterRegistry registry, String reason) {
		return Counter.builder("mqtt.store.dropped")
			.description("Session store operations dropped because they cannot be stored in PostgreSQL")
			.tag("reason", reason)
			.register(registry);
	}

	@Override
	public void dropped(String clientId, Message message, JournalFailure kind) {
		((kind == JournalFailure.BUG) ? this.bug : this.unstorable).increment();
		if (message != null) {
			this.events.orderedStream()
				.forEach((listener) -> listener.messageDropped(clientId, message, DropReason.NOT_STORED));
		}
	}

}
