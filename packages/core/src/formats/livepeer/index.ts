import type { Sniff } from '../types.js';
import { excerpt, PROBLEM_CODES, type ProblemLog } from '../../model/problems.js';
import { readJsonItems } from '../recordings/json-items.js';
import { wholeTextParser } from '../whole-text.js';
import type { DocumentFormat, DocumentParser, ParseContext, ParseSink } from '../types.js';
import { isHealthObject, toEventRow, toHealthRow } from './normalize.js';
import { looksLikeEventStream, readSseFrames } from './sse-frames.js';
import { INPUT_LABELS } from '../inputs.js';

/**
 * Livepeer Stream Health API captures (livepeer-stream-health.txt): health responses
 * (`/data/stream/{id}/health`, one object, an array or JSON Lines of polls) and events
 * (`/data/stream/{id}/events`: a saved `text/event-stream` body, or JSON / JSON Lines of the
 * event objects). Mixed files are fine: each object is routed by its shape.
 *
 * Files are read whole (a day of events is a few MB), up to MAX_CHARS.
 */
const MAX_CHARS = 64 * 1024 * 1024;

const EVENT_TYPE =
	/"type"\s*:\s*"(transcode|media_server_metrics|stream_state|stream_state_changes|webhook_event|stream_health_transition|multistream[a-z_.]*|task_[a-z_]+)"/;

export function detectLivepeer(sniff: Sniff): number {
	const text = sniff.text;
	if (looksLikeEventStream(text)) return /lp_event|"type"\s*:/.test(text) ? 0.9 : 0.6;
	const head = text.trimStart();
	if (!head.startsWith('{') && !head.startsWith('[')) return 0;
	if (
		/"conditions"\s*:\s*\[/.test(text) &&
		/"(healthy|lastProbeTime|TranscodeRealTime)"/.test(text)
	)
		return 0.9;
	if (/"healthy"\s*:\s*\{/.test(text) && /"lastProbeTime"/.test(text)) return 0.85;
	if (EVENT_TYPE.test(text) && /"timestamp"\s*:\s*\d/.test(text)) return 0.9;
	return 0;
}

export const livepeerFormat: DocumentFormat = {
	kind: 'document',
	id: 'livepeer',
	label: INPUT_LABELS['livepeer'],
	detect: detectLivepeer,
	createParser: createLivepeerParser
};

function createLivepeerParser(ctx: ParseContext, sink: ParseSink): DocumentParser {
	return wholeTextParser(
		ctx,
		{ maxChars: MAX_CHARS, what: 'Livepeer', splitHint: 'Split it between events.' },
		(text) => {
			const route = new Router(ctx, sink);
			if (looksLikeEventStream(text)) readEventStream(text, ctx.problems, route);
			else readJson(text, ctx.problems, route);
			route.finish();
		}
	);
}

/** Sends objects to the sink as events or health rows, once per id. */
class Router {
	private seen = new Set<string>();
	private duplicates = 0;
	private withoutId = 0;

	constructor(
		private readonly ctx: ParseContext,
		private readonly sink: ParseSink
	) {}

	object(value: unknown, line: number): void {
		const problems = this.ctx.problems;
		if (!value || typeof value !== 'object' || Array.isArray(value)) {
			problems.add({
				code: PROBLEM_CODES.notAnObject,
				severity: 'error',
				line,
				message: `Line ${line} is not a JSON object; it was skipped.`,
				excerpt: excerpt(JSON.stringify(value) ?? '')
			});
			return;
		}
		if (isHealthObject(value)) {
			const health = toHealthRow(value, { importId: this.ctx.importId, line });
			if (!health.ok) {
				problems.add({
					code: PROBLEM_CODES.missingField,
					severity: 'error',
					line,
					message: `Line ${line}: ${health.reason}; it was skipped.`,
					excerpt: excerpt(JSON.stringify(value))
				});
				return;
			}
			for (const w of health.warnings)
				problems.add({
					code: PROBLEM_CODES.missingField,
					severity: 'warning',
					line,
					message: `Line ${line}: ${w}.`
				});
			this.sink.health?.(health.row);
			return;
		}
		const event = toEventRow(value, { importId: this.ctx.importId, line });
		if (!event.ok) {
			problems.add({
				code: PROBLEM_CODES.unknownEvent,
				severity: 'error',
				line,
				message: `Line ${line} is ${event.reason}; it was skipped.`,
				excerpt: excerpt(JSON.stringify(value))
			});
			return;
		}
		if (event.row.id.startsWith('nid:')) this.withoutId++;
		if (this.seen.has(event.row.id)) {
			this.duplicates++;
			return;
		}
		this.seen.add(event.row.id);
		this.sink.livepeerEvent?.(event.row);
	}

	finish(): void {
		const problems = this.ctx.problems;
		if (this.withoutId > 0) {
			problems.add({
				code: PROBLEM_CODES.missingField,
				severity: 'warning',
				message: `${this.withoutId.toLocaleString('en')} event(s) have no id; each is kept under a hash of its content, so importing them again still adds nothing.`
			});
		}
		if (this.duplicates > 0) {
			problems.add({
				code: PROBLEM_CODES.duplicateRecord,
				severity: 'warning',
				message: `${this.duplicates.toLocaleString('en')} event(s) appear more than once (same id, as after an SSE reconnect); each is kept once.`
			});
		}
	}
}

function readEventStream(text: string, problems: ProblemLog, route: Router): void {
	let repaired = 0;
	let firstRepaired = 0;
	for (const frame of readSseFrames(text)) {
		for (const u of frame.unknownLines) {
			problems.add({
				code: PROBLEM_CODES.invalidJson,
				severity: 'warning',
				line: u.line,
				message: `Line ${u.line} is not an event-stream field (id:, event:, data:, retry:) and was ignored.`,
				excerpt: excerpt(u.text)
			});
		}
		if (frame.data === '') continue;
		if (frame.repaired) {
			repaired++;
			firstRepaired ||= frame.line;
		}
		let value: unknown;
		try {
			value = JSON.parse(frame.data);
		} catch (error) {
			problems.add({
				code: PROBLEM_CODES.invalidJson,
				severity: 'error',
				line: frame.line,
				message: `The frame at line ${frame.line} has data that is not JSON (${error instanceof Error ? error.message : String(error)}); it was skipped.`,
				excerpt: excerpt(frame.data)
			});
			continue;
		}
		// The SSE id is the event's id; an object without its own id takes the frame's.
		if (
			value &&
			typeof value === 'object' &&
			!Array.isArray(value) &&
			frame.id &&
			!(value as { id?: unknown }).id
		) {
			(value as { id?: string }).id = frame.id;
		}
		route.object(value, frame.line);
	}
	if (repaired > 0) {
		problems.add({
			code: PROBLEM_CODES.repairedFrame,
			severity: 'warning',
			line: firstRepaired,
			message: `${repaired.toLocaleString('en')} frame(s), the first at line ${firstRepaired}, had \`data:\` on one line and the JSON on the next (as in Livepeer's documentation); a standard SSE client reads those as empty, so the JSON line was taken as the data.`
		});
	}
}

function readJson(text: string, problems: ProblemLog, route: Router): void {
	const read = readJsonItems(text);
	for (const e of read.errors) {
		problems.add({
			code: PROBLEM_CODES.invalidJson,
			severity: 'error',
			line: e.line,
			message: `Line ${e.line} is ${e.message}; ${read.container === 'lines' ? 'the line was skipped' : 'nothing in the file could be read'}.`,
			excerpt: excerpt(e.excerpt)
		});
	}
	for (const item of read.items) route.object(item.value, item.line);
}
