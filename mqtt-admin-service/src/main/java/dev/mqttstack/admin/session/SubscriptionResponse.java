package dev.mqttstack.admin.session;

import io.swagger.v3.oas.annotations.media.Schema;

import dev.mqttstack.broker.SubscriptionInfo;

/**
 * A subscription as the API shows it.
 *
 * @param topicFilter the filter as the client sent it, {@code $share/...} prefix included
 * @param qos the granted QoS
 * @param noLocal MQTT 5 no local option
 * @param retainAsPublished MQTT 5 retain as published option
 * @param retainHandling MQTT 5 retain handling option
 * @param subscriptionIdentifier MQTT 5 subscription identifier
 */
public record SubscriptionResponse(@Schema(example = "sensors/+/temperature") String topicFilter,
		@Schema(description = "Granted QoS", allowableValues = {
				"0", "1", "2" }) int qos,
		@Schema(description = "MQTT 5: the client's own messages are not delivered to it") boolean noLocal,
		@Schema(description = "MQTT 5: messages keep the retain flag their publisher set") boolean retainAsPublished,
		@Schema(description = "MQTT 5: retained messages at subscribe: 0 always, 1 only for a new subscription, 2 never",
				allowableValues = { "0", "1", "2" }) int retainHandling,
		@Schema(description = "MQTT 5 subscription identifier; absent when none",
				nullable = true) Integer subscriptionIdentifier){

	static SubscriptionResponse of(SubscriptionInfo subscription) {
		return new SubscriptionResponse(subscription.topicFilter(), subscription.qos(), subscription.noLocal(),
				subscription.retainAsPublished(), subscription.retainHandling(),
				(subscription.subscriptionIdentifier() > 0) ? subscription.subscriptionIdentifier() : null);
	}

}
