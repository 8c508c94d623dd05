package dev.mqttstack.admin.acl;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Body of {@code POST /api/v1/acl/check}: the operation to explain.
 *
 * @param username the user name, or {@code null} for an anonymous client
 * @param clientId the client identifier
 * @param action {@code publish}, {@code subscribe} or {@code receive}
 * @param topic a topic name, or a topic filter for {@code subscribe}
 */
public record AclCheckRequest(String username, String clientId, @NotNull @Pattern(regexp = "publish|subscribe|receive",
		message = "must be one of publish, subscribe, receive") String action, @NotEmpty String topic) {

}
