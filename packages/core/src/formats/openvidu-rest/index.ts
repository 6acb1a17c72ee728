import type { Sniff } from '../types.js';
import { excerpt, PROBLEM_CODES } from '../../model/problems.js';
import { createCdrParser } from '../openvidu-cdr/index.js';
import type { DocumentFormat, DocumentParser, ParseContext, ParseSink } from '../types.js';
import { wholeTextParser } from '../whole-text.js';
import { diffSessions } from './diff.js';
import { INPUT_LABELS } from '../inputs.js';

/**
 * A saved OpenVidu REST answer (OpenVidu 2.x REST API, openvidu.io-docs `REST-API.md`): one
 * Session object (`GET /openvidu/api/sessions/<id>`: `{"id", "object": "session", "createdAt",
 * "connections": {numberOfElements, content}}`) or the list (`GET /openvidu/api/sessions`:
 * `{numberOfElements, content: [Session…]}`). It is read as the first poll of the live REST feed
 * would be — through the same diff (diff.ts) — so a file and a feed give the same CDR events.
 *
 * A snapshot says what was open, not when it was taken: the sessions, connections and streams
 * it lists start at their own `createdAt` and are open at the end of the data.
 */
const MAX_CHARS = 64 * 1024 * 1024;

export function detectOpenviduRest(sniff: Sniff): number {
	const text = sniff.text.trimStart();
	if (!text.startsWith('{')) return 0;
	if (/"object"\s*:\s*"session"/.test(text) && /"createdAt"\s*:/.test(text)) return 0.9;
	if (/"numberOfElements"\s*:/.test(text) && /"content"\s*:\s*\[/.test(text) && /"(mediaMode|recordingMode|customSessionId)"\s*:/.test(text))
		return 0.85;
	return 0;
}

export const openviduRestFormat: DocumentFormat = {
	kind: 'document',
	id: 'openvidu-rest',
	label: INPUT_LABELS['openvidu-rest'],
	detect: detectOpenviduRest,
	createParser: createRestParser
};

function createRestParser(ctx: ParseContext, sink: ParseSink): DocumentParser {
	return wholeTextParser(
		ctx,
		{ maxChars: MAX_CHARS, what: 'OpenVidu REST', splitHint: 'Save one session per file.' },
		(text) => {
			let body: unknown;
			try {
				body = JSON.parse(text.replace(/^\uFEFF/, ''));
			} catch (error) {
				ctx.problems.add({
					code: PROBLEM_CODES.invalidJson,
					severity: 'error',
					line: 1,
					message: `The file is not valid JSON (${error instanceof Error ? error.message : String(error)}); nothing in it could be read.`,
					excerpt: excerpt(text.slice(0, 200))
				});
				return;
			}
			const list =
				body && typeof body === 'object' && (body as { object?: unknown }).object === 'session'
					? { numberOfElements: 1, content: [body] }
					: body;
			let events: Record<string, unknown>[];
			try {
				events = diffSessions({}, list, latestTime(list)).events;
			} catch (error) {
				ctx.problems.add({
					code: PROBLEM_CODES.wrongType,
					severity: 'error',
					line: 1,
					message: error instanceof Error ? error.message : String(error)
				});
				return;
			}
			const parser = createCdrParser();
			for (const event of events) {
				const parsed = parser.parse(JSON.stringify(event), 1, ctx.problems, false);
				for (const record of Array.isArray(parsed) ? parsed : parsed ? [parsed] : []) sink.record(record);
			}
			ctx.problems.add({
				code: PROBLEM_CODES.suspiciousValue,
				severity: 'warning',
				line: 1,
				message:
					'An OpenVidu REST answer says what was open when it was saved, not when that was: its sessions, connections and streams start at their createdAt and are open at the end of the data.'
			});
		}
	);
}

/** The newest time the answer holds: the moment it was taken was no earlier. */
function latestTime(body: unknown): number {
	let latest = 0;
	const walk = (v: unknown, depth: number) => {
		if (depth > 8 || !v || typeof v !== 'object') return;
		for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
			if ((k === 'createdAt' || k === 'activeAt') && typeof x === 'number') latest = Math.max(latest, x);
			else walk(x, depth + 1);
		}
	};
	walk(body, 0);
	return latest;
}
