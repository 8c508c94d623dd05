package dev.mqttstack.bench.broker;

/** The brokers the benchmarks compare, in the order a run alternates them. */
public enum BrokerKind {

	/** mqtt-stack's broker-module, standalone. */
	OURS("ours", true),

	/** Debian's mosquitto, persistence off: the reference every ratio is taken to. */
	MOSQUITTO("mosquitto", false),

	/** Moquette 0.17 in its own JVM. */
	MOQUETTE("moquette", true),

	/** HiveMQ CE 2025.5 embedded, in its own JVM. */
	HIVEMQ("hivemq-ce", true);

	private final String label;

	private final boolean jvm;

	BrokerKind(String label, boolean jvm) {
		this.label = label;
		this.jvm = jvm;
	}

	public String label() {
		return this.label;
	}

	/**
	 * Whether it runs in a JVM (so gets the shared heap settings and can be asked to GC).
	 */
	public boolean jvm() {
		return this.jvm;
	}

	/** Parses a label or enum name, case-insensitively. */
	public static BrokerKind of(String name) {
		for (BrokerKind kind : values()) {
			if (kind.label.equalsIgnoreCase(name) || kind.name().equalsIgnoreCase(name)) {
				return kind;
			}
		}
		throw new IllegalArgumentException("Unknown broker " + name + " (ours, mosquitto, moquette, hivemq-ce)");
	}

}
