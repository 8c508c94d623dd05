package dev.mqttstack.admin.audit;

import java.time.OffsetDateTime;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.mqttstack.admin.audit.AuditRepository.AuditQuery;
import dev.mqttstack.admin.web.PageResponse;

/** REST endpoint of the audit log at {@code /api/v1/audit}; ADMIN and VIEWER. */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit log", description = "Every change made through the admin API: who, when, what, before and after")
public class AuditController {

	private final AuditRepository entries;

	public AuditController(AuditRepository entries) {
		this.entries = entries;
	}

	@GetMapping
	@Transactional(readOnly = true)
	@Operation(summary = "Browse the audit log",
			description = "Changes newest first; before and after never hold passwords or their hashes")
	@ApiResponse(responseCode = "200", description = "One page of audit entries")
	@ApiResponse(responseCode = "400", description = "A filter or the paging is invalid")
	PageResponse<AuditEntry> list(
			@Parameter(description = "Only changes by this admin user name") @RequestParam(
					required = false) String actor,
			@Parameter(description = "Only changes of this kind of target",
					example = "user") @RequestParam(required = false) String targetType,
			@Parameter(description = "Only changes of the target with this identifier") @RequestParam(
					required = false) String targetId,
			@Parameter(description = "Only changes at or after this time (ISO 8601)",
					example = "2026-01-01T00:00:00Z") @RequestParam(
							required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
			@Parameter(description = "Only changes before this time (ISO 8601)") @RequestParam(
					required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(500) int size) {
		AuditQuery query = new AuditQuery(blankToNull(actor), blankToNull(targetType), blankToNull(targetId), from, to);
		return PageResponse.of(this.entries.find(query, page * size, size), page, size, this.entries.count(query));
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
