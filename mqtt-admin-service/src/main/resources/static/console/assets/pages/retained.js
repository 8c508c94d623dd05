// placeholder
import { h } from '../lib.js';
export default function retained(view) { view.append(h('h1', {}, 'retained')); }
