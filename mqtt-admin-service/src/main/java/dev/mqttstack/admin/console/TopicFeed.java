package dev.mqttstack.admin.console;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.mqttstack.broker.event.BrokerEvents;
import dev.mqttstack.broker.message.Message;

/**
 * Source of the console's live topic explorer: observes every message the broker routes
 * ({@link BrokerEvents#messagePublished}) while at least one explorer is open, keeps a
 * short history per topic and sends new messages to the open explorers as server-sent
 * events, in batches. On the broker's event loops it only queues the message (lock-free,
 * bounded: beyond {@code max-pending} messages are counted as dropped); one console
 * thread keeps the history and writes to the browsers. Stopped before the web server's
 * graceful shutdown (the last lifecycle phase), it ends the open streams so that they do
 * not hold the shutdown up.
 */
@Component
public class TopicFeed implements BrokerEvents, SmartLifecycle, DisposableBean {

	private static final Log logger = LogFactory.getLog(TopicFeed.class);

	private static final long HEARTBEAT_MILLIS = 15_000;

	private final ConsoleProperties properties;

	private final Queue<Message> pending = new ConcurrentLinkedQueue<>();

	private final AtomicInteger pendingCount = new AtomicInteger();

	private final AtomicLong dropped = new AtomicLong();

	private final Set<SseEmitter> explorers = ConcurrentHashMap.newKeySet();

	private final Queue<SseEmitter> joining = new ConcurrentLinkedQueue<>();

	private final Map<String, Deque<TopicMessage>> history = new LinkedHashMap<>();

	private final ScheduledExecutorService sender;

	private volatile boolean watched;

	private volatile boolean running;

	private long lastSent = System.currentTimeMillis();

	TopicFeed(ConsoleProperties properties) {
		this.properties = properties;
		this.sender = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "console-topic-feed");
			thread.setDaemon(true);
			return thread;
		});
		long interval = Math.max(10, properties.getSendInterval().toMillis());
		this.sender.scheduleWithFixedDelay(this::send, interval, interval, TimeUnit.MILLISECONDS);
	}

	@Override
	public void messagePublished(Message message) {
		if (!this.watched) {
			return;
		}
		if (this.pendingCount.incrementAndGet() > this.properties.getMaxPending()) {
			this.pendingCount.decrementAndGet();
			this.dropped.incrementAndGet();
			return;
		}
		this.pending.add(message);
	}

	/**
	 * Opens a stream for one explorer: first a {@code history} event with the messages
	 * kept so far (a {@link Batch}), then {@code messages} events with new ones, none
	 * missed or sent twice in between.
	 * @return the emitter
	 */
	SseEmitter open() {
		return open(new SseEmitter(TimeUnit.MINUTES.toMillis(30)));
	}

	SseEmitter open(SseEmitter emitter) {
		emitter.onCompletion(() -> close(emitter));
		emitter.onTimeout(() -> close(emitter));
		emitter.onError((ex) -> close(emitter));
		this.watched = true;
		this.joining.add(emitter);
		return emitter;
	}

	/** The messages kept so far, topics in the order they were first seen. */
	private List<TopicMessage> history() {
		List<TopicMessage> all = new ArrayList<>();
		synchronized (this.history) {
			this.history.values().forEach(all::addAll);
		}
		return all;
	}

	private void close(SseEmitter emitter) {
		this.joining.remove(emitter);
		this.explorers.remove(emitter);
		this.watched = !this.explorers.isEmpty() || !this.joining.isEmpty();
	}

	/** Sends waiting messages to the open explorers, and the history to new ones. */
	void send() {
		try {
			int maxPayload = (int) Math.min(Integer.MAX_VALUE, this.properties.getMaxPayload().toBytes());
			List<TopicMessage> batch = new ArrayList<>();
			Message message;
			while (batch.size() < this.properties.getMaxPending() && (message = this.pending.poll()) != null) {
				this.pendingCount.decrementAndGet();
				batch.add(TopicMessage.of(message, maxPayload));
			}
			long lost = this.dropped.getAndSet(0);
			keep(batch);
			long now = System.currentTimeMillis();
			if (!batch.isEmpty() || lost > 0 || now - this.lastSent >= HEARTBEAT_MILLIS) {
				this.lastSent = now;
				Batch event = new Batch(batch, lost);
				for (SseEmitter explorer : this.explorers) {
					send(explorer, "messages", event);
				}
			}
			SseEmitter joined;
			while ((joined = this.joining.poll()) != null) {
				if (send(joined, "history", new Batch(history(), 0))) {
					this.explorers.add(joined);
				}
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Could not send messages to the console's topic explorers", ex);
		}
	}

	private boolean send(SseEmitter explorer, String name, Batch batch) {
		try {
			explorer.send(SseEmitter.event().name(name).data(batch, MediaType.APPLICATION_JSON));
			return true;
		}
		catch (IOException | IllegalStateException ex) {
			// the browser went away
			close(explorer);
			return false;
		}
	}

	private void keep(List<TopicMessage> batch) {
		int perTopic = Math.max(1, this.properties.getHistoryPerTopic());
		synchronized (this.history) {
			for (TopicMessage message : batch) {
				Deque<TopicMessage> messages = this.history.get(message.topic());
				if (messages == null) {
					if (this.history.size() >= this.properties.getMaxTopics()) {
						continue;
					}
					messages = new ArrayDeque<>();
					this.history.put(message.topic(), messages);
				}
				messages.addLast(message);
				while (messages.size() > perTopic) {
					messages.removeFirst();
				}
			}
		}
	}

	@Override
	public void start() {
		this.running = true;
	}

	/**
	 * Ends the open streams before the web server's graceful shutdown, which would
	 * otherwise wait for them until its timeout.
	 */
	@Override
	public void stop() {
		this.running = false;
		this.explorers.forEach(SseEmitter::complete);
		this.explorers.clear();
		this.joining.forEach(SseEmitter::complete);
		this.joining.clear();
		this.watched = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public void destroy() {
		stop();
		this.sender.shutdownNow();
	}

	/**
	 * New messages for the explorers.
	 *
	 * @param messages the messages, in the order the broker routed them
	 * @param dropped how many were not sent because too many were waiting
	 */
	record Batch(List<TopicMessage> messages, long dropped) {
	}

}
