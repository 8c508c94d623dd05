// Bans: clients banned by client id, user name or address (IP or CIDR), with their reason
// and expiry; ADMIN also bans (with an optional expiry) and lifts bans.
import { api, h, attempt, table, when, values } from '../lib.js';

const KINDS = { CLIENT_ID: 'Client id', USERNAME: 'User name', ADDRESS: 'Address (IP or CIDR)' };

export default async function bans(view, { canWrite }) {
	const flashLine = h('div');
	const list = h('div');
	const pager = h('div', { class: 'row muted' });
	let page = 0;

	async function load() {
		const query = new URLSearchParams({ page, size: 50 });
		const result = await attempt(flashLine, () => api('GET', `/api/v1/banned?${query}`));
		if (!result) {
			return;
		}
		list.replaceChildren(table('bans', ['Kind', 'Value', 'Reason', 'Expires', 'State', 'Created', canWrite ? 'Actions' : null].filter(Boolean),
			result.content.map((ban) => h('tr', { 'data-ban-id': ban.id, 'data-value': ban.value },
				h('td', {}, KINDS[ban.kind] ?? ban.kind), h('td', {}, h('code', {}, ban.value)), h('td', {}, ban.reason ?? ''),
				h('td', {}, ban.expiresAt ? when(ban.expiresAt) : 'never'),
				h('td', { class: ban.active ? 'deny' : 'muted' }, ban.active ? 'active' : 'expired'),
				h('td', {}, `${when(ban.createdAt)} by ${ban.createdBy ?? '?'}`),
				canWrite && h('td', {}, h('button', { class: 'small danger write delete', onclick: () => lift(ban) }, 'Lift ban'))))));
		pager.replaceChildren(`${result.totalElements} ban${result.totalElements === 1 ? "" : "s"} · page ${result.page + 1} of ${Math.max(1, result.totalPages)} `,
			result.page > 0 ? h('button', { class: 'small', onclick: () => { page--; load(); } }, 'Previous') : '',
			result.page + 1 < result.totalPages ? h('button', { class: 'small', onclick: () => { page++; load(); } }, 'Next') : '',
			' ', h('button', { class: 'small', id: 'bans-refresh', onclick: () => load() }, 'Refresh'));
	}

	async function lift(ban) {
		if (!window.confirm(`Lift the ban of ${ban.value}?`)) {
			return;
		}
		if (await attempt(flashLine, () => api('DELETE', `/api/v1/banned/${ban.id}`), `Ban of ${ban.value} lifted`) !== undefined) {
			load();
		}
	}

	view.append(h('h1', {}, 'Bans'), flashLine);
	if (canWrite) {
		const create = h('form', { class: 'row panel write', id: 'ban-create', onsubmit: async (event) => {
			event.preventDefault();
			const form = values(event.target);
			// datetime-local is the browser's local time; the API takes an instant
			const body = { kind: form.kind, value: form.value.trim(), reason: form.reason || null,
				expiresAt: form.expiresAt ? new Date(form.expiresAt).toISOString() : null };
			if (await attempt(flashLine, () => api('POST', '/api/v1/banned', body), `${body.value} banned`)) {
				event.target.reset();
				load();
			}
		} },
		h('label', {}, 'Ban by', h('select', { name: 'kind' }, Object.entries(KINDS).map(([kind, label]) => h('option', { value: kind }, label)))),
		h('label', {}, 'Value', h('input', { name: 'value', required: true, autocomplete: 'off', placeholder: 'rogue-device, 203.0.113.0/24, …' })),
		h('label', {}, 'Reason', h('input', { name: 'reason', maxlength: 1000 })),
		h('label', {}, 'Expires (empty: never)', h('input', { name: 'expiresAt', type: 'datetime-local' })),
		h('button', { type: 'submit', class: 'primary' }, 'Ban'));
		view.append(create);
	}
	view.append(list, pager);
	await load();
}
