// Audit log: the changes admins made, newest first, with filters.
import { api, h, attempt, table, when, values } from '../lib.js';

export default async function audit(view) {
	const flashLine = h('div');
	const list = h('div');
	const pager = h('div', { class: 'row muted' });
	let filters = {};
	let page = 0;

	async function load() {
		const query = new URLSearchParams({ page, size: 50 });
		Object.entries(filters).forEach(([name, value]) => value && query.set(name, value));
		const result = await attempt(flashLine, () => api('GET', `/api/v1/audit?${query}`));
		if (!result) {
			return;
		}
		const change = (value) => (value == null ? '' : h('pre', {}, JSON.stringify(value, null, 2)));
		list.replaceChildren(table('audit', ['When', 'Admin', 'From', 'Action', 'Target', 'Before', 'After'],
			result.content.map((e) => h('tr', {}, h('td', {}, when(e.occurredAt)), h('td', {}, e.actor), h('td', {}, e.sourceAddress ?? ''),
				h('td', {}, e.action), h('td', {}, `${e.targetType} ${e.targetId ?? ''}`), h('td', {}, change(e.before)), h('td', {}, change(e.after))))));
		pager.replaceChildren(`${result.totalElements} entries · page ${result.page + 1} of ${Math.max(1, result.totalPages)} `,
			result.page > 0 ? h('button', { class: 'small', onclick: () => { page--; load(); } }, 'Previous') : '',
			result.page + 1 < result.totalPages ? h('button', { class: 'small', onclick: () => { page++; load(); } }, 'Next') : '');
	}

	const filterForm = h('form', { class: 'row', id: 'audit-filters', onsubmit: (event) => { event.preventDefault(); filters = values(event.target); page = 0; load(); } },
		h('label', {}, 'Admin', h('input', { name: 'actor', type: 'search' })),
		h('label', {}, 'Target type', h('input', { name: 'targetType', type: 'search', placeholder: 'user, acl_rule, …' })),
		h('label', {}, 'Target id', h('input', { name: 'targetId', type: 'search' })),
		h('button', { type: 'submit' }, 'Filter'));
	view.append(h('h1', {}, 'Audit log'), flashLine, filterForm, list, pager);
	await load();
}
