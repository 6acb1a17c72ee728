import { concatBytes } from '../util/bytes.js';
import { EDGE_BYTES, edgeDigest } from './fingerprint.js';

/**
 * The content id of a compressed file: the import fingerprint's digest (fingerprint.ts) over the
 * bytes it decompresses to, gathered as they stream by — the first MiB, a rolling last MiB and
 * the count. Equal to the fingerprint of the same bytes saved plain, so `x.json` and `x.json.gz`
 * are recognised as one file whichever comes first (issue 17: identity from decoded content).
 */
export class DecodedEdges {
	private head: Uint8Array[] = [];
	private headBytes = 0;
	private tail: Uint8Array[] = [];
	private tailBytes = 0;
	private size = 0;

	push(bytes: Uint8Array): void {
		this.size += bytes.byteLength;
		let rest = bytes;
		if (this.headBytes < EDGE_BYTES) {
			const take = Math.min(EDGE_BYTES - this.headBytes, rest.byteLength);
			this.head.push(rest.slice(0, take));
			this.headBytes += take;
			rest = rest.subarray(take);
		}
		if (rest.byteLength === 0) return;
		this.tail.push(rest.slice());
		this.tailBytes += rest.byteLength;
		// Keep at least the last MiB; drop whole chunks before it.
		while (this.tail.length > 1 && this.tailBytes - (this.tail[0] as Uint8Array).byteLength >= EDGE_BYTES) {
			this.tailBytes -= (this.tail.shift() as Uint8Array).byteLength;
		}
	}

	/** The digest; the tail is the bytes after the head, at most its last MiB. */
	async digest(): Promise<string> {
		const tail = concatBytes(this.tail, this.tailBytes);
		return edgeDigest(this.size, concatBytes(this.head, this.headBytes), tail.subarray(Math.max(0, tail.byteLength - EDGE_BYTES)));
	}
}
