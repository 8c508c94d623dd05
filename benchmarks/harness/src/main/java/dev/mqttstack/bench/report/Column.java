package dev.mqttstack.bench.report;

/**
 * One column of a scenario's table: the metric it shows, how, and whether a
 * {@code × Mosquitto} column follows it.
 *
 * @param key the metric's key in a result
 * @param header the column header
 * @param decimals digits after the point
 * @param ratio whether to add this broker's ratio to Mosquitto's value after it
 */
public record Column(String key, String header, int decimals, boolean ratio) {

	public static Column of(String key, String header, int decimals) {
		return new Column(key, header, decimals, false);
	}

	public static Column withRatio(String key, String header, int decimals) {
		return new Column(key, header, decimals, true);
	}

}
