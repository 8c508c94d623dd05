package dev.mqttstack.admin.stats;

/**
 * Answer of {@code GET /api/v1/stats}: what the hosted broker holds now and its traffic.
 *
 * @param running whether the broker is running (when not, every count is 0)
 * @param version the broker version
 * @param uptimeSeconds seconds since the broker started
 * @param connections clients connected now
 * @param sessions sessions the broker holds, connected or offline
 * @param offlineSessions persistent sessions whose client is not connected
 * @param subscriptions subscriptions over all sessions
 * @param retainedMessages retained messages held
 * @param messagesReceived PUBLISH packets received from clients since start
 * @param messagesSent PUBLISH packets sent to clients since start
 * @param bytesReceived bytes read from connections since start
 * @param bytesSent bytes written to connections since start
 * @param rates the rates over the last sampling interval (one second)
 */
public record StatsResponse(boolean running, String version, long uptimeSeconds, int connections, int sessions,
		int offlineSessions, int subscriptions, int retainedMessages, long messagesReceived, long messagesSent,
		long bytesReceived, long bytesSent, TrafficRates rates) {

}
