package dev.mqttstack.admin.ban;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.mqttstack.broker.ClientInfo;

/**
 * In-memory snapshot of the bans the broker checks at every CONNECT: lookups by client
 * identifier and user name are map reads, address blocks a short scan; no database query
 * and no lock on the event loop. Replaced whole on every committed change; an expired ban
 * stops matching at its expiry without a reload.
 */
public class BanList {

	private final Clock clock;

	private volatile Snapshot snapshot = new Snapshot(List.of());

	public BanList(Clock clock) {
		this.clock = clock;
	}

	/**
	 * The current instant of the clock bans expire by.
	 * @return now
	 */
	public Instant now() {
		return this.clock.instant();
	}

	/**
	 * Replaces the snapshot.
	 * @param bans every stored ban
	 */
	public void reload(List<Ban> bans) {
		this.snapshot = new Snapshot(bans);
	}

	/**
	 * The active ban that matches a client, if any.
	 * @param clientId the client identifier
	 * @param username the user name, or {@code null}
	 * @param remoteAddress the peer address, or {@code null}
	 * @return the first matching ban that has not expired
	 */
	public Optional<Ban> find(String clientId, String username, InetSocketAddress remoteAddress) {
		return this.snapshot.find(clientId, username, (remoteAddress != null) ? remoteAddress.getAddress() : null,
				this.clock.instant());
	}

	/**
	 * The active ban that matches a connected client, if any.
	 * @param client the client
	 * @return the matching ban
	 */
	public Optional<Ban> find(ClientInfo client) {
		return find(client.clientId(), client.username(), client.remoteAddress());
	}

	/** The bans of one reload, indexed. */
	private static final class Snapshot {

		private final Map<String, Ban> byClientId = new HashMap<>();

		private final Map<String, Ban> byUsername = new HashMap<>();

		private final List<Map.Entry<AddressBlock, Ban>> byAddress = new ArrayList<>();

		Snapshot(List<Ban> bans) {
			for (Ban ban : bans) {
				switch (ban.kind()) {
					case CLIENT_ID -> this.byClientId.put(ban.value(), ban);
					case USERNAME -> this.byUsername.put(ban.value(), ban);
					case ADDRESS -> this.byAddress.add(Map.entry(AddressBlock.parse(ban.value()), ban));
				}
			}
		}

		Optional<Ban> find(String clientId, String username, InetAddress address, Instant now) {
			Ban ban = (clientId != null) ? this.byClientId.get(clientId) : null;
			if (ban != null && ban.isActive(now)) {
				return Optional.of(ban);
			}
			ban = (username != null) ? this.byUsername.get(username) : null;
			if (ban != null && ban.isActive(now)) {
				return Optional.of(ban);
			}
			if (address != null) {
				for (Map.Entry<AddressBlock, Ban> entry : this.byAddress) {
					if (entry.getValue().isActive(now) && entry.getKey().contains(address)) {
						return Optional.of(entry.getValue());
					}
				}
			}
			return Optional.empty();
		}

	}

}
