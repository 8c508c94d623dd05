package dev.mqttstack.broker.subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The subscription index and the shared groups changed from several threads at once, as
 * event loops do, while others match: no subscription is lost, none survives its removal,
 * nothing throws.
 */
class SubscriptionIndexConcurrencyTests {

	private static final String[] FILTERS = { "a/b/c", "a/b/c/d", "a/+/c", "a/#", "a/b/c/d/e", "x/y", "x/+" };

	private static final String[] TOPICS = { "a/b/c", "a/b/c/d", "a/b/c/d/e", "x/y", "a/q/c" };

	private final ExecutorService threads = Executors.newFixedThreadPool(8);

	@AfterEach
	void stopThreads() throws InterruptedException {
		this.threads.shutdownNow();
		assertThat(this.threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void subscriptionsChurningOnSharedBranchesLoseNoneAndKeepNoneRemoved() throws Exception {
		TrieSubscriptionIndex index = new TrieSubscriptionIndex();
		Subscriber steady = () -> "steady";
		index.add(new Subscription(steady, "a/b/c/d", 1));
		AtomicBoolean writing = new AtomicBoolean(true);
		List<CompletableFuture<?>> readers = new ArrayList<>();
		for (int r = 0; r < 2; r++) {
			readers.add(CompletableFuture.runAsync(() -> {
				while (writing.get()) {
					// the steady subscription sits on a branch the writers keep emptying
					// and filling: it must be seen by every single match
					assertThat(index.match("a/b/c/d")).extracting((s) -> s.subscriber().clientId()).contains("steady");
					for (String topic : TOPICS) {
						index.match(topic);
					}
				}
			}, this.threads));
		}
		List<CompletableFuture<List<String>>> writers = new ArrayList<>();
		for (int w = 0; w < 4; w++) {
			int writer = w;
			writers.add(CompletableFuture.supplyAsync(() -> churn(index, writer), this.threads));
		}
		List<String> expected = new ArrayList<>(List.of("steady@a/b/c/d"));
		for (CompletableFuture<List<String>> writer : writers) {
			expected.addAll(writer.get(60, TimeUnit.SECONDS));
		}
		writing.set(false);
		for (CompletableFuture<?> reader : readers) {
			reader.get(10, TimeUnit.SECONDS);
		}
		List<String> found = new ArrayList<>();
		for (String filter : FILTERS) {
			for (String topic : TOPICS) {
				if (TopicFilter.parse(filter).matches(topic)) {
					index.match(topic)
						.stream()
						.filter((s) -> s.topicFilter().equals(filter))
						.forEach((s) -> found.add(s.subscriber().clientId() + "@" + filter));
				}
			}
		}
		assertThat(found.stream().distinct().toList()).containsExactlyInAnyOrderElementsOf(expected);
		assertThat(index.size()).isEqualTo(expected.size());
	}

	/**
	 * Subscribes and unsubscribes one client's filters at random; returns what it is left
	 * subscribed to.
	 */
	private static List<String> churn(TrieSubscriptionIndex index, int writer) {
		Random random = new Random(writer);
		List<Subscriber> clients = new ArrayList<>();
		for (int c = 0; c < 3; c++) {
			String id = "w" + writer + "-" + c;
			clients.add(() -> id);
		}
		boolean[][] subscribed = new boolean[clients.size()][FILTERS.length];
		for (int i = 0; i < 40_000; i++) {
			int c = random.nextInt(clients.size());
			int f = random.nextInt(FILTERS.length);
			if (subscribed[c][f]) {
				assertThat(index.remove(clients.get(c), FILTERS[f])).isTrue();
			}
			else {
				index.add(new Subscription(clients.get(c), FILTERS[f], random.nextInt(3)));
			}
			subscribed[c][f] = !subscribed[c][f];
		}
		List<String> left = new ArrayList<>();
		for (int c = 0; c < clients.size(); c++) {
			for (int f = 0; f < FILTERS.length; f++) {
				if (subscribed[c][f]) {
					left.add(clients.get(c).clientId() + "@" + FILTERS[f]);
				}
			}
		}
		return left;
	}

	@Test
	void emptiedBranchesArePrunedAfterConcurrentChurn() throws Exception {
		TrieSubscriptionIndex index = new TrieSubscriptionIndex();
		List<CompletableFuture<?>> writers = new ArrayList<>();
		for (int w = 0; w < 4; w++) {
			int writer = w;
			writers.add(CompletableFuture.runAsync(() -> {
				Subscriber client = () -> "p" + writer;
				for (int i = 0; i < 20_000; i++) {
					String filter = FILTERS[i % FILTERS.length];
					index.add(new Subscription(client, filter, 0));
					assertThat(index.remove(client, filter)).isTrue();
				}
			}, this.threads));
		}
		for (CompletableFuture<?> writer : writers) {
			writer.get(60, TimeUnit.SECONDS);
		}
		assertThat(index.size()).isZero();
		for (String topic : TOPICS) {
			assertThat(index.match(topic)).isEmpty();
		}
		// a subscription added after all that churn is found again
		index.add(new Subscription(() -> "late", "a/b/c/d/e", 2));
		assertThat(index.match("a/b/c/d/e")).extracting(Subscription::topicFilter)
			.containsExactlyInAnyOrder("a/b/c/d/e");
	}

	@Test
	void sharedGroupMembersJoiningAndLeavingAtOnceKeepTheGroupIndexedWhileItHasMembers() throws Exception {
		TrieSubscriptionIndex index = new TrieSubscriptionIndex();
		SharedGroups groups = new SharedGroups(index);
		String filter = "$share/g/jobs/#";
		List<CompletableFuture<Boolean>> members = new ArrayList<>();
		for (int m = 0; m < 6; m++) {
			int member = m;
			members.add(CompletableFuture.supplyAsync(() -> {
				Subscriber session = () -> "m" + member;
				boolean joined = false;
				for (int i = 0; i < 5_000 + member; i++) {
					if (joined) {
						assertThat(groups.leave(session, filter)).isTrue();
					}
					else {
						groups.join(new Subscription(session, filter, 1));
					}
					joined = !joined;
				}
				return joined;
			}, this.threads));
		}
		long stillJoined = 0;
		for (CompletableFuture<Boolean> member : members) {
			stillJoined += member.get(60, TimeUnit.SECONDS) ? 1 : 0;
		}
		assertThat(stillJoined).isEqualTo(3);
		assertThat(groups.get(filter).members()).hasSize(3);
		assertThat(index.match("jobs/1")).singleElement()
			.satisfies((s) -> assertThat(s.subscriber()).isSameAs(groups.get(filter)));
	}

}
