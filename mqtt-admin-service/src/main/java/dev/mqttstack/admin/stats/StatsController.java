package dev.mqttstack.admin.stats;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.sys.BrokerCounts;
import dev.mqttstack.broker.sys.BrokerMetrics;

/**
 * REST endpoint of the hosted broker's statistics at {@code /api/v1/stats}; ADMIN and
 * VIEWER. Counts are read when asked (cheap: sizes of the broker's maps and its
 * counters); the rates are those {@link TrafficSampler} measured over the last second.
 */
@RestController
@RequestMapping("/api/v1/stats")
@Tag(name = "Statistics", description = "Connections, sessions, subscriptions, retained messages and traffic rates")
public class StatsController {

	private final MqttBroker broker;

	private final TrafficSampler sampler;

	StatsController(MqttBroker broker, TrafficSampler sampler) {
		this.broker = broker;
		this.sampler = sampler;
	}

	@GetMapping
	@Operation(summary = "Broker statistics",
			description = "Counts now, totals since the broker started and rates over the last one-second interval")
	@ApiResponse(responseCode = "200", description = "The statistics")
	StatsResponse stats() {
		try {
			if (this.broker.isRunning()) {
				BrokerMetrics metrics = this.broker.metrics();
				BrokerCounts counts = this.broker.counts();
				int connections = metrics.clientsConnected();
				return new StatsResponse(true, MqttBroker.VERSION, metrics.uptimeSeconds(), connections,
						counts.sessions(), Math.max(0, counts.sessions() - connections), counts.subscriptions(),
						counts.retainedMessages(), metrics.messagesReceived(), metrics.messagesSent(),
						metrics.bytesReceived(), metrics.bytesSent(), this.sampler.rates());
			}
		}
		catch (IllegalStateException ex) {
			// stopped while being read
		}
		return new StatsResponse(false, MqttBroker.VERSION, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, TrafficRates.NONE);
	}

}
