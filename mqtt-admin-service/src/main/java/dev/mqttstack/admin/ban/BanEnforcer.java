package dev.mqttstack.admin.ban;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import dev.mqttstack.broker.MqttBroker;

/**
 * Loader of the {@link BanList}: once at startup (before the broker listens) and after
 * every committed change; after a new ban it disconnects the connected clients the ban
 * matches. MQTT 5 ones get DISCONNECT 0x98 "administrative action": 0x8A "banned" is a
 * CONNACK reason code that MQTT 5 does not allow in DISCONNECT (table 3.14.2.1), and
 * clients treat it as a protocol error; their next CONNECT gets 0x8A.
 */
@Component
class BanEnforcer implements SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger(BanEnforcer.class);

	private final BanRepository bans;

	private final BanList list;

	private final MqttBroker broker;

	BanEnforcer(BanRepository bans, BanList list, MqttBroker broker) {
		this.bans = bans;
		this.list = list;
		this.broker = broker;
	}

	@Override
	public void afterSingletonsInstantiated() {
		reload();
	}

	@TransactionalEventListener(fallbackExecution = true)
	void onBansChanged(BansChangedEvent event) {
		reload();
		if (event.created() != null && this.broker.isRunning()) {
			Ban ban = event.created();
			int count = this.broker.disconnectIf((client) -> this.list.find(client).isPresent());
			if (count > 0) {
				logger.info("Disconnected {} banned client(s) after ban {} ({} {})", count, ban.id(), ban.kind(),
						ban.value());
			}
		}
	}

	private synchronized void reload() {
		this.list.reload(this.bans.findAll());
	}

}
