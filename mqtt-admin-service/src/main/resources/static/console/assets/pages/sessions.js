// placeholder
import { h } from '../lib.js';
export default function sessions(view) { view.append(h('h1', {}, 'sessions')); }
