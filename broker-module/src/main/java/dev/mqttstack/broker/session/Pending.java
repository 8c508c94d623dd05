package dev.mqttstack.broker.session;

import java.util.List;

import dev.mqttstack.broker.message.Message;

/**
 * A message on its way to a session's client.
 *
 * @param message the message
 * @param qos the delivery QoS
 * @param retain the retain flag to deliver with
 * @param ids MQTT 5 subscription identifiers to deliver with
 * @param shareKey the shared subscription that chose this session, or {@code null}
 * @param storeId its identifier in a journaling
 * {@link dev.mqttstack.broker.store.SessionStore}, 0 when not journaled
 */
record Pending(Message message, int qos, boolean retain, List<Integer> ids, String shareKey, long storeId) {
}
