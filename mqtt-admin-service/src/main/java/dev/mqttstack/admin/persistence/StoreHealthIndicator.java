package dev.mqttstack.admin.persistence;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the session store: down while its journal cannot write to PostgreSQL (the
 * broker then withholds acknowledgements of publishes to persistent sessions).
 */
class StoreHealthIndicator extends AbstractHealthIndicator {

	private final StoreJournal journal;

	StoreHealthIndicator(StoreJournal journal) {
		this.journal = journal;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		(this.journal.isAvailable() ? builder.up() : builder.down().withDetail("error", this.journal.lastError()))
			.withDetail("pendingOperations", this.journal.pending())
			.withDetail("committedBatches", this.journal.committedBatches())
			.withDetail("committedOperations", this.journal.committedOperations());
	}

}
