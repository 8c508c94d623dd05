package dev.mqttstack.broker.connection;

import java.util.HashMap;
import java.util.Map;

/**
 * The MQTT 5 topic aliases of one connection, both ways: the inbound ones the client set,
 * and the outbound ones the broker assigns within the client's Topic Alias Maximum (the
 * first topic names get aliases and keep them). On the channel's event loop.
 */
public final class TopicAliases {

	private Map<Integer, String> inbound;

	private int outboundMaximum;

	private Map<String, Integer> outbound;

	/**
	 * The topic the client set for an inbound alias.
	 * @param alias the alias
	 * @return its topic, or {@code null} when never set
	 */
	public String inbound(int alias) {
		return (this.inbound != null) ? this.inbound.get(alias) : null;
	}

	/**
	 * Records the topic a client's PUBLISH set for an alias.
	 * @param alias the alias
	 * @param topic the topic name
	 */
	public void setInbound(int alias, String topic) {
		if (this.inbound == null) {
			this.inbound = new HashMap<>();
		}
		this.inbound.put(alias, topic);
	}

	/**
	 * Records how many topic aliases the client accepts from the broker.
	 * @param maximum the client's topic alias maximum; 0 for none
	 */
	public void setOutboundMaximum(int maximum) {
		this.outboundMaximum = maximum;
	}

	/**
	 * The outbound alias for a topic: one already sent, a new one while the client's
	 * maximum allows, else none.
	 * @param topic the topic name
	 * @return the alias, negated when it is new and the PUBLISH must carry the topic name
	 * to set it; 0 for no alias
	 */
	int outbound(String topic) {
		if (this.outboundMaximum == 0) {
			return 0;
		}
		if (this.outbound == null) {
			this.outbound = new HashMap<>();
		}
		Integer known = this.outbound.get(topic);
		if (known != null) {
			return known;
		}
		if (this.outbound.size() >= this.outboundMaximum) {
			return 0;
		}
		int alias = this.outbound.size() + 1;
		this.outbound.put(topic, alias);
		return -alias;
	}

	/**
	 * Takes back the alias {@link #outbound} just assigned, when the PUBLISH that would
	 * have set it was not sent.
	 * @param topic the topic name
	 */
	void forgetNewOutbound(String topic) {
		this.outbound.remove(topic);
	}

}
