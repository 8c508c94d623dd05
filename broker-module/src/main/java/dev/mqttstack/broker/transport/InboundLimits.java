package dev.mqttstack.broker.transport;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.Channel;

import dev.mqttstack.broker.BrokerConfig;
import dev.mqttstack.broker.event.Limit;

/**
 * Broker-wide bounds on what clients may hold: bytes of incomplete packets over all
 * connections, and connections per user name and per peer address. Counted at connect and
 * at the end of a partial read only, never per packet.
 */
public final class InboundLimits {

	private final AtomicLong bufferedBytes = new AtomicLong();

	private final long maxBufferedBytes;

	private final int maxPerUser;

	private final int maxPerAddress;

	private final ConcurrentMap<String, Integer> users = new ConcurrentHashMap<>();

	private final ConcurrentMap<InetAddress, Integer> addresses = new ConcurrentHashMap<>();

	public InboundLimits(BrokerConfig config) {
		this.maxBufferedBytes = config.maxBufferedInboundBytes();
		this.maxPerUser = config.maxConnectionsPerUser();
		this.maxPerAddress = config.maxConnectionsPerAddress();
	}

	/**
	 * Accounts for a change of the bytes one connection holds in incomplete packets.
	 * @param delta bytes added (positive) or released (negative)
	 * @return {@code false} when an addition would pass
	 * {@link BrokerConfig#maxBufferedInboundBytes()}: it is not counted, and the caller
	 * closes its connection
	 */
	boolean buffer(long delta) {
		if (delta <= 0 || this.maxBufferedBytes == 0) {
			this.bufferedBytes.addAndGet(delta);
			return true;
		}
		long total = this.bufferedBytes.addAndGet(delta);
		if (total > this.maxBufferedBytes) {
			this.bufferedBytes.addAndGet(-delta);
			return false;
		}
		return true;
	}

	/**
	 * Bytes of incomplete packets held over all connections now.
	 * @return the bytes
	 */
	public long bufferedBytes() {
		return this.bufferedBytes.get();
	}

	/**
	 * Counts an authenticated connection against the limits per user name and per peer
	 * address; it is uncounted when its channel closes.
	 * @param channel the connection's channel
	 * @param username its user name, or {@code null} (not counted per user)
	 * @param address its peer address, or {@code null}
	 * @return the limit it would pass (and it is not counted), or {@code null}
	 */
	public Limit acquire(Channel channel, String username, InetAddress address) {
		boolean user = username != null && this.maxPerUser > 0;
		boolean peer = address != null && this.maxPerAddress > 0;
		if (user && !tryAcquire(this.users, username, this.maxPerUser)) {
			return Limit.MAX_CONNECTIONS_PER_USER;
		}
		if (peer && !tryAcquire(this.addresses, address, this.maxPerAddress)) {
			if (user) {
				release(this.users, username);
			}
			return Limit.MAX_CONNECTIONS_PER_ADDRESS;
		}
		if (user || peer) {
			channel.closeFuture().addListener((closed) -> {
				if (user) {
					release(this.users, username);
				}
				if (peer) {
					release(this.addresses, address);
				}
			});
		}
		return null;
	}

	private static <K> boolean tryAcquire(ConcurrentMap<K, Integer> counts, K key, int max) {
		boolean[] acquired = { false };
		counts.compute(key, (k, count) -> {
			int current = (count != null) ? count : 0;
			if (current >= max) {
				return count;
			}
			acquired[0] = true;
			return current + 1;
		});
		return acquired[0];
	}

	private static <K> void release(ConcurrentMap<K, Integer> counts, K key) {
		counts.computeIfPresent(key, (k, count) -> (count <= 1) ? null : count - 1);
	}

}
