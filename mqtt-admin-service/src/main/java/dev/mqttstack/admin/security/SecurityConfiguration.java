package dev.mqttstack.admin.security;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import dev.mqttstack.admin.user.LoginThrottle;

import dev.mqttstack.admin.web.ProblemResponses;

/**
 * Configuration of the admin API's security: HTTP Basic against the admin accounts in
 * PostgreSQL, VIEWER may read, ADMIN may also write and manage admins; health, the
 * OpenAPI document and Swagger UI are public. Logins pass the {@link LoginThrottle}
 * before their password is hashed (429 with {@code Retry-After} when refused), and failed
 * ones are published as {@code AuthenticationFailure*Event}s and logged. The web console
 * has its own chain ({@link ConsoleSecurityConfiguration}), ordered before this one.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

	private static final String ADMIN = AdminRole.ADMIN.name();

	private static final String VIEWER = AdminRole.VIEWER.name();

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, ProblemResponses problems,
			AuthenticationManager adminAuthenticationManager) throws Exception {
		http.authenticationManager(adminAuthenticationManager).authorizeHttpRequests((requests) -> {
			requests
				.requestMatchers("/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**",
						"/swagger-ui.html", "/swagger-ui/**", "/error")
				.permitAll();
			authorizeApi(requests);
			requests.requestMatchers("/actuator/**").hasAnyRole(ADMIN, VIEWER).anyRequest().authenticated();
		})
			.httpBasic((basic) -> basic.realmName("mqtt-admin")
				.authenticationEntryPoint(problems.authenticationEntryPoint()))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(problems.authenticationEntryPoint())
				.accessDeniedHandler(problems.accessDeniedHandler()))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			// A stateless API authenticated on every request by a header: no cookie to
			// forge.
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

	/**
	 * The roles of {@code /api/**}, shared by this chain (HTTP Basic) and the web
	 * console's (a session): VIEWER reads and checks ACLs, ADMIN also writes and manages
	 * admins.
	 * @param requests the rules to add to
	 */
	static void authorizeApi(
			AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
		requests.requestMatchers("/api/v1/admins", "/api/v1/admins/**")
			.hasRole(ADMIN)
			.requestMatchers(HttpMethod.GET, "/api/**")
			.hasAnyRole(ADMIN, VIEWER)
			.requestMatchers(HttpMethod.POST, "/api/v1/acl/check")
			.hasAnyRole(ADMIN, VIEWER)
			.requestMatchers("/api/**")
			.hasRole(ADMIN);
	}

	/**
	 * HTTP Basic logins: the throttle first, then the admin accounts; every outcome is
	 * published as a Spring Security authentication event.
	 */
	@Bean
	AuthenticationManager adminAuthenticationManager(AdminUserDetailsService users, PasswordEncoder passwordEncoder,
			ApplicationEventPublisher events, ApiAuthProperties limits) {
		DaoAuthenticationProvider accounts = new DaoAuthenticationProvider(users);
		accounts.setPasswordEncoder(passwordEncoder);
		ProviderManager manager = new ProviderManager(accounts);
		manager.setAuthenticationEventPublisher(new DefaultAuthenticationEventPublisher(events));
		return new ThrottledAuthenticationManager(manager, new LoginThrottle(limits));
	}

	@Bean
	RequestRejectedHandler requestRejectedHandler(ProblemResponses problems) {
		return problems.requestRejectedHandler();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	AdminUserDetailsService adminUserDetailsService(AdminAccountRepository accounts) {
		return new AdminUserDetailsService(accounts);
	}

}
