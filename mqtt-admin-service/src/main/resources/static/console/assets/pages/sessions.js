// Sessions: connected and offline sessions with filters, a session's details (its
// subscriptions, queue and in-flight messages), and for ADMIN disconnect and delete.
import { api, h, attempt, table, when, bytes, values } from '../lib.js';

export default async function sessions(view, { canWrite }) {
	const flashLine = h('div');
	const list = h('div');
	const pager = h('div', { class: 'row muted' });
	const detail = h('div', { id: 'session-detail' });
	let filters = {};
	let page = 0;

	async function load() {
		const query = new URLSearchParams({ page, size: 50 });
		Object.entries(filters).forEach(([name, value]) => value && query.set(name, value));
		const result = await attempt(flashLine, () => api('GET', `/api/v1/sessions?${query}`));
		if (!result) {
			return;
		}
		list.replaceChildren(table('sessions', ['Client id', 'User', 'State', 'Address', 'MQTT', 'Subscriptions', 'Queued', 'In flight', 'Expires', 'Actions'],
			result.content.map((s) => h('tr', { 'data-client-id': s.clientId },
				h('td', {}, h('code', {}, s.clientId)), h('td', {}, s.username ?? ''),
				h('td', { class: s.connected ? 'allow' : 'muted' }, s.connected ? 'connected' : 'offline'),
				h('td', {}, s.peerAddress ?? ''), h('td', {}, s.protocolVersion ?? ''), h('td', {}, s.subscriptionCount),
				h('td', {}, `${s.queuedMessages} (${bytes(s.queuedBytes)})`), h('td', {}, s.inflightMessages),
				h('td', {}, s.connected ? '' : (s.expiresAt ? when(s.expiresAt) : (s.sessionExpiryInterval === -1 ? 'never' : ''))),
				h('td', {},
					h('button', { class: 'small details', onclick: () => show(s.clientId) }, 'Details'), ' ',
					canWrite && s.connected && h('button', { class: 'small write disconnect', onclick: () => act('POST', s.clientId, '/disconnect', 'disconnected') }, 'Disconnect'), ' ',
					canWrite && h('button', { class: 'small danger write delete', onclick: () => window.confirm(`Discard the session of ${s.clientId}?`) && act('DELETE', s.clientId, '', 'discarded') }, 'Delete'))))));
		pager.replaceChildren(`${result.totalElements} sessions · page ${result.page + 1} of ${Math.max(1, result.totalPages)} `,
			result.page > 0 ? h('button', { class: 'small', onclick: () => { page--; load(); } }, 'Previous') : '',
			result.page + 1 < result.totalPages ? h('button', { class: 'small', onclick: () => { page++; load(); } }, 'Next') : '',
			' ', h('button', { class: 'small', id: 'sessions-refresh', onclick: () => load() }, 'Refresh'));
	}

	async function act(method, clientId, suffix, done) {
		if (await attempt(flashLine, () => api(method, `/api/v1/sessions/${encodeURIComponent(clientId)}${suffix}`), `${clientId} ${done}`) !== undefined) {
			detail.replaceChildren();
			load();
		}
	}

	async function show(clientId) {
		const s = await attempt(flashLine, () => api('GET', `/api/v1/sessions/${encodeURIComponent(clientId)}`));
		if (!s) {
			return;
		}
		detail.replaceChildren(h('div', { class: 'panel' },
			h('h2', {}, 'Session ', h('code', {}, s.clientId)),
			h('p', {}, `${s.connected ? 'Connected' : 'Offline'}${s.peerAddress ? ' from ' + s.peerAddress : ''} · MQTT ${s.protocolVersion ?? '?'} · clean start ${s.cleanStart ?? '?'}`
				+ ` · expiry interval ${s.sessionExpiryInterval === -1 ? 'never' : s.sessionExpiryInterval + ' s'} · connected ${when(s.connectedAt)}`
				+ (s.disconnectedAt ? ` · offline since ${when(s.disconnectedAt)}` : '')),
			h('p', {}, `Queue: ${s.queuedMessages} messages, ${bytes(s.queuedBytes)} · in flight: ${s.inflightMessages}`),
			table('session-subscriptions', ['Topic filter', 'QoS', 'No local', 'Retain as published', 'Retain handling', 'Subscription id'],
				(s.subscriptions || []).map((sub) => h('tr', {}, h('td', {}, h('code', {}, sub.topicFilter)), h('td', {}, sub.qos),
					h('td', {}, sub.noLocal ? 'yes' : 'no'), h('td', {}, sub.retainAsPublished ? 'yes' : 'no'), h('td', {}, sub.retainHandling),
					h('td', {}, sub.subscriptionIdentifier ?? ''))))));
	}

	const filterForm = h('form', { class: 'row', id: 'session-filters', onsubmit: (event) => { event.preventDefault(); filters = values(event.target); page = 0; load(); } },
		h('label', {}, 'State', h('select', { name: 'connected' }, h('option', { value: '' }, 'all'), h('option', { value: 'true' }, 'connected'), h('option', { value: 'false' }, 'offline'))),
		h('label', {}, 'Client id contains', h('input', { name: 'clientId', type: 'search' })),
		h('label', {}, 'User name', h('input', { name: 'username', type: 'search' })),
		h('button', { type: 'submit' }, 'Filter'));
	view.append(h('h1', {}, 'Sessions'), flashLine, filterForm, list, pager, detail);
	await load();
}
