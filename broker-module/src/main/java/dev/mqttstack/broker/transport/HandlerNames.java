package dev.mqttstack.broker.transport;

/**
 * Names of the handlers in a connection's pipeline, in pipeline order.
 */
public final class HandlerNames {

	public static final String TRAFFIC = "traffic";

	public static final String TLS = "tls";

	public static final String HTTP = "http";

	public static final String HTTP_AGGREGATOR = "httpAggregator";

	public static final String WEBSOCKET = "websocket";

	public static final String WEBSOCKET_FRAMES = "websocketFrames";

	public static final String INBOUND_GUARD = "inboundGuard";

	public static final String DECODER = "decoder";

	public static final String ENCODER = "encoder";

	public static final String GUARD = "guard";

	/** The dispatcher to the handlers of the packet families. */
	public static final String PACKETS = "packets";

	private HandlerNames() {
	}

}
