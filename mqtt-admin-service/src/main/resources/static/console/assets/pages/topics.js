// placeholder
import { h } from '../lib.js';
export default function topics(view) { view.append(h('h1', {}, 'topics')); }
