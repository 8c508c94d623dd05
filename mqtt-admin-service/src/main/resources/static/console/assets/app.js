// The console's router: one page module per hash (#overview, #users, ...), each rendering
// into <main id="view"> and returning a function that stops its timers and streams.
import overview from './pages/overview.js';
import users from './pages/users.js';
import acl from './pages/acl.js';
import sessions from './pages/sessions.js';
import retained from './pages/retained.js';
import topics from './pages/topics.js';
import bans from './pages/bans.js';
import audit from './pages/audit.js';

const pages = { overview, users, acl, sessions, retained, topics, bans, audit };
const view = document.getElementById('view');
const context = {
	canWrite: document.body.dataset.role === 'ADMIN',
	user: document.body.dataset.user,
	version: document.body.dataset.version,
};
let stop = null;

async function show() {
	const name = (window.location.hash || '#overview').substring(1).split('/')[0];
	const page = pages[name] ? name : 'overview';
	if (stop) {
		stop();
		stop = null;
	}
	document.querySelectorAll('nav#nav a').forEach((link) => link.classList.toggle('active', link.dataset.page === page));
	view.replaceChildren();
	view.dataset.page = page;
	const cleanup = await pages[page](view, context);
	stop = (typeof cleanup === 'function') ? cleanup : null;
}

window.addEventListener('hashchange', show);
show();
