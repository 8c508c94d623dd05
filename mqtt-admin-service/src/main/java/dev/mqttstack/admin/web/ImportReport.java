package dev.mqttstack.admin.web;

import java.util.ArrayList;
import java.util.List;

/**
 * Outcome of importing a mosquitto file: what was created, updated and rejected, with the
 * reason of each rejected line.
 *
 * @param created entries created
 * @param updated entries that existed and were changed
 * @param unchanged entries that existed as given
 * @param rejected lines that could not be imported
 * @param errors why each rejected line was rejected
 */
public record ImportReport(int created, int updated, int unchanged, int rejected, List<LineError> errors) {

	/**
	 * A rejected line.
	 *
	 * @param line the line number, from 1
	 * @param reason why it was rejected
	 */
	public record LineError(int line, String reason) {

	}

	/** Collects the outcome line by line. */
	public static final class Builder {

		private int created;

		private int updated;

		private int unchanged;

		private final List<LineError> errors = new ArrayList<>();

		public void created() {
			this.created++;
		}

		public void updated() {
			this.updated++;
		}

		public void unchanged() {
			this.unchanged++;
		}

		public void rejected(int line, String reason) {
			this.errors.add(new LineError(line, reason));
		}

		public ImportReport build() {
			return new ImportReport(this.created, this.updated, this.unchanged, this.errors.size(),
					List.copyOf(this.errors));
		}

	}

}
