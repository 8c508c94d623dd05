// placeholder
import { h } from '../lib.js';
export default function acl(view) { view.append(h('h1', {}, 'acl')); }
