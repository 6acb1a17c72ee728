/**
 * cyrb53: a fast 53-bit string hash (public domain, bryc). Used as the content key of a source
 * line so the same line imported from two files is shown once. Not cryptographic: a collision
 * would merge two distinct lines of one session, which at 53 bits over a session's few thousand
 * lines has a probability far below 1e-9.
 */
export function cyrb53(text: string, seed = 0): number {
	let h1 = 0xdeadbeef ^ seed;
	let h2 = 0x41c6ce57 ^ seed;
	for (let i = 0; i < text.length; i++) {
		const ch = text.charCodeAt(i);
		h1 = Math.imul(h1 ^ ch, 2654435761);
		h2 = Math.imul(h2 ^ ch, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** {@link cyrb53} as a short base-36 string, the form stored in `ModelEvent.key`. */
export function lineKey(text: string): string {
	return cyrb53(text).toString(36);
}
