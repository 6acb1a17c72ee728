import { toEpochMs } from '../../util/epoch.js';
import * as v from 'valibot';
import { excerpt, PROBLEM_CODES, type Problem, type ProblemLog } from '../../model/problems.js';
import { compileFastParse, INVALID, type FastParse } from '../../util/fast-parse.js';
import { isPointType, isSummaryType, summaryEvents } from './elastic.js';
import {
	CDR_SCHEMAS,
	REQUIRED_KEYS,
	isCdrEventName,
	type CdrEvent,
	type CdrEventName
} from './schema.js';

/**
 * Reads one CDR line into a validated {@link CdrEvent}.
 *
 * Accepted shapes (openvidu-cdr.txt and ../shared/data/real/openvidu-cdr/):
 * - CDR: `{"<eventName>": {…}}` — exactly one key;
 * - webhook: `{"event": "<eventName>", …}` (flat), also with OpenVidu Pro's Elasticsearch fields
 *   (`elastic_type`, `uniqueSessionId`, `clusterId`, …);
 * - Elasticsearch quality documents: `{"elastic_type": "webrtcStats", …}`.
 *
 * Returns `{ unknown }` for a well-formed event with a name we don't know (kept as a generic
 * event), or null when the line is unusable (the reason is in `problems`).
 */
export type CdrLineResult =
	| { kind: 'event'; event: CdrEvent; extra: Record<string, unknown> | undefined }
	| { kind: 'unknown'; name: string; payload: Record<string, unknown> }
	/** An Elasticsearch summary (elastic.ts): the CDR events it stands for. */
	| { kind: 'events'; events: { event: CdrEvent; extra: Record<string, unknown> | undefined }[] }
	/** An Elasticsearch point document: networkQualityStats, kms, webrtcDebug. */
	| { kind: 'point'; doc: Record<string, unknown> }
	| null;

/** Flat (webhook) keys that are the envelope, not the payload. */
const ENVELOPE_KEYS = new Set(['event']);

export function parseCdrLine(
	text: string,
	lineNo: number,
	problems: ProblemLog,
	isLastUnterminated = false
): CdrLineResult {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		problems.add(invalidJson(text, lineNo, error, isLastUnterminated));
		return null;
	}
	if (typeof json !== 'object' || json === null || Array.isArray(json)) {
		problems.add({
			code: PROBLEM_CODES.notAnObject,
			severity: 'error',
			line: lineNo,
			message: `Line ${lineNo} is ${Array.isArray(json) ? 'a JSON array' : `a JSON ${json === null ? 'null' : typeof json}`}, not a CDR event object; the line was skipped.`,
			excerpt: excerpt(text)
		});
		return null;
	}
	const obj = json as Record<string, unknown>;
	if (isPointType(obj.elastic_type)) return { kind: 'point', doc: obj };
	if (isSummaryType(obj.elastic_type)) return fromSummary(obj, text, lineNo, problems);
	const shape = unwrap(obj, text, lineNo, problems);
	if (!shape) return null;
	const { name, payload } = shape;
	if (!isCdrEventName(name)) {
		problems.add({
			code: PROBLEM_CODES.unknownEvent,
			severity: 'warning',
			line: lineNo,
			message: `Line ${lineNo} has an event "${name}" this version doesn't know; it was kept as a generic event with all its fields.`
		});
		return { kind: 'unknown', name, payload };
	}
	return validate(name, payload, text, lineNo, problems);
}

function fromSummary(
	doc: Record<string, unknown>,
	text: string,
	lineNo: number,
	problems: ProblemLog
): CdrLineResult {
	const like = summaryEvents(doc);
	if (like.length === 0) {
		problems.add({
			code: PROBLEM_CODES.missingField,
			severity: 'error',
			line: lineNo,
			message: `Line ${lineNo} is an OpenVidu Pro ${String(doc.elastic_type)} without the ids and times it needs (sessionId, connectionId or id, createdAt or startTime); the line was skipped.`,
			excerpt: excerpt(text)
		});
		return null;
	}
	const extra: Record<string, unknown> = { elastic_type: doc.elastic_type };
	if (typeof doc.uniqueSessionId === 'string') extra.uniqueSessionId = doc.uniqueSessionId;
	const events: { event: CdrEvent; extra: Record<string, unknown> | undefined }[] = [];
	for (const { name, payload } of like) {
		const result = validate(name, payload, text, lineNo, problems);
		if (result?.kind === 'event') events.push({ event: result.event, extra: { ...extra, ...(result.extra ?? {}) } });
	}
	return events.length > 0 ? { kind: 'events', events } : null;
}

function unwrap(
	obj: Record<string, unknown>,
	text: string,
	lineNo: number,
	problems: ProblemLog
): { name: string; payload: Record<string, unknown> } | null {
	if (typeof obj.event === 'string') {
		const payload: Record<string, unknown> = {};
		for (const key in obj) if (!ENVELOPE_KEYS.has(key)) payload[key] = obj[key];
		return { name: obj.event, payload };
	}
	if (obj.elastic_type === 'webrtcStats') return { name: 'webrtcStats', payload: obj };
	// The CDR's own shape, nearly every line: one key holding an object (found without key arrays).
	const name = soleKey(obj);
	if (name !== null && isPlainObject(obj[name])) return { name, payload: obj[name] as Record<string, unknown> };
	const keys = Object.keys(obj);
	const objectKeys = keys.filter((k) => isPlainObject(obj[k]));
	if (objectKeys.length > 1 && objectKeys.length === keys.length) {
		problems.add({
			code: PROBLEM_CODES.multipleEventKeys,
			severity: 'error',
			line: lineNo,
			message: `Line ${lineNo} has ${keys.length} event keys (${keys.join(', ')}); a CDR line holds exactly one event, so the line was skipped.`,
			excerpt: excerpt(text)
		});
		return null;
	}
	problems.add({
		code: PROBLEM_CODES.notAnObject,
		severity: 'error',
		line: lineNo,
		message:
			keys.length === 0
				? `Line ${lineNo} is an empty JSON object; the line was skipped.`
				: `Line ${lineNo} is not a CDR event: expected {"eventName": {…}} or a webhook {"event": "…", …}; the line was skipped.`,
		excerpt: excerpt(text)
	});
	return null;
}

/** Each schema compiled once (util/fast-parse.ts): valid lines skip valibot's bookkeeping. */
const FAST_PARSE = Object.fromEntries(
	Object.entries(CDR_SCHEMAS).map(([name, schema]) => [name, compileFastParse(schema)])
) as Record<CdrEventName, FastParse | null>;

function validate(
	name: CdrEventName,
	raw: Record<string, unknown>,
	text: string,
	lineNo: number,
	problems: ProblemLog
): CdrLineResult {
	const timed = normalizeTimes(name, normalizeLegacyFields(raw), text, lineNo, problems);
	if (!timed) return null;
	const fast = FAST_PARSE[name]?.(timed) ?? INVALID;
	if (fast !== INVALID) return { kind: 'event', event: { name, payload: fast } as CdrEvent, extra: undefined };
	// Not valid as it is: valibot says which fields are wrong, and a bad optional one is dropped
	// from a copy, never from the line's own object.
	const payload = timed === raw ? { ...raw } : timed;
	const required = REQUIRED_KEYS[name];
	const schema = CDR_SCHEMAS[name];
	const dropped: Record<string, unknown> = {};
	// Each pass either succeeds or removes at least one bad optional field, so this ends.
	for (let pass = 0; pass < 64; pass++) {
		const result = v.safeParse(schema, payload);
		if (result.success) {
			return {
				kind: 'event',
				event: { name, payload: result.output } as CdrEvent,
				extra: Object.keys(dropped).length > 0 ? { invalid: dropped } : undefined
			};
		}
		const badKeys = new Set<string>();
		for (const issue of result.issues) {
			const key = issue.path?.[0]?.key;
			const field = typeof key === 'string' ? key : '(event)';
			if (field === '(event)' || required.has(field)) {
				problems.add(requiredProblem(name, field, payload, issue, text, lineNo));
				return null;
			}
			badKeys.add(field);
		}
		for (const field of badKeys) {
			problems.add({
				code: PROBLEM_CODES.wrongType,
				severity: 'warning',
				line: lineNo,
				message: `Line ${lineNo}: ${name}.${field} ${describeValue(payload[field])} is not what OpenVidu writes there; the event was kept without that field.`
			});
			dropped[field] = payload[field];
			delete payload[field];
		}
	}
	return null;
}

/**
 * Historic field names mapped onto the current ones:
 * - `connectionId` (2.16+ webhooks) → `participantId`;
 * - numeric ids (e.g. a session named 897 written as a number) → strings;
 * - a numeric-string `timestamp` → number.
 * Copy on write: `raw` itself when nothing changes (nearly every line), else a changed copy, so
 * the line's own object is never changed (an Elasticsearch summary's events share one).
 */
function normalizeLegacyFields(raw: Record<string, unknown>): Record<string, unknown> {
	// The test first, the copy only when needed: this runs on every line.
	if (
		!(raw.participantId === undefined && typeof raw.connectionId === 'string') &&
		typeof raw.sessionId !== 'number' &&
		typeof raw.participantId !== 'number' &&
		typeof raw.id !== 'number' &&
		typeof raw.timestamp !== 'string'
	)
		return raw;
	const payload = { ...raw };
	if (raw.participantId === undefined && typeof raw.connectionId === 'string') payload.participantId = raw.connectionId;
	for (const key of ['sessionId', 'participantId', 'id'] as const) {
		if (typeof payload[key] === 'number') payload[key] = String(payload[key]);
	}
	if (typeof payload.timestamp === 'string' && /^\d{9,16}$/.test(payload.timestamp)) payload.timestamp = Number(payload.timestamp);
	return payload;
}

/** OpenVidu's epoch-ms fields (schema.ts); `duration` is seconds and is left alone. */
const TIME_FIELDS = ['timestamp', 'startTime'] as const;

/**
 * Times written in seconds, µs or ns are converted to ms (a warning per line); a time no unit
 * places between 2000 and 2100 skips the line (util/epoch.ts).
 * @returns the payload (a copy when a time was converted, as {@link normalizeLegacyFields}), null when the line is skipped.
 */
function normalizeTimes(name: string, given: Record<string, unknown>, text: string, lineNo: number, problems: ProblemLog): Record<string, unknown> | null {
	let payload = given;
	for (const field of TIME_FIELDS) {
		const value = payload[field];
		if (typeof value !== 'number') continue;
		const time = toEpochMs(value);
		if (!time) {
			problems.add({
				code: PROBLEM_CODES.timeOutOfRange,
				severity: 'error',
				line: lineNo,
				message: `Line ${lineNo}: ${name}.${field} ${value} is not a time between 2000 and 2100 in ms, s, µs or ns; the line was skipped.`,
				excerpt: excerpt(text)
			});
			return null;
		}
		if (time.unit === 'ms') continue;
		problems.add({
			code: PROBLEM_CODES.timeUnit,
			severity: 'warning',
			line: lineNo,
			message: `Line ${lineNo}: ${name}.${field} ${value} is in ${time.unit}, not the ms OpenVidu writes; it was read as ${new Date(time.ms).toISOString()}.`
		});
		if (payload === given) payload = { ...given };
		payload[field] = time.ms;
	}
	return payload;
}

function requiredProblem(
	name: string,
	field: string,
	payload: Record<string, unknown>,
	issue: v.BaseIssue<unknown>,
	text: string,
	lineNo: number
): Problem {
	const missing = field !== '(event)' && payload[field] === undefined;
	return {
		code: missing ? PROBLEM_CODES.missingField : PROBLEM_CODES.wrongType,
		severity: 'error',
		line: lineNo,
		message: missing
			? `Line ${lineNo}: ${name} has no "${field}", which every ${name} needs; the line was skipped.`
			: `Line ${lineNo}: ${name}.${field} ${describeValue(payload[field])} — ${issue.message}; the line was skipped.`,
		excerpt: excerpt(text)
	};
}

function invalidJson(text: string, lineNo: number, error: unknown, isLast: boolean): Problem {
	const reason = error instanceof Error ? error.message : String(error);
	if (isLast) {
		return {
			code: PROBLEM_CODES.truncatedLine,
			severity: 'error',
			line: lineNo,
			message: `The last line (${lineNo}) is cut off (no line end and not complete JSON: ${reason}); it was skipped, every line before it was imported.`,
			excerpt: excerpt(text)
		};
	}
	return {
		code: PROBLEM_CODES.invalidJson,
		severity: 'error',
		line: lineNo,
		message: `Line ${lineNo} is not valid JSON (${reason}); the line was skipped.`,
		excerpt: excerpt(text)
	};
}

function describeValue(value: unknown): string {
	if (value === undefined) return '(missing)';
	const json = JSON.stringify(value);
	return `= ${json.length > 60 ? `${json.slice(0, 60)}…` : json}`;
}

/** The object's one key, or null when it has none or several. */
function soleKey(obj: Record<string, unknown>): string | null {
	let only: string | null = null;
	for (const key in obj) {
		if (only !== null) return null;
		only = key;
	}
	return only;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
