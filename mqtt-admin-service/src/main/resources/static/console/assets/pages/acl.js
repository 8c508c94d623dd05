// ACL rules: the rules in the order they are evaluated (highest priority first, deny
// before allow at equal priority), the check/explain tool, and for ADMIN create, edit,
// delete and import of a mosquitto acl_file.
import { api, h, attempt, table, values } from '../lib.js';

const ORDER = (a, b) => (b.priority - a.priority) || ((a.permission === 'deny' ? 0 : 1) - (b.permission === 'deny' ? 0 : 1)) || (a.id - b.id);

export default async function acl(view, { canWrite }) {
	const flashLine = h('div');
	const list = h('div');
	const result = h('div', { id: 'acl-check-result' });
	let editing = null;

	const field = (name, label, attributes = {}) => h('label', {}, label, h('input', { name, ...attributes }));
	const choice = (name, label, options) => h('label', {}, label, h('select', { name }, options.map((o) => h('option', { value: o }, o))));

	const editor = h('form', { class: 'row panel write', id: 'acl-edit', onsubmit: async (event) => {
		event.preventDefault();
		const form = values(event.target);
		const body = { username: form.username || null, clientId: form.clientId || null, topic: form.topic,
			action: form.action, permission: form.permission, priority: form.priority === '' ? 0 : Number(form.priority) };
		const saved = await attempt(flashLine, () => editing === null ? api('POST', '/api/v1/acl-rules', body) : api('PUT', `/api/v1/acl-rules/${editing}`, body),
			(rule) => `Rule ${rule.id} saved`);
		if (saved) {
			stopEditing();
			load();
		}
	} },
	field('username', 'User name (empty: anyone)'), field('clientId', 'Client id (empty: any)'),
	field('topic', 'Topic filter (%u, %c)', { required: true }), choice('action', 'Action', ['all', 'publish', 'subscribe']),
	choice('permission', 'Permission', ['allow', 'deny']), field('priority', 'Priority', { type: 'number', value: '0' }),
	h('button', { type: 'submit', class: 'primary', id: 'acl-save' }, 'Save rule'),
	h('button', { type: 'button', id: 'acl-cancel', onclick: () => stopEditing() }, 'New rule'));

	function edit(rule) {
		editing = rule.id;
		for (const name of ['username', 'clientId', 'topic', 'action', 'permission', 'priority']) {
			editor.elements[name].value = rule[name] ?? '';
		}
		editor.querySelector('#acl-save').textContent = `Save rule ${rule.id}`;
		editor.scrollIntoView({ block: 'nearest' });
	}

	function stopEditing() {
		editing = null;
		editor.reset();
		editor.querySelector('#acl-save').textContent = 'Save rule';
	}

	async function load() {
		const rules = await attempt(flashLine, () => api('GET', '/api/v1/acl-rules'));
		if (!rules) {
			return;
		}
		rules.sort(ORDER);
		list.replaceChildren(table('acl-rules', ['#', 'Priority', 'User', 'Client', 'Topic', 'Action', 'Permission', canWrite ? 'Actions' : null].filter(Boolean),
			rules.map((rule, index) => h('tr', { 'data-rule-id': rule.id },
				h('td', {}, index + 1), h('td', {}, rule.priority), h('td', {}, rule.username ?? '*'), h('td', {}, rule.clientId ?? '*'),
				h('td', {}, h('code', {}, rule.topic)), h('td', {}, rule.action), h('td', { class: rule.permission }, rule.permission),
				canWrite && h('td', {},
					h('button', { class: 'small write edit', onclick: () => edit(rule) }, 'Edit'), ' ',
					h('button', { class: 'small danger write delete', onclick: async () => {
						if (window.confirm(`Delete rule ${rule.id}?`)) {
							await attempt(flashLine, () => api('DELETE', `/api/v1/acl-rules/${rule.id}`), `Rule ${rule.id} deleted`);
							load();
						}
					} }, 'Delete'))))));
	}

	const check = h('form', { class: 'row panel', id: 'acl-check', onsubmit: async (event) => {
		event.preventDefault();
		const form = values(event.target);
		const answer = await attempt(flashLine, () => api('POST', '/api/v1/acl/check',
			{ username: form.username || null, clientId: form.clientId || null, action: form.action, topic: form.topic }));
		list.querySelectorAll('tr.matched').forEach((row) => row.classList.remove('matched'));
		if (answer) {
			const rule = answer.matchedRule;
			result.replaceChildren(h('p', {}, h('strong', { class: answer.permission, id: 'acl-check-permission' }, answer.permission), ' — ', answer.reason,
				rule ? h('span', { class: 'muted' }, ` (rule ${rule.id}: ${rule.permission} ${rule.action} ${rule.topic})`) : ''));
			if (rule) {
				list.querySelector(`tr[data-rule-id="${rule.id}"]`)?.classList.add('matched');
			}
		}
	} },
	field('username', 'User name'), field('clientId', 'Client id'), choice('action', 'Action', ['publish', 'subscribe', 'receive']),
	field('topic', 'Topic', { required: true }), h('button', { type: 'submit' }, 'Check'));

	view.append(h('h1', {}, 'ACL rules'), flashLine, h('p', { class: 'muted' }, 'Evaluated top to bottom: highest priority first, deny before allow at equal priority; the first rule whose topic matches decides.'), list,
		h('h2', {}, 'Check and explain'), check, result);
	if (canWrite) {
		const importForm = h('form', { class: 'panel write', id: 'acl-import', onsubmit: async (event) => {
			event.preventDefault();
			if (await attempt(flashLine, () => api('POST', '/api/v1/acl-rules/import', values(event.target).file, { text: true }),
				(r) => `Imported: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.rejected} rejected`
					+ r.errors.map((e) => ` · line ${e.line}: ${e.reason}`).join(''))) {
				load();
			}
		} },
		h('label', {}, 'mosquitto acl_file (user, topic [read|write|readwrite|deny], pattern)', h('textarea', { name: 'file', required: true, spellcheck: 'false' })),
		h('div', { class: 'row' }, h('button', { type: 'submit' }, 'Import acl_file')));
		view.insertBefore(h('div', {}, h('h2', {}, 'Create or edit a rule'), editor), list.nextSibling);
		view.append(h('h2', {}, 'Import'), importForm);
	}
	await load();
}
