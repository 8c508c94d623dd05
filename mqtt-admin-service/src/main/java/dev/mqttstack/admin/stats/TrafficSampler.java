package dev.mqttstack.admin.stats;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.sys.BrokerMetrics;

/**
 * Sampler of the broker's traffic counters ({@link MqttBroker#metrics()}) every
 * {@link #INTERVAL} (one second) on a thread of its own: the rates {@code GET
 * /api/v1/stats} shows are those of the last complete interval. Reading the counters sums
 * a few {@code LongAdder}s; nothing touches the event loops. A broker restart starts new
 * counters: the first interval after it counts from zero.
 */
@Component
class TrafficSampler implements SmartInitializingSingleton, DisposableBean {

	/** How often the counters are sampled: the interval the rates are measured over. */
	static final Duration INTERVAL = Duration.ofSeconds(1);

	private static final Logger logger = LoggerFactory.getLogger(TrafficSampler.class);

	private final MqttBroker broker;

	private final ScheduledExecutorService scheduler = Executors
		.newSingleThreadScheduledExecutor(daemon(new CustomizableThreadFactory("mqtt-stats-")));

	private Sample previous;

	private volatile TrafficRates rates = TrafficRates.NONE;

	TrafficSampler(MqttBroker broker) {
		this.broker = broker;
	}

	@Override
	public void afterSingletonsInstantiated() {
		long millis = INTERVAL.toMillis();
		this.scheduler.scheduleAtFixedRate(this::sampleSafely, 0, millis, TimeUnit.MILLISECONDS);
	}

	@Override
	public void destroy() {
		this.scheduler.shutdownNow();
	}

	/**
	 * The rates of the last complete interval.
	 * @return the rates, {@link TrafficRates#NONE} before the first interval or while the
	 * broker is stopped
	 */
	TrafficRates rates() {
		return this.rates;
	}

	private void sampleSafely() {
		try {
			sample();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not sample the broker's traffic counters", ex);
		}
	}

	private void sample() {
		if (!this.broker.isRunning()) {
			this.previous = null;
			this.rates = TrafficRates.NONE;
			return;
		}
		Sample current = Sample.of(this.broker.metrics(), System.nanoTime());
		Sample last = this.previous;
		this.previous = current;
		if (last != null && last.metrics == current.metrics) {
			this.rates = current.ratesSince(last);
		}
	}

	private static CustomizableThreadFactory daemon(CustomizableThreadFactory factory) {
		factory.setDaemon(true);
		return factory;
	}

	/** The counters at one instant. */
	private record Sample(BrokerMetrics metrics, long nanos, long messagesIn, long messagesOut, long bytesIn,
			long bytesOut) {

		static Sample of(BrokerMetrics metrics, long nanos) {
			return new Sample(metrics, nanos, metrics.messagesReceived(), metrics.messagesSent(),
					metrics.bytesReceived(), metrics.bytesSent());
		}

		TrafficRates ratesSince(Sample last) {
			double seconds = (this.nanos - last.nanos) / 1e9;
			if (seconds <= 0) {
				return TrafficRates.NONE;
			}
			return new TrafficRates((this.messagesIn - last.messagesIn) / seconds,
					(this.messagesOut - last.messagesOut) / seconds, (this.bytesIn - last.bytesIn) / seconds,
					(this.bytesOut - last.bytesOut) / seconds, seconds);
		}

	}

}
