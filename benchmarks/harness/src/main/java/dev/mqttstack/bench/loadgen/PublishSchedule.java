package dev.mqttstack.bench.loadgen;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;

/**
 * The open-loop send schedule: every millisecond, on the generator's event loop, each
 * publisher writes the messages whose intended send time has come, stamped with that
 * intended time, and each touched connection is flushed once. A broker that reads slowly
 * makes messages wait in the generator's buffers and their latency grows: the schedule
 * itself never slows down.
 */
final class PublishSchedule {

	private final List<Publisher> publishers;

	private final LoadStats stats;

	private final long start;

	private final long end;

	private final long[] sent;

	private final long[] offsets;

	private final CompletableFuture<Void> finished = new CompletableFuture<>();

	private ScheduledFuture<?> ticker;

	PublishSchedule(List<Publisher> publishers, LoadStats stats, long start, long durationNanos) {
		this.publishers = publishers;
		this.stats = stats;
		this.start = start;
		this.end = start + durationNanos;
		this.sent = new long[publishers.size()];
		this.offsets = new long[publishers.size()];
		for (int i = 0; i < publishers.size(); i++) {
			double period = 1e9 / publishers.get(i).ratePerSecond();
			this.offsets[i] = (long) (period * i / publishers.size());
		}
	}

	CompletableFuture<Void> finished() {
		return this.finished;
	}

	void start(EventLoop loop) {
		this.ticker = loop.scheduleAtFixedRate(this::tick, 0, 1, TimeUnit.MILLISECONDS);
	}

	private void tick() {
		long now = Math.min(System.nanoTime(), this.end);
		Set<Channel> touched = new HashSet<>();
		for (int i = 0; i < this.publishers.size(); i++) {
			Publisher publisher = this.publishers.get(i);
			double period = 1e9 / publisher.ratePerSecond();
			long first = this.start + this.offsets[i];
			long due = (now < first) ? 0 : (long) ((now - first) / period) + 1;
			if (due > this.sent[i] && publisher.client().channel().isActive()) {
				while (this.sent[i] < due) {
					long intended = first + (long) (this.sent[i] * period);
					String topic = publisher.topics().apply(this.sent[i]);
					publisher.client().publish(topic, publisher.qos(), publisher.size(), intended);
					this.stats.sent++;
					this.stats.expected += publisher.fanOut().applyAsInt(topic);
					this.sent[i]++;
				}
				touched.add(publisher.client().channel());
			}
		}
		for (Channel channel : touched) {
			channel.flush();
		}
		if (now >= this.end) {
			this.ticker.cancel(false);
			this.finished.complete(null);
		}
	}

}
