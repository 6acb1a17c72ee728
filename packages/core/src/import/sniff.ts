import type { Sniff } from '../formats/types.js';

// The detectors' input is a format's contract (formats/types.ts); building it is the pipeline's.
export type { Sniff } from '../formats/types.js';

export const SNIFF_CHARS = 64 * 1024;
const SNIFF_LINES = 5;

export function makeSniff(text: string, complete: boolean): Sniff {
	const head = text.slice(0, SNIFF_CHARS).replace(/^\uFEFF/, '');
	const parts = head.split(/\r?\n|\r/);
	// The last part may be cut by the sniff window unless the whole text fit; a first line longer
	// than the window is still offered (detectors look at how a line starts).
	if ((!complete || head.length < text.length) && parts.length > 1) parts.pop();
	const lines: string[] = [];
	for (const part of parts) {
		const trimmed = part.trim();
		if (trimmed) lines.push(trimmed);
		if (lines.length >= SNIFF_LINES) break;
	}
	return { text: head, lines };
}

/**
 * True when the text looks binary: NUL characters, or many control characters / U+FFFD
 * replacement characters (invalid UTF-8) in the first part of the file.
 */
export function looksBinary(text: string): boolean {
	const sample = text.slice(0, 4096);
	if (sample.length === 0) return false;
	let odd = 0;
	for (let i = 0; i < sample.length; i++) {
		const c = sample.charCodeAt(i);
		if (c === 0) return true;
		if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) odd++;
	}
	return odd / sample.length > 0.05;
}
