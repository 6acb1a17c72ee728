/**
 * The import id of a file: SHA-256 over its size, first and last MiB. Computed before reading
 * the file, so a dropped file that was already imported is recognised at once (and a half-done
 * one resumed) without a full pass. Two different log files with the same size, head and tail do
 * not occur in practice (timestamps differ); if they did, the second would be reported as
 * "already imported" — never merged into the first.
 */
const EDGE_BYTES = 1024 * 1024;

export async function fingerprint(file: Blob): Promise<string> {
	const size = file.size;
	const head = new Uint8Array(await file.slice(0, Math.min(size, EDGE_BYTES)).arrayBuffer());
	const tail =
		size > EDGE_BYTES
			? new Uint8Array(await file.slice(Math.max(EDGE_BYTES, size - EDGE_BYTES)).arrayBuffer())
			: new Uint8Array(0);
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
