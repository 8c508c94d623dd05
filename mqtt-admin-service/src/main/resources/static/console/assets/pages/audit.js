// placeholder
import { h } from '../lib.js';
export default function audit(view) { view.append(h('h1', {}, 'audit')); }
