package dev.mqttstack.admin.retained;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.mqttstack.admin.web.PageResponse;

/** REST endpoints of the broker's retained messages at {@code /api/v1/retained}. */
@RestController
@RequestMapping("/api/v1/retained")
@Tag(name = "Retained messages", description = "Retained messages of the hosted broker, by topic filter")
public class RetainedMessageController {

	private final RetainedMessageService retained;

	public RetainedMessageController(RetainedMessageService retained) {
		this.retained = retained;
	}

	@GetMapping
	@Operation(summary = "Browse retained messages",
			description = "Retained messages whose topics match a filter, sorted by topic; expired ones are left out")
	@ApiResponse(responseCode = "200", description = "One page of retained messages")
	@ApiResponse(responseCode = "400", description = "The filter or the paging is invalid")
	PageResponse<RetainedMessageResponse> list(
			@Parameter(description = "Topic filter, wildcards allowed; '#' for all (not $SYS topics)",
					example = "sensors/+/temperature") @RequestParam(defaultValue = "#") String topic,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(500) int size) {
		return this.retained.list(topic, page, size);
	}

	@DeleteMapping
	@Operation(summary = "Clear retained messages",
			description = "Clears the retained messages whose topics match a filter; new subscribers no longer get them")
	@ApiResponse(responseCode = "200", description = "The topics cleared")
	@ApiResponse(responseCode = "400", description = "The filter is missing or invalid")
	RetainedClearResponse clear(@Parameter(description = "Topic filter, wildcards allowed; required",
			example = "sensors/#") @RequestParam String topic) {
		return this.retained.clear(topic);
	}

}
