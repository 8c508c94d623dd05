package dev.mqttstack.broker.connection;

import io.netty.channel.Channel;

/**
 * Write batching of one connection: every write of an event-loop turn goes out with one
 * flush, scheduled by the first write of the turn. On the channel's event loop; allocates
 * nothing per write.
 */
final class WriteBatcher implements Runnable {

	private final Channel channel;

	private boolean flushScheduled;

	WriteBatcher(Channel channel) {
		this.channel = channel;
	}

	void write(Object packet) {
		this.channel.write(packet, this.channel.voidPromise());
		if (!this.flushScheduled) {
			this.flushScheduled = true;
			// the batcher is its own flush task: nothing allocated per connection for it
			this.channel.eventLoop().execute(this);
		}
	}

	/** The flush of the turn's writes. */
	@Override
	public void run() {
		this.flushScheduled = false;
		this.channel.flush();
	}

}
