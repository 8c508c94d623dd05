// A payload as the console shows it: UTF-8 text when it decodes, pretty-printed when it
// is JSON, otherwise a hex dump.

/** The bytes of a base64 string. */
export function decodeBase64(base64) {
	const binary = atob(base64 || '');
	const bytes = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) {
		bytes[i] = binary.charCodeAt(i);
	}
	return bytes;
}

/** The payload as text, or null when it is not valid UTF-8. */
export function payloadText(base64) {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(decodeBase64(base64));
	}
	catch {
		return null;
	}
}

/** A <pre> with the payload: JSON pretty-printed, text as is, binary as hex. */
export function renderPayload(base64, truncated = false) {
	const pre = document.createElement('pre');
	pre.className = 'payload';
	const text = payloadText(base64);
	if (text === null) {
		pre.dataset.kind = 'binary';
		pre.textContent = Array.from(decodeBase64(base64)).map((b) => b.toString(16).padStart(2, '0')).join(' ');
	}
	else {
		try {
			const json = JSON.parse(text);
			if (typeof json === 'object' && json !== null) {
				pre.dataset.kind = 'json';
				pre.textContent = JSON.stringify(json, null, 2);
			}
			else {
				pre.dataset.kind = 'text';
				pre.textContent = text;
			}
		}
		catch {
			pre.dataset.kind = 'text';
			pre.textContent = text;
		}
	}
	if (truncated) {
		pre.textContent += '\n… (cut)';
	}
	return pre;
}
