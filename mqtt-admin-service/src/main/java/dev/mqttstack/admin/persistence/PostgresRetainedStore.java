package dev.mqttstack.admin.persistence;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.store.InMemoryRetainedStore;
import dev.mqttstack.broker.store.RetainedStore;

/**
 * {@link RetainedStore} on PostgreSQL: matched in memory, every change written through
 * the {@link StoreJournal} (a QoS 1/2 retained publish is acknowledged once committed),
 * read back when the store is created.
 */
public class PostgresRetainedStore implements RetainedStore {

	private static final Logger logger = LoggerFactory.getLogger(PostgresRetainedStore.class);

	private final InMemoryRetainedStore messages = new InMemoryRetainedStore();

	private final StoreJournal journal;

	public PostgresRetainedStore(JdbcTemplate jdbc, StoreJournal journal) {
		this.journal = journal;
		jdbc.query("SELECT topic, payload, qos, properties, publisher_id, received_at FROM mqtt_retained",
				(RowCallbackHandler) (rs) -> this.messages
					.put(new Message(rs.getString("topic"), rs.getBytes("payload"), rs.getInt("qos"), true,
							MessagePropertiesCodec.decode(rs.getBytes("properties")), rs.getString("publisher_id"),
							rs.getLong("received_at"))));
		logger.info("Loaded {} retained messages from PostgreSQL", this.messages.size());
	}

	@Override
	public void put(Message message) {
		this.messages.put(message);
		this.journal.append(new JournalOp.RetainedPut(message), message.qos() > 0);
	}

	@Override
	public void remove(String topic) {
		this.messages.remove(topic);
		this.journal.append(new JournalOp.RetainedRemoved(topic), false);
	}

	@Override
	public List<Message> match(String topicFilter) {
		return this.messages.match(topicFilter);
	}

	@Override
	public int size() {
		return this.messages.size();
	}

}
