package dev.mqttstack.admin.acl;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.mqttstack.admin.web.ImportReport;

/** REST endpoints of ACL rules at {@code /api/v1/acl-rules}. */
@RestController
@RequestMapping("/api/v1/acl-rules")
public class AclRuleController {

	private final AclRuleService rules;

	private final AclFileImporter importer;

	public AclRuleController(AclRuleService rules, AclFileImporter importer) {
		this.rules = rules;
		this.importer = importer;
	}

	@GetMapping
	List<AclRuleResponse> list(@RequestParam(required = false) String username) {
		return this.rules.list(username).stream().map(AclRuleResponse::of).toList();
	}

	@PostMapping
	ResponseEntity<AclRuleResponse> create(@Valid @RequestBody AclRuleRequest request) {
		AclRule rule = this.rules.create(request);
		return ResponseEntity.created(URI.create("/api/v1/acl-rules/" + rule.id())).body(AclRuleResponse.of(rule));
	}

	@GetMapping("/{id}")
	AclRuleResponse get(@PathVariable long id) {
		return AclRuleResponse.of(this.rules.get(id));
	}

	@PutMapping("/{id}")
	AclRuleResponse replace(@PathVariable long id, @Valid @RequestBody AclRuleRequest request) {
		return AclRuleResponse.of(this.rules.replace(id, request));
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable long id) {
		this.rules.delete(id);
	}

	@PostMapping(path = "/import", consumes = MediaType.TEXT_PLAIN_VALUE)
	ImportReport importAclFile(@RequestBody String aclFile) {
		return this.importer.importFile(aclFile);
	}

}
