package dev.mqttstack.admin.console;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.mqttstack.broker.message.Message;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TopicFeed}: what it collects, keeps and sends, with its sending driven by the
 * test (the scheduled send waits an hour).
 */
class TopicFeedTests {

	private final ConsoleProperties properties = new ConsoleProperties();

	private TopicFeed feed;

	TopicFeedTests() {
		this.properties.setSendInterval(Duration.ofHours(1));
	}

	@AfterEach
	void stop() {
		if (this.feed != null) {
			this.feed.destroy();
		}
	}

	@Test
	void messagesAreCollectedOnlyWhileAnExplorerIsOpenAndANewOneGetsTheHistoryFirst() {
		this.feed = new TopicFeed(this.properties);
		this.feed.messagePublished(Message.of("before/open", "unseen", 0, false));
		Explorer first = open();
		this.feed.send();
		assertThat(first.events).extracting(Event::name).containsExactly("history");
		assertThat(first.events.get(0).batch().messages()).isEmpty();
		this.feed.messagePublished(Message.of("a/b", "我发送消息了", 1, true));
		this.feed.send();
		assertThat(first.events).extracting(Event::name).containsExactly("history", "messages");
		TopicMessage message = first.events.get(1).batch().messages().get(0);
		assertThat(message.topic()).isEqualTo("a/b");
		assertThat(message.qos()).isEqualTo(1);
		assertThat(message.retain()).isTrue();
		assertThat(new String(Base64.getDecoder().decode(message.payloadBase64()), StandardCharsets.UTF_8))
			.isEqualTo("我发送消息了");
		Explorer second = open();
		this.feed.send();
		assertThat(second.events).extracting(Event::name).containsExactly("history");
		assertThat(second.events.get(0).batch().messages()).extracting(TopicMessage::topic).containsExactly("a/b");
		assertThat(first.events).as("nothing new for the first one").hasSize(2);
	}

	@Test
	void beyondMaxPendingMessagesAreCountedAsDroppedInsteadOfHeld() {
		this.properties.setMaxPending(2);
		this.feed = new TopicFeed(this.properties);
		Explorer explorer = open();
		this.feed.send();
		for (int i = 0; i < 5; i++) {
			this.feed.messagePublished(Message.of("load/" + i, "x", 0, false));
		}
		this.feed.send();
		TopicFeed.Batch batch = explorer.events.get(1).batch();
		assertThat(batch.messages()).extracting(TopicMessage::topic).containsExactly("load/0", "load/1");
		assertThat(batch.dropped()).isEqualTo(3);
	}

	@Test
	void historyKeepsTheLastMessagesPerTopicWithLongPayloadsCut() {
		this.properties.setHistoryPerTopic(2);
		this.properties.setMaxTopics(1);
		this.properties.setMaxPayload(DataSize.ofBytes(4));
		this.feed = new TopicFeed(this.properties);
		open();
		this.feed.send();
		this.feed.messagePublished(Message.of("kept", "one", 0, false));
		this.feed.messagePublished(Message.of("kept", "two", 0, false));
		this.feed.messagePublished(Message.of("kept", "three-long", 0, false));
		this.feed.messagePublished(Message.of("over/max-topics", "x", 0, false));
		this.feed.send();
		Explorer late = open();
		this.feed.send();
		List<TopicMessage> history = late.events.get(0).batch().messages();
		assertThat(history).extracting(TopicMessage::payloadBase64).containsExactly(base64("two"), base64("thre"));
		assertThat(history.get(1).truncated()).isTrue();
		assertThat(history.get(1).payloadSize()).isEqualTo(10);
	}

	@Test
	void stoppingEndsTheOpenStreamsSoThatTheyDoNotHoldUpAGracefulShutdown() {
		this.feed = new TopicFeed(this.properties);
		this.feed.start();
		Explorer open = open();
		this.feed.send();
		Explorer joining = open();
		this.feed.stop();
		assertThat(open.completed).isTrue();
		assertThat(joining.completed).isTrue();
		assertThat(this.feed.isRunning()).isFalse();
		assertThat(this.feed.getPhase()).as("stopped before the web server's graceful shutdown")
			.isGreaterThan(WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE);
	}

	private Explorer open() {
		Explorer explorer = new Explorer();
		this.feed.open(explorer);
		return explorer;
	}

	private static String base64(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	/** An explorer's stream that records the events sent to it. */
	private static final class Explorer extends SseEmitter {

		final List<Event> events = new CopyOnWriteArrayList<>();

		volatile boolean completed;

		@Override
		public void complete() {
			this.completed = true;
		}

		@Override
		public void send(SseEventBuilder builder) {
			String name = null;
			TopicFeed.Batch batch = null;
			for (DataWithMediaType part : builder.build()) {
				if (part.getData() instanceof TopicFeed.Batch data) {
					batch = data;
				}
				else if (part.getData().toString().startsWith("event:")) {
					name = part.getData().toString().substring(6).lines().findFirst().orElse("");
				}
			}
			this.events.add(new Event(name, batch));
		}

	}

	private record Event(String name, TopicFeed.Batch batch) {
	}

}
