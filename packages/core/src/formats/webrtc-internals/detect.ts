import type { Sniff } from '../types.js';

/**
 * A chrome://webrtc-internals "Create dump" file: one JSON object whose top-level keys include
 * `PeerConnections` and `getUserMedia` (order varies by Chrome version).
 */
export function detectWebrtcInternals(sniff: Sniff): number {
	const head = sniff.text.trimStart();
	if (!head.startsWith('{')) return 0;
	const start = head.slice(0, 4096);
	const hasPcs = /"PeerConnections"\s*:/.test(start);
	const hasGum = /"getUserMedia"\s*:/.test(start);
	if (hasPcs && hasGum) return 0.95;
	if (hasPcs || (hasGum && /"UserAgent"|"PeerConnections"/.test(head))) return 0.8;
	return 0;
}
