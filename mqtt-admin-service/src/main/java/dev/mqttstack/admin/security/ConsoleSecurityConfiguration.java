package dev.mqttstack.admin.security;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import dev.mqttstack.admin.web.ProblemResponses;

/**
 * Security of the web console at {@code /console}: form login with a session, CSRF
 * tokens, a strict Content-Security-Policy and logout. Ordered before the API's HTTP
 * Basic chain ({@link SecurityConfiguration}), it also serves the console's own calls to
 * {@code /api/**}: requests without an {@code Authorization} header that carry a session
 * cookie or the console's {@code X-Requested-With} header. Those go through the same role
 * rules as the API, and every unsafe method must present the CSRF token: the
 * cookie-to-header pattern ({@code XSRF-TOKEN} cookie readable by the console's scripts,
 * echoed in the {@code X-XSRF-TOKEN} header), which a page on another origin can neither
 * read nor set. A forged request without the session cookie falls through to the API
 * chain, which is stateless and ignores cookies, so it stays unauthenticated.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleSecurityConfiguration {

	/** Scripts, styles and connections only from this origin; no frames, no plugins. */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; "
			+ "form-action 'self'; base-uri 'self'";

	/**
	 * Header the console's scripts send with every call, so that a call whose session
	 * cookie is gone is answered by this chain too (a 401 without a Basic challenge,
	 * which would open the browser's password prompt).
	 */
	static final String CONSOLE_CALL_HEADER = "X-Requested-With";

	static final String CONSOLE_CALL = "XMLHttpRequest";

	private static final String ADMIN = AdminRole.ADMIN.name();

	private static final String VIEWER = AdminRole.VIEWER.name();

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 10)
	SecurityFilterChain consoleSecurity(HttpSecurity http, ProblemResponses problems,
			AuthenticationManager adminAuthenticationManager) throws Exception {
		RequestMatcher jsonRequests = new OrRequestMatcher(path("/api/**"), path("/console/api/**"));
		http.securityMatcher(consoleRequests())
			.authenticationManager(adminAuthenticationManager)
			.authorizeHttpRequests((requests) -> {
				requests.requestMatchers("/", "/console/login", "/console/assets/**")
					.permitAll()
					.requestMatchers(HttpMethod.POST, "/console/api/**")
					.hasRole(ADMIN);
				SecurityConfiguration.authorizeApi(requests);
				requests.anyRequest().hasAnyRole(ADMIN, VIEWER);
			})
			.formLogin((login) -> login.loginPage("/console/login")
				.defaultSuccessUrl("/console", true)
				.failureUrl("/console/login?error"))
			.logout((logout) -> logout.logoutUrl("/console/logout").logoutSuccessUrl("/console/login?logout"))
			.csrf((csrf) -> csrf.spa())
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
			.exceptionHandling((exceptions) -> exceptions
				.defaultAuthenticationEntryPointFor(withoutChallenge(problems.authenticationEntryPoint()), jsonRequests)
				.accessDeniedHandler(problems.accessDeniedHandler()));
		return http.build();
	}

	/**
	 * The requests of the console: its pages, scripts and endpoints, the root (which
	 * redirects to it) and calls to {@code /api/**} made with a session instead of HTTP
	 * Basic. Routing a request here never weakens it: the chain needs a session, and a
	 * CSRF token for every unsafe method.
	 * @return the matcher
	 */
	static RequestMatcher consoleRequests() {
		RequestMatcher sessionApiCall = new AndRequestMatcher(path("/api/**"),
				(request) -> request.getHeader(HttpHeaders.AUTHORIZATION) == null
						&& (request.getRequestedSessionId() != null
								|| CONSOLE_CALL.equals(request.getHeader(CONSOLE_CALL_HEADER))));
		return new OrRequestMatcher(path("/"), path("/console"), path("/console/**"), sessionApiCall);
	}

	private static RequestMatcher path(String pattern) {
		return PathPatternRequestMatcher.withDefaults().matcher(pattern);
	}

	/**
	 * The API's 401 problem without its {@code WWW-Authenticate: Basic} challenge, which
	 * would make the browser prompt for a password over the console when its session
	 * ended.
	 */
	private static AuthenticationEntryPoint withoutChallenge(AuthenticationEntryPoint entryPoint) {
		return (request, response, ex) -> entryPoint.commence(request, new NoChallengeResponse(response), ex);
	}

	private static final class NoChallengeResponse extends HttpServletResponseWrapper {

		NoChallengeResponse(HttpServletResponse response) {
			super(response);
		}

		@Override
		public void setHeader(String name, String value) {
			if (!HttpHeaders.WWW_AUTHENTICATE.equalsIgnoreCase(name)) {
				super.setHeader(name, value);
			}
		}

		@Override
		public void addHeader(String name, String value) {
			if (!HttpHeaders.WWW_AUTHENTICATE.equalsIgnoreCase(name)) {
				super.addHeader(name, value);
			}
		}

	}

}
