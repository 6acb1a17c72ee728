import type { ImportBytes } from './memory-file.js';

/**
 * The import id of a file: SHA-256 over its size, first and last MiB. Computed before reading
 * the file, so a dropped file that was already imported is recognised at once (and a half-done
 * one resumed) without a full pass. Two different log files with the same size, head and tail do
 * not occur in practice (timestamps differ); if they did, the second would be reported as
 * "already imported" — never merged into the first.
 *
 * The same digest over the decoded bytes of a gzipped file is its content id (content-id.ts): a
 * dump imported plain and then gzipped (or the other way round) is one import.
 */
export const EDGE_BYTES = 1024 * 1024;

/** @param whole the file's bytes when the caller has read them already (a file of at most EDGE_BYTES). */
export async function fingerprint(file: ImportBytes, whole?: Uint8Array): Promise<string> {
	const size = file.size;
	const head = whole && size <= EDGE_BYTES ? whole : new Uint8Array(await file.slice(0, Math.min(size, EDGE_BYTES)).arrayBuffer());
	const tail =
		size > EDGE_BYTES
			? new Uint8Array(await file.slice(Math.max(EDGE_BYTES, size - EDGE_BYTES)).arrayBuffer())
			: new Uint8Array(0);
	return edgeDigest(size, head, tail);
}

/**
 * 32 hex digits of SHA-256 over `size:`, the first `EDGE_BYTES` and the bytes from
 * max(EDGE_BYTES, size − EDGE_BYTES) to the end (empty when size ≤ EDGE_BYTES).
 */
export async function edgeDigest(size: number, head: Uint8Array, tail: Uint8Array): Promise<string> {
	const sizeBytes = new TextEncoder().encode(`${size}:`);
	const all = new Uint8Array(sizeBytes.length + head.length + tail.length);
	all.set(sizeBytes, 0);
	all.set(head, sizeBytes.length);
	all.set(tail, sizeBytes.length + head.length);
	const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', all));
	let hex = '';
	for (let i = 0; i < 16; i++) hex += (digest[i] as number).toString(16).padStart(2, '0');
	return hex;
}
