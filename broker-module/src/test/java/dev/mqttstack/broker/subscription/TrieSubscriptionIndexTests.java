package dev.mqttstack.broker.subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TrieSubscriptionIndexTests {

	private final TrieSubscriptionIndex index = new TrieSubscriptionIndex();

	@Test
	void exactAndWildcardFiltersMatch() {
		Subscriber a = () -> "a";
		Subscriber b = () -> "b";
		Subscriber c = () -> "c";
		this.index.add(new Subscription(a, "sensors/a1/temp", 1));
		this.index.add(new Subscription(b, "sensors/+/temp", 0));
		this.index.add(new Subscription(c, "sensors/#", 2));
		assertThat(this.index.match("sensors/a1/temp")).extracting(Subscription::topicFilter)
			.containsExactlyInAnyOrder("sensors/a1/temp", "sensors/+/temp", "sensors/#");
		assertThat(this.index.match("sensors")).extracting(Subscription::topicFilter).containsExactly("sensors/#");
		assertThat(this.index.match("other")).isEmpty();
	}

	@Test
	void systemTopicsAreNotMatchedByLeadingWildcards() {
		this.index.add(new Subscription(() -> "all", "#", 0));
		this.index.add(new Subscription(() -> "plus", "+/broker/uptime", 0));
		this.index.add(new Subscription(() -> "sys", "$SYS/#", 0));
		assertThat(this.index.match("$SYS/broker/uptime")).extracting(Subscription::topicFilter)
			.containsExactly("$SYS/#");
	}

	@Test
	void resubscribingReplacesAndRemovingPrunes() {
		Subscriber a = () -> "a";
		this.index.add(new Subscription(a, "x/y", 0));
		this.index.add(new Subscription(a, "x/y", 2));
		assertThat(this.index.size()).isEqualTo(1);
		assertThat(this.index.match("x/y")).extracting(Subscription::qos).containsExactly(2);
		assertThat(this.index.remove(a, "x/y")).isTrue();
		assertThat(this.index.remove(a, "x/y")).isFalse();
		assertThat(this.index.size()).isZero();
		assertThat(this.index.match("x/y")).isEmpty();
	}

	@Test
	void removalByAnotherSubscriberWithTheSameClientIdLeavesTheSubscription() {
		Subscriber first = () -> "same";
		Subscriber second = () -> "same";
		this.index.add(new Subscription(first, "t", 1));
		assertThat(this.index.remove(second, "t")).isFalse();
		assertThat(this.index.match("t")).hasSize(1);
	}

	@Test
	void agreesWithTopicFilterOnRandomFiltersAndTopics() {
		Random random = new Random(42);
		String[] words = { "a", "b", "c", "$x", "" };
		List<String> filters = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			String filter = randomTopic(random, words, true);
			if (TopicFilter.isValidFilter(filter) && !filters.contains(filter)) {
				filters.add(filter);
				String id = "s" + filters.size();
				this.index.add(new Subscription(() -> id, filter, 0));
			}
		}
		for (int i = 0; i < 500; i++) {
			String topic = randomTopic(random, words, false);
			if (!TopicFilter.isValidTopicName(topic)) {
				continue;
			}
			List<String> expected = filters.stream().filter((f) -> TopicFilter.parse(f).matches(topic)).toList();
			assertThat(this.index.match(topic)).as(topic)
				.extracting(Subscription::topicFilter)
				.containsExactlyInAnyOrderElementsOf(expected);
		}
	}

	private static String randomTopic(Random random, String[] words, boolean wildcards) {
		int levels = 1 + random.nextInt(4);
		StringBuilder topic = new StringBuilder();
		for (int i = 0; i < levels; i++) {
			if (i > 0) {
				topic.append('/');
			}
			int pick = random.nextInt(words.length + (wildcards ? 2 : 0));
			topic.append((pick < words.length) ? words[pick] : (pick == words.length) ? "+" : "#");
		}
		return topic.toString();
	}

}
