import type { Sniff } from '../types.js';

/**
 * rtcstats dumps, three generations:
 * - 3.x (Jitsi, 2020–2023): one JSON array per line, `[method, pcId, value, timestamp(, seq)]`;
 * - file format 3 (2025–): a bare `RTCStatsDump` line, a metadata object, then arrays;
 * - Jitsi server-side (videobridge, jicofo, jigasi): `{statsSessionId, type, data}` per line.
 */
export function detectRtcstats(sniff: Sniff): number {
	const first = sniff.lines[0];
	if (!first) return 0;
	if (first === 'RTCStatsDump') return 0.95;
	let hits = 0;
	for (const line of sniff.lines) {
		if (/^\[\s*("[A-Za-z.]+"|\d+)\s*,\s*(null|"[^"]*")\s*,/.test(line)) hits++;
		else if (
			/^\{\s*"statsSessionId"\s*:/.test(line) &&
			/"type"\s*:\s*"(identity|stats-entry)"/.test(line)
		)
			hits++;
	}
	return hits === 0 ? 0 : Math.min(1, 0.6 + (0.4 * hits) / sniff.lines.length);
}
