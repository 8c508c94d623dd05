package dev.mqttstack.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The measured rows of one scenario, one per broker in the order they ran, rendered as a
 * markdown table with each broker's ratio to Mosquitto where a column asks for it.
 */
public final class ScenarioResult {

	/** The broker every ratio is taken to. */
	public static final String REFERENCE = "mosquitto";

	private final String title;

	private final String description;

	private final List<Column> columns;

	private final Map<String, Map<String, Double>> rows = new LinkedHashMap<>();

	private final Map<String, String> failures = new LinkedHashMap<>();

	public ScenarioResult(String title, String description, List<Column> columns) {
		this.title = title;
		this.description = description;
		this.columns = columns;
	}

	public void add(String broker, Map<String, Double> metrics) {
		this.rows.put(broker, metrics);
	}

	public void failed(String broker, String reason) {
		this.failures.put(broker, reason);
	}

	public Map<String, Map<String, Double>> rows() {
		return this.rows;
	}

	/** Renders the section: heading, description, table, failures. */
	public String toMarkdown() {
		StringBuilder out = new StringBuilder();
		out.append("### ").append(this.title).append("\n\n").append(this.description).append("\n\n");
		List<String> headers = new ArrayList<>(List.of("broker"));
		for (Column column : this.columns) {
			headers.add(column.header());
			if (column.ratio()) {
				headers.add("× mosquitto");
			}
		}
		out.append("| ").append(String.join(" | ", headers)).append(" |\n");
		out.append("|").append("---|".repeat(headers.size())).append('\n');
		Map<String, Double> reference = this.rows.get(REFERENCE);
		for (Map.Entry<String, Map<String, Double>> row : this.rows.entrySet()) {
			List<String> cells = new ArrayList<>(List.of(row.getKey()));
			for (Column column : this.columns) {
				Double value = row.getValue().get(column.key());
				cells.add(format(value, column.decimals()));
				if (column.ratio()) {
					Double base = (reference != null) ? reference.get(column.key()) : null;
					cells.add((value != null && base != null && base != 0) ? format(value / base, 2) + "×" : "–");
				}
			}
			out.append("| ").append(String.join(" | ", cells)).append(" |\n");
		}
		for (Map.Entry<String, String> failure : this.failures.entrySet()) {
			out.append("\n").append(failure.getKey()).append(" failed: ").append(failure.getValue()).append('\n');
		}
		return out.append('\n').toString();
	}

	private static String format(Double value, int decimals) {
		if (value == null || value.isNaN()) {
			return "–";
		}
		return String.format(java.util.Locale.ROOT, "%,." + decimals + "f", value);
	}

}
