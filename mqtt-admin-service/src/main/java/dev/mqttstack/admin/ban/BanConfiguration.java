package dev.mqttstack.admin.ban;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Configuration of bans: the in-memory list the broker's CONNECT check reads. */
@Configuration(proxyBeanMethods = false)
public class BanConfiguration {

	@Bean
	BanList banList() {
		return new BanList(Clock.systemUTC());
	}

}
