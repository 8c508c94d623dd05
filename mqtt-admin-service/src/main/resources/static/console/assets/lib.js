// Helpers of the console's pages: calls to the REST API with the session and the CSRF
// token (cookie-to-header), and a tiny DOM builder.

/** The CSRF token Spring Security keeps in the XSRF-TOKEN cookie, echoed in a header. */
function csrfToken() {
	const cookie = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
	return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : '';
}

/** An error answer of the API, with its problem detail and field errors. */
export class ApiError extends Error {
	constructor(status, problem) {
		const fields = (problem && problem.errors) ? problem.errors.map((e) => `${e.field}: ${e.message}`).join('; ') : '';
		super((problem && (problem.detail || problem.title)) ? (problem.detail || problem.title) + (fields ? ` (${fields})` : '') : `HTTP ${status}`);
		this.status = status;
		this.problem = problem;
	}
}

/**
 * Calls the API: JSON in and out (or text/plain when body is a string and text is set).
 * An ended session goes back to the login page.
 */
export async function api(method, url, body, { text = false } = {}) {
	// X-Requested-With: an ended session gets a plain 401 instead of a password prompt
	const headers = { Accept: 'application/json, application/problem+json', 'X-Requested-With': 'XMLHttpRequest' };
	if (method !== 'GET' && method !== 'HEAD') {
		headers['X-XSRF-TOKEN'] = csrfToken();
	}
	let payload;
	if (body !== undefined) {
		headers['Content-Type'] = text ? 'text/plain; charset=utf-8' : 'application/json';
		payload = text ? body : JSON.stringify(body);
	}
	const response = await fetch(url, { method, headers, body: payload, credentials: 'same-origin' });
	if (response.status === 401) {
		window.location.assign('/console/login');
		throw new ApiError(401, null);
	}
	const type = response.headers.get('Content-Type') || '';
	const data = type.includes('json') ? await response.json() : null;
	if (!response.ok) {
		throw new ApiError(response.status, data);
	}
	return data;
}

/** Creates an element: h('button', {class: 'x', onclick: f}, 'text', child). */
export function h(tag, attributes = {}, ...children) {
	const element = document.createElement(tag);
	for (const [name, value] of Object.entries(attributes || {})) {
		if (value === undefined || value === null || value === false) {
			continue;
		}
		if (name.startsWith('on') && typeof value === 'function') {
			element.addEventListener(name.substring(2), value);
		}
		else if (name === 'value') {
			element.value = value;
		}
		else {
			element.setAttribute(name, value === true ? '' : value);
		}
	}
	for (const child of children.flat()) {
		if (child !== undefined && child !== null && child !== false) {
			element.append(child instanceof Node ? child : String(child));
		}
	}
	return element;
}

/** A message line above a page's content; errors in red. */
export function flash(container, message, error = false) {
	container.replaceChildren(h('p', { class: error ? 'flash error' : 'flash', role: 'status' }, message));
}

/** Runs an action, showing its error (or its success message) in the flash line. */
export async function attempt(flashLine, action, success) {
	try {
		const result = await action();
		if (success) {
			flash(flashLine, typeof success === 'function' ? success(result) : success);
		}
		return result;
	}
	catch (error) {
		flash(flashLine, error.message, true);
		return undefined;
	}
}

/** A table with a header row, wrapped to scroll sideways on small screens. */
export function table(id, headings, rows) {
	return h('div', { class: 'table-wrap' }, h('table', { id },
		h('thead', {}, h('tr', {}, headings.map((heading) => h('th', {}, heading)))),
		h('tbody', {}, rows)));
}

/** Bytes as B, KiB, MiB or GiB. */
export function bytes(value) {
	const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
	let amount = value;
	let unit = 0;
	while (amount >= 1024 && unit < units.length - 1) {
		amount /= 1024;
		unit++;
	}
	return `${unit === 0 ? amount : amount.toFixed(1)} ${units[unit]}`;
}

/** An instant as local date and time, or a dash. */
export function when(instant) {
	return instant ? new Date(instant).toLocaleString() : '—';
}

/** Form field values by name. */
export function values(form) {
	return Object.fromEntries(new FormData(form).entries());
}
