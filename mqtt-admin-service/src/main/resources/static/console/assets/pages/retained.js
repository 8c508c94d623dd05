// Retained messages: browse by topic filter, view one (payload as text or JSON, its
// properties), and for ADMIN clear one topic or everything a filter matches.
import { api, h, attempt, table, when, values, flash } from '../lib.js';
import { renderPayload } from './payload.js';

export default async function retained(view, { canWrite }) {
	const flashLine = h('div');
	const list = h('div');
	const pager = h('div', { class: 'row muted' });
	const detail = h('div', { id: 'retained-detail' });
	let filter = '#';
	let page = 0;

	async function load() {
		const query = new URLSearchParams({ topic: filter, page, size: 50 });
		const result = await attempt(flashLine, () => api('GET', `/api/v1/retained?${query}`));
		if (!result) {
			return;
		}
		list.replaceChildren(table('retained', ['Topic', 'QoS', 'Size', 'Payload', 'Retained at', 'Actions'],
			result.content.map((m) => h('tr', { 'data-topic': m.topic },
				h('td', {}, h('code', {}, m.topic)), h('td', {}, m.qos), h('td', {}, m.payloadSize),
				h('td', {}, (m.payloadPreview ?? '(binary)').substring(0, 60)), h('td', {}, when(m.retainedAt)),
				h('td', {}, h('button', { class: 'small view', onclick: () => show(m) }, 'View'), ' ',
					canWrite && h('button', { class: 'small danger write delete', onclick: () => clear(m.topic) }, 'Delete'))))));
		pager.replaceChildren(`${result.totalElements} retained messages · page ${result.page + 1} of ${Math.max(1, result.totalPages)} `,
			result.page > 0 ? h('button', { class: 'small', onclick: () => { page--; load(); } }, 'Previous') : '',
			result.page + 1 < result.totalPages ? h('button', { class: 'small', onclick: () => { page++; load(); } }, 'Next') : '');
	}

	function show(m) {
		detail.replaceChildren(h('div', { class: 'panel' }, h('h2', {}, h('code', {}, m.topic)),
			h('p', { class: 'props' }, `QoS ${m.qos} · ${m.payloadSize} bytes · retained ${when(m.retainedAt)}`
				+ (m.publisherClientId ? ` · from ${m.publisherClientId}` : '')
				+ (m.contentType ? ` · content type ${m.contentType}` : '')
				+ (m.messageExpiryRemaining != null ? ` · expires in ${m.messageExpiryRemaining} s` : '')
				+ (m.responseTopic ? ` · response topic ${m.responseTopic}` : '')
				+ (m.userProperties || []).map((p) => ` · ${p.name}=${p.value}`).join('')),
			renderPayload(m.payloadBase64)));
	}

	async function clear(topicFilter) {
		if (!window.confirm(`Clear the retained messages of ${topicFilter}?`)) {
			return;
		}
		const cleared = await attempt(flashLine, () => api('DELETE', `/api/v1/retained?${new URLSearchParams({ topic: topicFilter })}`));
		if (cleared) {
			flash(flashLine, `Cleared ${cleared.removed} retained message(s)`);
			detail.replaceChildren();
			load();
		}
	}

	const filterForm = h('form', { class: 'row', id: 'retained-filter', onsubmit: (event) => { event.preventDefault(); filter = values(event.target).topic || '#'; page = 0; load(); } },
		h('label', {}, 'Topic filter', h('input', { name: 'topic', value: '#', required: true })),
		h('button', { type: 'submit' }, 'Browse'),
		canWrite && h('button', { type: 'button', class: 'danger write', id: 'retained-clear-filter', onclick: () => clear(filterForm.elements.topic.value) }, 'Clear all matching'));
	view.append(h('h1', {}, 'Retained messages'), flashLine, filterForm, list, pager, detail);
	await load();
}
