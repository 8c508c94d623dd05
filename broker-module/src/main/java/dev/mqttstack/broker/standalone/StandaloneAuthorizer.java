package dev.mqttstack.broker.standalone;

import dev.mqttstack.broker.ClientInfo;
import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.security.Authorizer;

/**
 * The standalone broker's authorizer: mosquitto's {@code retain_available false} (a
 * retained PUBLISH or will is refused) and {@code message_size_limit} (a PUBLISH whose
 * payload is larger is refused) in front of the acl_file's rules, which a reload may
 * replace.
 */
final class StandaloneAuthorizer implements Authorizer {

	private final boolean retainAvailable;

	private final int messageSizeLimit;

	private volatile Authorizer rules;

	/**
	 * Creates an authorizer.
	 * @param rules the acl_file's rules, or {@link Authorizer#ALLOW_ALL} without one
	 * @param retainAvailable whether clients may publish retained messages
	 * @param messageSizeLimit the largest payload in bytes, 0 for no limit of its own
	 */
	StandaloneAuthorizer(Authorizer rules, boolean retainAvailable, int messageSizeLimit) {
		this.rules = rules;
		this.retainAvailable = retainAvailable;
		this.messageSizeLimit = messageSizeLimit;
	}

	void rules(Authorizer rules) {
		this.rules = rules;
	}

	@Override
	public boolean canPublish(ClientInfo client, Message message) {
		if (this.messageSizeLimit > 0 && message.payload().length > this.messageSizeLimit) {
			return false;
		}
		return canPublish(client, message.topic(), message.qos(), message.retain());
	}

	@Override
	public boolean canPublish(ClientInfo client, String topic, int qos, boolean retain) {
		return (this.retainAvailable || !retain) && this.rules.canPublish(client, topic, qos, retain);
	}

	@Override
	public boolean canSubscribe(ClientInfo client, String topicFilter, int qos) {
		return this.rules.canSubscribe(client, topicFilter, qos);
	}

	@Override
	public boolean canReceive(ClientInfo client, String topic) {
		return this.rules.canReceive(client, topic);
	}

}
