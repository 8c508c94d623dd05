package dev.mqttstack.admin.broker;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.mqttstack.admin.ban.BanList;
import dev.mqttstack.admin.ban.BanningAuthenticator;
import dev.mqttstack.broker.MqttBroker;
import dev.mqttstack.broker.cluster.Cluster;
import dev.mqttstack.broker.event.BrokerEvents;
import dev.mqttstack.broker.security.Authenticator;
import dev.mqttstack.broker.security.Authorizer;
import dev.mqttstack.broker.store.RetainedStore;
import dev.mqttstack.broker.store.SessionStore;

/**
 * Configuration of the hosted broker: built from {@code mqtt.broker.*} (listeners, limits
 * and MQTT 5 settings through {@link BrokerPropertiesMapper}) with the service's
 * authenticator (behind the ban check when there is a {@link BanList}), authorizer and
 * event listeners, run by a {@link BrokerLifecycle}.
 */
@Configuration(proxyBeanMethods = false)
public class BrokerConfiguration {

	@Bean
	MqttBroker mqttBroker(BrokerProperties properties, Authenticator authenticator, Authorizer authorizer,
			ObjectProvider<BrokerEvents> listeners, ObjectProvider<SessionStore> sessionStore,
			ObjectProvider<RetainedStore> retainedStore, ObjectProvider<BanList> bans,
			ObjectProvider<Cluster> cluster) {
		MqttBroker.Builder builder = MqttBroker.builder()
			.host(properties.getHost())
			.port(properties.getPort())
			.maxInflight(properties.getMaxInflight())
			.maxQueuedMessages(properties.getMaxQueuedMessages())
			.maxPacketSize((int) Math.min(properties.getMaxPacketSize().toBytes(), Integer.MAX_VALUE))
			.sysInterval(properties.getSysInterval())
			.connectTimeout(properties.getConnectTimeout())
			.nativeTransport(properties.isNativeTransport())
			.ioThreads(properties.getIoThreads())
			.persistentSessionExpiry(properties.getPersistentSessionExpiry())
			.authenticator(bans.stream().findFirst().map((list) -> banning(list, authenticator)).orElse(authenticator))
			.authorizer(authorizer);
		new BrokerPropertiesMapper(properties).applyTo(builder);
		listeners.orderedStream().forEach(builder::events);
		sessionStore.ifAvailable(builder::sessionStore);
		retainedStore.ifAvailable(builder::retainedStore);
		cluster.ifAvailable(builder::cluster);
		return builder.build();
	}

	private static Authenticator banning(BanList bans, Authenticator authenticator) {
		return new BanningAuthenticator(bans, authenticator);
	}

	@Bean
	BrokerLifecycle brokerLifecycle(MqttBroker broker, BrokerProperties properties) {
		return new BrokerLifecycle(broker, properties.isEnabled());
	}

	@Bean
	ConnectedClients connectedClients(MqttBroker broker) {
		return new ConnectedClients(broker);
	}

}
