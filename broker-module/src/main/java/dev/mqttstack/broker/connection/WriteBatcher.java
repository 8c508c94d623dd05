package dev.mqttstack.broker.connection;

import io.netty.channel.Channel;

/**
 * Write batching of one connection: every write of an event-loop turn goes out with one
 * flush, scheduled by the first write of the turn. On the channel's event loop; allocates
 * nothing per write.
 */
final class WriteBatcher {

	private final Channel channel;

	private final Runnable flushTask = this::flush;

	private boolean flushScheduled;

	WriteBatcher(Channel channel) {
		this.channel = channel;
	}

	void write(Object packet) {
		this.channel.write(packet, this.channel.voidPromise());
		if (!this.flushScheduled) {
			this.flushScheduled = true;
			this.channel.eventLoop().execute(this.flushTask);
		}
	}

	private void flush() {
		this.flushScheduled = false;
		this.channel.flush();
	}

}
