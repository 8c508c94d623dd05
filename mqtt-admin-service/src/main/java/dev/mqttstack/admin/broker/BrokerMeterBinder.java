package dev.mqttstack.admin.broker;

import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.sys.BrokerMetrics;

/** Binder of the broker's counters to Micrometer, so Prometheus scrapes them. */
@Component
class BrokerMeterBinder implements MeterBinder {

	private final MqttBroker broker;

	BrokerMeterBinder(MqttBroker broker) {
		this.broker = broker;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("mqtt.clients.connected", this.broker, (b) -> read(b, BrokerMetrics::clientsConnected))
			.description("Connected MQTT clients")
			.register(registry);
		counter(registry, "mqtt.messages.received", "PUBLISH packets received", BrokerMetrics::messagesReceived);
		counter(registry, "mqtt.messages.sent", "PUBLISH packets sent", BrokerMetrics::messagesSent);
		counter(registry, "mqtt.messages.dropped", "Messages dropped", BrokerMetrics::messagesDropped);
		counter(registry, "mqtt.bytes.received", "Bytes received", BrokerMetrics::bytesReceived);
		counter(registry, "mqtt.bytes.sent", "Bytes sent", BrokerMetrics::bytesSent);
	}

	private void counter(MeterRegistry registry, String name, String description,
			ToDoubleFunction<BrokerMetrics> value) {
		FunctionCounter.builder(name, this.broker, (b) -> read(b, value)).description(description).register(registry);
	}

	private static double read(MqttBroker broker, ToDoubleFunction<BrokerMetrics> value) {
		return broker.isRunning() ? value.applyAsDouble(broker.metrics()) : 0;
	}

}
