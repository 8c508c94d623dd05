// Users: search and list MQTT users; ADMIN also creates, enables or disables, resets
// passwords, deletes and imports a mosquitto password file.
import { api, h, attempt, table, when, values } from '../lib.js';

export default async function users(view, { canWrite }) {
	const flashLine = h('div');
	const list = h('div');
	const pager = h('div', { class: 'row muted' });
	let search = '';
	let page = 0;

	async function load() {
		const query = new URLSearchParams({ page, size: 50 });
		if (search) {
			query.set('search', search);
		}
		const result = await attempt(flashLine, () => api('GET', `/api/v1/users?${query}`));
		if (!result) {
			return;
		}
		list.replaceChildren(table('users', ['User name', 'Superuser', 'Enabled', 'Created', canWrite ? 'Actions' : null].filter(Boolean),
			result.content.map((user) => h('tr', { 'data-username': user.username },
				h('td', {}, user.username), h('td', {}, user.superuser ? 'yes' : 'no'),
				h('td', { class: user.enabled ? 'allow' : 'deny' }, user.enabled ? 'enabled' : 'disabled'),
				h('td', {}, when(user.createdAt)),
				canWrite && h('td', {},
					h('button', { class: 'small write toggle', onclick: () => change(user.username, { enabled: !user.enabled }, user.enabled ? 'disabled' : 'enabled') }, user.enabled ? 'Disable' : 'Enable'), ' ',
					h('button', { class: 'small write reset', onclick: () => reset(user.username) }, 'Reset password'), ' ',
					h('button', { class: 'small danger write delete', onclick: () => remove(user.username) }, 'Delete'))))));
		pager.replaceChildren(`${result.totalElements} users · page ${result.page + 1} of ${Math.max(1, result.totalPages)} `,
			result.page > 0 ? h('button', { class: 'small', onclick: () => { page--; load(); } }, 'Previous') : '',
			result.page + 1 < result.totalPages ? h('button', { class: 'small', onclick: () => { page++; load(); } }, 'Next') : '');
	}

	async function change(username, body, done) {
		if (await attempt(flashLine, () => api('PATCH', `/api/v1/users/${encodeURIComponent(username)}`, body), `${username} ${done}`)) {
			load();
		}
	}

	function reset(username) {
		const password = window.prompt(`New password for ${username}`);
		if (password) {
			change(username, { password }, 'has a new password');
		}
	}

	async function remove(username) {
		if (window.confirm(`Delete the MQTT user ${username}?`)) {
			await attempt(flashLine, () => api('DELETE', `/api/v1/users/${encodeURIComponent(username)}`), `${username} deleted`);
			load();
		}
	}

	const searchForm = h('form', { class: 'row', id: 'user-search', onsubmit: (event) => { event.preventDefault(); search = values(event.target).search.trim(); page = 0; load(); } },
		h('label', {}, 'Search', h('input', { name: 'search', type: 'search', placeholder: 'part of a user name' })),
		h('button', { type: 'submit' }, 'Search'));
	view.append(h('h1', {}, 'MQTT users'), flashLine, searchForm, list, pager);
	if (canWrite) {
		const create = h('form', { class: 'row panel write', id: 'user-create', onsubmit: async (event) => {
			event.preventDefault();
			const form = values(event.target);
			const body = { username: form.username, password: form.password, superuser: form.superuser === 'on' };
			if (await attempt(flashLine, () => api('POST', '/api/v1/users', body), `${form.username} created`)) {
				event.target.reset();
				load();
			}
		} },
		h('label', {}, 'User name', h('input', { name: 'username', required: true, autocomplete: 'off' })),
		h('label', {}, 'Password', h('input', { name: 'password', type: 'password', required: true, autocomplete: 'new-password' })),
		h('label', { class: 'check' }, h('input', { name: 'superuser', type: 'checkbox' }), 'superuser'),
		h('button', { type: 'submit', class: 'primary' }, 'Create user'));
		const importForm = h('form', { class: 'panel write', id: 'user-import', onsubmit: async (event) => {
			event.preventDefault();
			const file = values(event.target).file;
			const report = await attempt(flashLine, () => api('POST', '/api/v1/users/import', file, { text: true }),
				(r) => `Imported: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.rejected} rejected`
					+ r.errors.map((e) => ` · line ${e.line}: ${e.reason}`).join(''));
			if (report) {
				load();
			}
		} },
		h('label', {}, 'mosquitto password file (user:$7$… or user:$6$… lines)', h('textarea', { name: 'file', required: true, spellcheck: 'false' })),
		h('div', { class: 'row' }, h('button', { type: 'submit' }, 'Import password file')));
		view.append(h('h2', {}, 'Create a user'), create, h('h2', {}, 'Import'), importForm);
	}
	await load();
}
