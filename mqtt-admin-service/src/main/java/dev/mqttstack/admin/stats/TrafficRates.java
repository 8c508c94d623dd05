package dev.mqttstack.admin.stats;

/**
 * Message and byte rates of the broker over one sampling interval.
 *
 * @param messagesInPerSecond PUBLISH packets received from clients per second
 * @param messagesOutPerSecond PUBLISH packets sent to clients per second
 * @param bytesInPerSecond bytes read from all connections per second
 * @param bytesOutPerSecond bytes written to all connections per second
 * @param intervalSeconds the length of the interval they were measured over; 0 before the
 * first full interval
 */
public record TrafficRates(double messagesInPerSecond, double messagesOutPerSecond, double bytesInPerSecond,
		double bytesOutPerSecond, double intervalSeconds) {

	/** No traffic measured yet. */
	static final TrafficRates NONE = new TrafficRates(0, 0, 0, 0, 0);

}
