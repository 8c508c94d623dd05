package dev.mqttstack.admin.ban;

import java.time.Instant;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.mqttstack.admin.audit.AuditLog;
import dev.mqttstack.admin.web.InvalidRequestException;
import dev.mqttstack.admin.web.PageResponse;

/**
 * Service that manages bans: every change is audited and, once committed, reloads the
 * {@link BanList}; a new ban also disconnects the connected clients it matches.
 */
@Service
public class BanService {

	private final BanRepository bans;

	private final ApplicationEventPublisher events;

	private final AuditLog audit;

	private final BanList list;

	public BanService(BanRepository bans, ApplicationEventPublisher events, AuditLog audit, BanList list) {
		this.bans = bans;
		this.events = events;
		this.audit = audit;
		this.list = list;
	}

	@Transactional(readOnly = true)
	public PageResponse<BanResponse> list(int page, int size) {
		Instant now = this.list.now();
		return PageResponse.of(
				this.bans.findPage(page * size, size).stream().map((ban) -> BanResponse.of(ban, now)).toList(), page,
				size, this.bans.count());
	}

	@Transactional(readOnly = true)
	public BanResponse get(long id) {
		return BanResponse.of(find(id), this.list.now());
	}

	@Transactional
	public BanResponse create(BanRequest request) {
		String value = canonicalValue(request);
		Instant now = this.list.now();
		if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
			throw new InvalidRequestException("expiresAt", "must be in the future");
		}
		this.bans.find(request.kind(), value).ifPresent((existing) -> {
			throw new BanExistsException(existing);
		});
		long id = this.bans.insert(request.kind(), value, request.reason(), request.expiresAt(), actor());
		Ban created = find(id);
		BanResponse response = BanResponse.of(created, now);
		this.audit.record("ban.create", "ban", id, null, response);
		this.events.publishEvent(new BansChangedEvent(created));
		return response;
	}

	@Transactional
	public void delete(long id) {
		Ban current = find(id);
		if (!this.bans.delete(id)) {
			throw new BanNotFoundException(id);
		}
		this.audit.record("ban.delete", "ban", id, BanResponse.of(current, this.list.now()), null);
		this.events.publishEvent(new BansChangedEvent(null));
	}

	private Ban find(long id) {
		return this.bans.find(id).orElseThrow(() -> new BanNotFoundException(id));
	}

	private static String canonicalValue(BanRequest request) {
		if (request.kind() != BanKind.ADDRESS) {
			return request.value();
		}
		try {
			return AddressBlock.parse(request.value()).toString();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("value", ex.getMessage());
		}
	}

	private static String actor() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null && authentication.getName() != null) ? authentication.getName() : "system";
	}

}
