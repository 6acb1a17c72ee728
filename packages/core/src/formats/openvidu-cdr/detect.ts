import type { Sniff } from '../types.js';
import { POINT_TYPES, SUMMARY_TYPES } from './elastic.js';
import { CDR_EVENT_NAMES } from './schema.js';

const KNOWN = new Set<string>([...CDR_EVENT_NAMES, 'recordingStarted', 'recordingStopped']);
const CDR_LINE = /^\{\s*"([A-Za-z]+)"\s*:\s*\{/;
const WEBHOOK_EVENT = /"event"\s*:\s*"([A-Za-z]+)"/;
/** OpenVidu Pro's Elasticsearch document types (elastic.ts). */
const ELASTIC = new RegExp(
	`"elastic_type"\\s*:\\s*"(cdr|webrtcStats|${[...SUMMARY_TYPES, ...POINT_TYPES].join('|')})"`
);

/**
 * Confidence that the text is OpenVidu CDR / webhook JSON Lines: the share of the first lines
 * that start like `{"<known event>": {` or carry `"event": "<known event>"` (or
 * `"elastic_type": "webrtcStats"`). A first line that is broken does not rule the file out.
 */
export function detectOpenviduCdr(sniff: Sniff): number {
	if (sniff.lines.length === 0) return 0;
	let hits = 0;
	for (const line of sniff.lines) {
		if (!line.startsWith('{')) continue;
		const wrapped = CDR_LINE.exec(line);
		if (wrapped && KNOWN.has(wrapped[1] as string)) {
			hits++;
			continue;
		}
		const flat = WEBHOOK_EVENT.exec(line);
		if (flat && KNOWN.has(flat[1] as string)) {
			hits++;
			continue;
		}
		if (ELASTIC.test(line)) hits++;
	}
	if (hits === 0) return 0;
	// One recognised line among the first five is enough to read the file (and report the rest).
	return Math.min(1, 0.6 + (0.4 * hits) / sniff.lines.length);
}
