package dev.mqttstack.admin.console;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import dev.mqttstack.admin.security.AdminRole;
import dev.mqttstack.broker.MqttBroker;

/**
 * Pages of the web console: the login form and the one page whose scripts show the
 * overview, users, ACL rules, sessions, retained messages, topics and audit log; the root
 * redirects to it.
 */
@Controller
class ConsoleController {

	@GetMapping("/")
	String root() {
		return "redirect:/console";
	}

	@GetMapping("/console/login")
	String login() {
		return "console/login";
	}

	@GetMapping({ "/console", "/console/" })
	String console(Authentication authentication, Model model) {
		model.addAttribute("username", authentication.getName());
		model.addAttribute("role", role(authentication).name());
		model.addAttribute("brokerVersion", MqttBroker.VERSION);
		return "console/index";
	}

	private static AdminRole role(Authentication authentication) {
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			if (("ROLE_" + AdminRole.ADMIN.name()).equals(authority.getAuthority())) {
				return AdminRole.ADMIN;
			}
		}
		return AdminRole.VIEWER;
	}

}
