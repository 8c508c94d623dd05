package dev.mqttstack.admin.persistence;

import java.time.Duration;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the session store: DOWN once its journal has failed to reach PostgreSQL for
 * longer than {@code mqtt.broker.persistence.unavailable-timeout} (the broker withholds
 * acknowledgements of publishes to persistent sessions meanwhile), and DOWN for good
 * after a failure of the journal's own code. It is part of the {@code readiness} group,
 * so a load balancer stops sending clients.
 */
class StoreHealthIndicator extends AbstractHealthIndicator {

	private final StoreJournal journal;

	private final Duration unavailableTimeout;

	StoreHealthIndicator(StoreJournal journal, Duration unavailableTimeout) {
		this.journal = journal;
		this.unavailableTimeout = unavailableTimeout;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Throwable failure = this.journal.failure();
		Duration unavailable = this.journal.unavailableFor();
		if (failure != null) {
			builder.down().withDetail("error", "The session store writer failed: " + failure);
		}
		else if (!this.journal.isAvailable() && unavailable.compareTo(this.unavailableTimeout) >= 0) {
			builder.down().withDetail("error", this.journal.lastError());
		}
		else {
			builder.up();
		}
		builder.withDetail("available", this.journal.isAvailable())
			.withDetail("unavailableForMillis", unavailable.toMillis())
			.withDetail("pendingOperations", this.journal.pending())
			.withDetail("droppedOperations", this.journal.droppedOperations())
			.withDetail("committedBatches", this.journal.committedBatches())
			.withDetail("committedOperations", this.journal.committedOperations());
	}

}
