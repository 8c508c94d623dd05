package dev.mqttstack.admin.security;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/** Source of admin logins: the accounts in {@code admin_account}. */
class AdminUserDetailsService implements UserDetailsService {

	private final AdminAccountRepository accounts;

	AdminUserDetailsService(AdminAccountRepository accounts) {
		this.accounts = accounts;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		AdminAccount account = this.accounts.find(username)
			.orElseThrow(() -> new UsernameNotFoundException("No admin account " + username));
		return User.withUsername(account.username())
			.password(account.passwordHash())
			.roles(account.role().name())
			.disabled(!account.enabled())
			.build();
	}

}
