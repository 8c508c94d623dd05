// Overview: connected clients, message and byte rates (a live SVG chart of the last two
// minutes), listeners, version and uptime. Rates come from two samples of the counters.
import { api, h, bytes, flash, table } from '../lib.js';

const SAMPLE_MILLIS = 2000;
const POINTS = 60;
const SVG = 'http://www.w3.org/2000/svg';

function uptime(seconds) {
	const d = Math.floor(seconds / 86400);
	const hours = Math.floor((seconds % 86400) / 3600);
	const m = Math.floor((seconds % 3600) / 60);
	return (d ? `${d}d ` : '') + `${hours}h ${m}m ${seconds % 60}s`;
}

function svg(tag, attributes) {
	const element = document.createElementNS(SVG, tag);
	Object.entries(attributes).forEach(([name, value]) => element.setAttribute(name, value));
	return element;
}

function draw(chart, samples) {
	const width = 600;
	const height = 160;
	const top = Math.max(1, ...samples.map((s) => Math.max(s.in, s.out)));
	const x = (i) => (width * i) / (POINTS - 1);
	const y = (v) => height - 4 - ((height - 12) * v) / top;
	const line = (key) => samples.map((s, i) => `${x(i + POINTS - samples.length).toFixed(1)},${y(s[key]).toFixed(1)}`).join(' ');
	chart.replaceChildren(
		svg('line', { class: 'grid', x1: 0, x2: width, y1: y(top), y2: y(top) }),
		svg('line', { class: 'grid', x1: 0, x2: width, y1: y(0), y2: y(0) }),
		svg('polyline', { class: 'in', points: line('in') }),
		svg('polyline', { class: 'out', points: line('out') }));
	chart.dataset.max = top.toFixed(1);
}

export default async function overview(view) {
	const flashLine = h('div');
	const card = (id, label) => h('div', { class: 'card' }, h('div', { class: 'label' }, label), h('div', { class: 'value', id }, '…'));
	const chart = svg('svg', { class: 'chart', id: 'rate-chart', viewBox: '0 0 600 160', preserveAspectRatio: 'none', role: 'img', 'aria-label': 'messages per second' });
	const listeners = h('div');
	view.append(h('h1', {}, 'Overview'), flashLine,
		h('div', { class: 'cards' },
			card('clients', 'Connected clients'), card('rate-in', 'Messages in /s'), card('rate-out', 'Messages out /s'),
			card('bytes-in', 'Bytes in /s'), card('bytes-out', 'Bytes out /s'), card('uptime', 'Uptime'), card('version', 'Broker version')),
		h('div', { class: 'panel' }, h('div', { class: 'legend' }, h('span', { class: 'in' }, 'messages in /s'), h('span', { class: 'out' }, 'messages out /s'),
			h('span', { class: 'muted', id: 'totals' })), chart),
		h('h2', {}, 'Listeners'), listeners);
	const samples = [];
	let previous = null;
	const set = (id, value) => { document.getElementById(id).textContent = value; };
	async function sample() {
		let now;
		try {
			now = await api('GET', '/console/api/overview');
		}
		catch (error) {
			flash(flashLine, error.message, true);
			return;
		}
		set('clients', now.clientsConnected);
		set('uptime', uptime(now.uptimeSeconds));
		set('version', now.version + (now.running ? '' : ' (stopped)'));
		set('totals', `totals: ${now.messagesReceived} in, ${now.messagesSent} out, ${bytes(now.bytesReceived)} in, ${bytes(now.bytesSent)} out`);
		if (previous) {
			const seconds = Math.max(0.001, (now.sampledAt - previous.sampledAt) / 1000);
			const rate = (key) => Math.max(0, (now[key] - previous[key]) / seconds);
			const point = { in: rate('messagesReceived'), out: rate('messagesSent') };
			set('rate-in', point.in.toFixed(1));
			set('rate-out', point.out.toFixed(1));
			set('bytes-in', `${bytes(Math.round(rate('bytesReceived')))}`);
			set('bytes-out', `${bytes(Math.round(rate('bytesSent')))}`);
			samples.push(point);
			if (samples.length > POINTS) {
				samples.shift();
			}
			draw(chart, samples);
		}
		previous = now;
		listeners.replaceChildren(table('listeners', ['Name', 'Scheme', 'Address', 'Port', 'Path'],
			now.listeners.map((l) => h('tr', {}, h('td', {}, l.name), h('td', {}, l.scheme), h('td', {}, l.host || '*'),
				h('td', {}, l.port), h('td', {}, l.path || '')))));
	}
	await sample();
	const timer = setInterval(sample, SAMPLE_MILLIS);
	return () => clearInterval(timer);
}
