// Live topic explorer: a topic tree that fills as the broker routes messages (server-sent
// events from the service), each topic's recent messages with JSON pretty-printed, and for
// ADMIN a publish form with the MQTT 5 properties.
import { api, h, attempt, values, when } from '../lib.js';
import { payloadText, renderPayload } from './payload.js';

const HISTORY = 20;

function node(name, path) {
	return { name, path, children: new Map(), messages: [], count: 0, dom: null };
}

export default async function topics(view, { canWrite }) {
	const flashLine = h('div');
	const status = h('span', { id: 'topics-status', class: 'muted' }, 'connecting…');
	const empty = h('p', { class: 'muted' }, 'No messages yet: they appear here as clients publish.');
	const tree = h('div', { class: 'tree panel', id: 'topic-tree' }, empty);
	const history = h('div', { class: 'panel', id: 'topic-history' }, h('p', { class: 'muted' }, 'Select a topic to see its messages.'));
	const root = node('', '');
	root.dom = { list: h('ul') };
	const byTopic = new Map();
	// nodes whose count or last message changed since the last frame
	const dirty = new Set();
	let selected = null;
	let selectedChanged = false;
	let total = 0;
	let dropped = 0;
	let scheduled = false;
	let live = false;

	// The tree is built once and updated in place, so that a click is never lost to a
	// redraw while messages pour in.
	function attach(parent, child) {
		const count = h('span', { class: 'count' });
		const preview = h('span', { class: 'preview' });
		const label = h('span', { class: 'node', 'data-topic': child.path, onclick: () => select(child.path) },
			child.name === '' ? '(empty)' : child.name, count, preview);
		const list = h('ul');
		child.dom = { li: h('li', {}, label, list), label, count, preview, list };
		const next = [...parent.children.values()].filter((c) => c !== child && c.dom && c.name.localeCompare(child.name) > 0)
			.sort((a, b) => a.name.localeCompare(b.name))[0];
		parent.dom.list.insertBefore(child.dom.li, next ? next.dom.li : null);
	}

	function add(message) {
		let current = root;
		const levels = message.topic.split('/');
		levels.forEach((level, i) => {
			let child = current.children.get(level);
			if (!child) {
				child = node(level, levels.slice(0, i + 1).join('/'));
				current.children.set(level, child);
				attach(current, child);
			}
			current = child;
			current.count++;
			dirty.add(current);
		});
		current.messages.push(message);
		if (current.messages.length > HISTORY) {
			current.messages.shift();
		}
		byTopic.set(message.topic, current);
		if (message.topic === selected) {
			selectedChanged = true;
		}
		total++;
	}

	function clear() {
		root.children.clear();
		root.dom.list.replaceChildren();
		byTopic.clear();
		dirty.clear();
		total = 0;
		selectedChanged = true;
	}

	function preview(message) {
		const text = payloadText(message.payloadBase64);
		return text === null ? `(${message.payloadSize} bytes binary)` : (text.length > 40 ? text.substring(0, 40) + '…' : text);
	}

	function render() {
		scheduled = false;
		for (const n of dirty) {
			n.dom.count.textContent = `(${n.count})`;
			const last = n.messages[n.messages.length - 1];
			n.dom.preview.textContent = last ? `= ${preview(last)}` : '';
		}
		dirty.clear();
		const shown = root.children.size ? root.dom.list : empty;
		if (tree.firstChild !== shown) {
			tree.replaceChildren(shown);
		}
		if (live) {
			status.textContent = `live · ${total} messages` + (dropped ? ` · ${dropped} not shown (too many at once)` : '');
			status.className = 'status-live';
		}
		if (selected && selectedChanged) {
			selectedChanged = false;
			showHistory(selected);
		}
	}

	function schedule() {
		if (!scheduled) {
			scheduled = true;
			window.requestAnimationFrame(render);
		}
	}

	function select(path) {
		tree.querySelector('.node.selected')?.classList.remove('selected');
		selected = path;
		tree.querySelector(`.node[data-topic="${CSS.escape(path)}"]`)?.classList.add('selected');
		selectedChanged = true;
		schedule();
		if (canWrite) {
			publishForm.elements.topic.value = path;
		}
	}

	function showHistory(path) {
		const n = byTopic.get(path);
		const messages = n ? [...n.messages].reverse() : [];
		history.replaceChildren(h('h2', {}, h('code', { id: 'selected-topic' }, path)),
			messages.length === 0 ? h('p', { class: 'muted' }, 'No messages on this exact topic.') : '',
			...messages.map((m) => h('div', { class: 'history-item' },
				h('div', { class: 'props' }, `${when(m.timestamp)} · QoS ${m.qos}${m.retain ? ' · retained' : ''} · ${m.payloadSize} bytes`
					+ (m.publisherId ? ` · from ${m.publisherId}` : '')
					+ (m.payloadFormatIndicator != null ? ` · format ${m.payloadFormatIndicator}` : '')
					+ (m.contentType ? ` · ${m.contentType}` : '')
					+ (m.messageExpiryInterval != null ? ` · expiry ${m.messageExpiryInterval} s` : '')
					+ (m.responseTopic ? ` · response topic ${m.responseTopic}` : '')
					+ (m.correlationDataBase64 ? ` · correlation ${m.correlationDataBase64}` : '')
					+ (m.userProperties || []).map((p) => ` · ${p.name}=${p.value}`).join('')),
				renderPayload(m.payloadBase64, m.truncated))));
	}

	const events = new EventSource('/console/api/topics/stream');
	const receive = (event) => {
		const batch = JSON.parse(event.data);
		batch.messages.forEach(add);
		dropped += batch.dropped;
		schedule();
	};
	events.addEventListener('history', (event) => {
		// the first event of every (re)connection: the whole history, so start over
		live = true;
		clear();
		receive(event);
	});
	events.addEventListener('messages', receive);
	events.onerror = () => {
		live = false;
		status.textContent = 'reconnecting…';
		status.className = 'muted';
	};

	const publishForm = h('form', { class: 'panel write', id: 'publish', onsubmit: async (event) => {
		event.preventDefault();
		const form = values(event.target);
		const userProperties = (form.userProperties || '').split('\n').map((line) => line.trim()).filter(Boolean).map((line) => {
			const at = line.indexOf('=');
			return at < 0 ? { key: line, value: '' } : { key: line.substring(0, at), value: line.substring(at + 1) };
		});
		const properties = {
			payloadFormatIndicator: form.payloadFormatIndicator === 'on' ? 1 : null,
			messageExpiryInterval: form.messageExpiryInterval === '' ? null : Number(form.messageExpiryInterval),
			contentType: form.contentType || null, responseTopic: form.responseTopic || null,
			correlationData: form.correlationData || null, userProperties,
		};
		const body = { topic: form.topic, payload: form.payload, payloadEncoding: form.payloadEncoding,
			qos: Number(form.qos), retain: form.retain === 'on', properties };
		await attempt(flashLine, () => api('POST', '/api/v1/publish', body), `Published to ${form.topic}`);
	} },
	h('div', { class: 'row' },
		h('label', {}, 'Topic', h('input', { name: 'topic', required: true, size: 30 })),
		h('label', {}, 'QoS', h('select', { name: 'qos' }, ['0', '1', '2'].map((q) => h('option', { value: q }, q)))),
		h('label', {}, 'Payload as', h('select', { name: 'payloadEncoding' }, h('option', { value: 'text' }, 'text (UTF-8)'), h('option', { value: 'base64' }, 'base64'))),
		h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'retain' }), 'retain')),
	h('label', {}, 'Payload', h('textarea', { name: 'payload', spellcheck: 'false' })),
	h('details', {}, h('summary', {}, 'MQTT 5 properties'),
		h('div', { class: 'row' },
			h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'payloadFormatIndicator' }), 'payload is UTF-8'),
			h('label', {}, 'Message expiry (s)', h('input', { name: 'messageExpiryInterval', type: 'number', min: '0' })),
			h('label', {}, 'Content type', h('input', { name: 'contentType' })),
			h('label', {}, 'Response topic', h('input', { name: 'responseTopic' })),
			h('label', {}, 'Correlation data (base64)', h('input', { name: 'correlationData' }))),
		h('label', {}, 'User properties (key=value, one a line)', h('textarea', { name: 'userProperties', spellcheck: 'false' }))),
	h('div', { class: 'row' }, h('button', { type: 'submit', class: 'primary', id: 'publish-send' }, 'Publish')));

	view.append(h('h1', {}, 'Topics ', status), flashLine,
		h('div', { class: 'explorer' }, tree, history),
		canWrite ? h('div', {}, h('h2', {}, 'Publish'), publishForm) : '');
	schedule();
	return () => events.close();
}
