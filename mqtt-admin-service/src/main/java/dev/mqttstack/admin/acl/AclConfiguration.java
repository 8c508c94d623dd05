package dev.mqttstack.admin.acl;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.mqttstack.admin.AdminProperties;

/** Configuration of access control: the authorizer the broker asks. */
@Configuration(proxyBeanMethods = false)
public class AclConfiguration {

	@Bean
	AclAuthorizer aclAuthorizer(AdminProperties properties) {
		return new AclAuthorizer(properties.getAcl());
	}

}
