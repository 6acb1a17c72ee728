import { sessionScope } from '../../model/ids.js';
import { excerpt, PROBLEM_CODES, type ProblemLog } from '../../model/problems.js';
import { dumpSession, webrtcEvent } from '../webrtc-stats/session.js';
import { platformFromUserAgent } from '../webrtc-stats/user-agent.js';
import type { LineParser, ParseContext, ParsedRecord, ParseSink, SessionRef } from '../types.js';
import { cyrb53 } from '../../util/hash.js';
import { RtcstatsClient } from './client.js';
import { isGetStats, methodName } from './methods.js';
import { createServerDumpReader } from './server.js';

/**
 * Reads rtcstats dumps line by line (see detect.ts for the generations). getStats records are
 * delta-compressed against the previous report of the same peer connection (rtcstats
 * `deltaCompression`: unchanged properties are left out, a `timestamp` of 0 means "the
 * record's time", an object left out was removed), so each peer connection keeps the full last
 * report per stats object (client.ts).
 *
 * The session is the Jitsi room when the file names it (`connectionInfo` path, a server dump's
 * `identity`), else an id made from the text of the file's first lines — so the same dump plain
 * and gzipped is one session. Records wait (a few lines at most) until that is decided.
 */

/** The session is decided after this many non-empty lines (or at the end of a shorter file). */
const IDENTITY_LINES = 3;

/** rtcstats-server writes this line when the client's socket dropped and the client reconnected. */
const DISCONNECT_MARKER = '--disconnect--';

const PENDING: SessionRef = dumpSession('(pending)');

/**
 * A record dated this much before both neighbours was put there afterwards. (rtcstats clients
 * flush a buffer when their socket opens, so runs of records arrive out of order; a lone one is
 * an edit — the Jitsi fixture `chrome-standard-pc-failed` appends a "failed" state at the end.)
 */
const OUT_OF_ORDER_MS = 10_000;

export function createRtcstatsParser(ctx: ParseContext): LineParser {
	let session: SessionRef | null = null;
	let room: SessionRef | null = null;
	const firstLines: string[] = [];
	let pending: ParsedRecord[] = [];
	let relativeTimes = false;
	let metadataStart = Number.NaN;
	let lastTime = Number.NaN;
	let untimed = 0;
	let currentLine = 0;
	/** Line and time of every record with its own epoch time, flat ([line, t, line, t, …]). */
	const timeline: number[] = [];
	const client = new RtcstatsClient();
	const server = createServerDumpReader(
		ctx,
		() => session ?? PENDING,
		(s) => {
			room ??= s;
		}
	);

	const decide = (): SessionRef => {
		if (session) return session;
		client.identify(firstLines);
		session = room ?? dumpSession(`dump-${cyrb53(firstLines.join('\n')).toString(36)}`);
		for (const r of pending) place(r, session);
		return session;
	};
	/** Records go out once the session is known; until then they wait. */
	const out = (records: ParsedRecord[]): ParsedRecord[] => {
		if (session) {
			for (const r of records) place(r, session);
			return records;
		}
		pending.push(...records);
		if (firstLines.length < IDENTITY_LINES) return [];
		decide();
		const all = pending;
		pending = [];
		return all;
	};

	return {
		parse(text, lineNo, problems, isLast) {
			currentLine = lineNo;
			if (firstLines.length < IDENTITY_LINES) firstLines.push(text.trim());
			return out(readLine(text, lineNo, problems, isLast));
		},
		finish(sink: ParseSink) {
			const s = decide();
			for (const r of pending) sink.record(r);
			pending = [];
			server.finish(sink);
			client.finish(sink, s);
			report();
		}
	};

	function readLine(
		text: string,
		lineNo: number,
		problems: ProblemLog,
		isLast: boolean
	): ParsedRecord[] {
		const trimmed = text.trim();
		if (trimmed === 'RTCStatsDump') {
			relativeTimes = true;
			return [];
		}
		if (trimmed === DISCONNECT_MARKER) {
			if (!Number.isFinite(lastTime)) return [];
			const marker = webrtcEvent(PENDING, {
				at: lastTime,
				type: 'rtcstatsReconnect',
				value:
					'The client’s connection to the stats server dropped here and was re-established (rtcstats-server’s “--disconnect--” line); the records go on after it.',
				line: lineNo
			});
			marker.event.severity = 'warning';
			return [marker];
		}
		let json: unknown;
		try {
			json = JSON.parse(exactPriorities(text));
		} catch (error) {
			problems.add({
				code: isLast ? PROBLEM_CODES.truncatedLine : PROBLEM_CODES.invalidJson,
				severity: 'error',
				line: lineNo,
				message: isLast
					? `The last line (${lineNo}) is cut off; every line before it was imported.`
					: `Line ${lineNo} is not valid JSON (${error instanceof Error ? error.message : String(error)}); the line was skipped.`,
				excerpt: excerpt(text)
			});
			return [];
		}
		if (!Array.isArray(json)) return readObject(json, text, lineNo, problems);
		const method = methodName(json[0]);
		if (!method) {
			problems.add({
				code: PROBLEM_CODES.wrongType,
				severity: 'error',
				line: lineNo,
				message: `Line ${lineNo} has no method name; the line was skipped.`,
				excerpt: excerpt(text)
			});
			return [];
		}
		// getUserMedia belongs to the page; Chrome's own export files it under a `<tab>-0` id.
		const pcId =
			typeof json[1] === 'string' && !method.startsWith('navigator.mediaDevices.') ? json[1] : null;
		let value: unknown = json[2];
		const at = recordTime(json, method);
		if (method === 'connectionInfo') {
			// A JSON string in some 2021 dumps; its time can be years after the call (re-headered
			// fixtures), so it sets the page and the session, not a time.
			if (typeof value === 'string') value = safeJson(value);
			readConnectionInfo(value);
			return [];
		}
		if (isGetStats(method) && (!pcId || value === undefined || value === null)) {
			problems.add({
				code: PROBLEM_CODES.missingField,
				severity: 'warning',
				line: lineNo,
				message: `Line ${lineNo} is a ${method} record without ${pcId ? 'a report' : 'a peer connection'}; it holds no sample and was skipped.`,
				excerpt: excerpt(text)
			});
			return [];
		}
		if (!Number.isFinite(at)) {
			untimed++;
			return [];
		}
		if (pcId && isGetStats(method)) {
			client.readStats(client.pc(pcId, lineNo), value, at, lineNo);
			return [];
		}
		if (method === 'create' && !pcId) {
			readPageInfo(value);
			return [];
		}
		if (method === 'identity' && value && typeof value === 'object') {
			readIdentity(value as Record<string, unknown>);
		}
		if (pcId) {
			const state = client.pc(pcId, lineNo);
			if (method === 'create') {
				state.createdAt ??= at;
				state.createdLine = lineNo;
				state.url = typeof json[3] === 'string' ? json[3] : client.pageUrl;
			}
			client.logged(state, method, value, at, lineNo);
		}
		// getUserMedia and its result carry the request's id after the value (rtcstats 3.x and 4).
		const requestId = /getUserMedia|getDisplayMedia/.test(method) && typeof json[3] === 'string' ? json[3] : undefined;
		return [
			webrtcEvent(PENDING, {
				at,
				type: method,
				...(pcId ? { pcId } : {}),
				value,
				line: lineNo,
				...(requestId ? { requestId } : {})
			})
		];
	}

	function readObject(
		json: unknown,
		text: string,
		lineNo: number,
		problems: ProblemLog
	): ParsedRecord[] {
		if (json && typeof json === 'object') {
			const obj = json as Record<string, unknown>;
			if ('fileFormat' in obj && lineNo <= 3) {
				relativeTimes = Number(obj.fileFormat) >= 3 || relativeTimes;
				if (typeof obj.startTime === 'number') metadataStart = obj.startTime;
				if (typeof obj.userAgent === 'string')
					client.platform ??= platformFromUserAgent(obj.userAgent);
				if (typeof obj.url === 'string') client.pageUrl ??= obj.url;
				return [];
			}
			if ('statsSessionId' in obj) {
				const record = server.line(obj, lineNo, problems);
				return record ? [record] : [];
			}
		}
		problems.add({
			code: PROBLEM_CODES.notAnObject,
			severity: 'error',
			line: lineNo,
			message: `Line ${lineNo} is not an rtcstats record ([method, peer connection, value, time]); the line was skipped.`,
			excerpt: excerpt(text)
		});
		return [];
	}

	function report(): void {
		if (untimed > 0) {
			ctx.problems.add({
				code: PROBLEM_CODES.missingField,
				severity: 'warning',
				message: `${untimed.toLocaleString('en')} record${untimed === 1 ? ' has' : 's have'} no time (neither an epoch timestamp nor a delta) before the first timed one; ${untimed === 1 ? 'it was' : 'they were'} skipped.`
			});
		}
		const backwards = loneBackwards(timeline);
		if (backwards.first) {
			const { line, earlierMs } = backwards.first;
			ctx.problems.add({
				code: PROBLEM_CODES.suspiciousValue,
				severity: 'warning',
				line,
				message: `${backwards.count === 1 ? `Line ${line} is` : `${backwards.count.toLocaleString('en')} records (the first on line ${line}) are`} dated ${backwards.count === 1 ? `${(earlierMs / 1000).toFixed(1)} s ` : ''}before the records around ${backwards.count === 1 ? 'it' : 'them'}: written out of order or added later. Each is placed at its own time.`
			});
		}
		const untyped = [...client.pcs.entries()].filter(([, s]) => s.untyped > 0);
		for (const [pcId, state] of untyped) {
			ctx.problems.add({
				code: PROBLEM_CODES.missingField,
				severity: 'warning',
				line: state.createdLine,
				message: `Peer connection ${pcId}: ${state.untyped} stats object${state.untyped === 1 ? '' : 's'} first appear as a change without their type (the file starts after their first full report); ${state.untypedLeft === 0 ? 'each one’s type, kind and SSRC were read from its Chrome stats id' : `the type was read from the Chrome stats id or the fields of ${state.untyped - state.untypedLeft}; ${state.untypedLeft} that show neither were left out of the charts`}, and the samples before the file's start are missing.`
			});
		}
	}

	/**
	 * The time of a record: 3.x writes epoch ms after the value (a 5th element is a sequence
	 * number); file format 3 writes epoch ms on the first record and ms since the previous one
	 * after that. A record with no time gets the previous record's time.
	 */
	function recordTime(record: unknown[], method: string): number {
		if (relativeTimes) {
			const last = record[record.length - 1];
			if (record.length < 4 || typeof last !== 'number') return lastTime;
			if (!Number.isFinite(lastTime))
				lastTime = last > 1e11 ? last : (Number.isFinite(metadataStart) ? metadataStart : 0) + last;
			else lastTime += last;
			return lastTime;
		}
		// Usually the 4th element; records with an extra argument (a URL, a request id) move it.
		const t = record.slice(3).find((x): x is number => typeof x === 'number' && x > 1e11);
		if (t !== undefined) {
			if (method !== 'connectionInfo') {
				timeline.push(currentLine, t);
				lastTime = t;
			}
			return t;
		}
		return lastTime;
	}

	function readConnectionInfo(info: unknown): void {
		if (!info || typeof info !== 'object') return;
		const o = info as Record<string, unknown>;
		if (typeof o.userAgent === 'string') client.platform ??= platformFromUserAgent(o.userAgent);
		if (typeof o.url === 'string') client.pageUrl ??= o.url;
		const path = typeof o.path === 'string' ? o.path.split('?')[0]?.replace(/^\/+|\/+$/g, '') : '';
		if (path) room ??= dumpSession(`room-${path.toLowerCase()}`);
	}

	function readPageInfo(info: unknown): void {
		if (!info || typeof info !== 'object') return;
		const brands = (
			info as {
				userAgentData?: { brands?: { brand: string; version: string }[]; platform?: string };
			}
		).userAgentData;
		const brand =
			brands?.brands?.find((b) => !/Not.?A.?Brand|Chromium/i.test(b.brand)) ?? brands?.brands?.[0];
		if (brand)
			client.platform ??= `${brand.brand === 'Google Chrome' ? 'Chrome' : brand.brand} ${brand.version}${brands?.platform ? ` on ${brands.platform}` : ''}`;
	}

	function readIdentity(identity: Record<string, unknown>): void {
		if (typeof identity.displayName === 'string' && identity.displayName.trim())
			client.displayName ??= identity.displayName.trim().slice(0, 80);
		const conference = identity.confName ?? identity.conferenceName ?? identity.roomName;
		if (typeof conference === 'string' && conference)
			room ??= dumpSession(`room-${conference.toLowerCase()}`);
	}
}

/** Records dated well before both the record before and the one after them (see OUT_OF_ORDER_MS). */
function loneBackwards(timeline: readonly number[]): {
	count: number;
	first: { line: number; earlierMs: number } | null;
} {
	let count = 0;
	let first: { line: number; earlierMs: number } | null = null;
	for (let i = 2; i < timeline.length; i += 2) {
		const t = timeline[i + 1] as number;
		const before = timeline[i - 1] as number;
		const after = i + 3 < timeline.length ? (timeline[i + 3] as number) : Infinity;
		if (t < before - OUT_OF_ORDER_MS && after > t + OUT_OF_ORDER_MS) {
			count++;
			first ??= { line: timeline[i] as number, earlierMs: before - t };
		}
	}
	return { count, first };
}

/** Points a record at the decided session. */
function place(record: ParsedRecord, session: SessionRef): void {
	if (record.session && record.session !== PENDING) return;
	record.session = session;
	record.scope = sessionScope(session.key);
}

function safeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return null;
	}
}

/**
 * ICE priorities are 64-bit integers (webrtc-stats `candidate-pair.priority`) that JSON.parse
 * rounds to a double: written as text before parsing, they keep the digits the file holds.
 */
function exactPriorities(text: string): string {
	return text.includes('"priority":') ? text.replace(/"priority":(\d{16,})/g, '"priority":"$1"') : text;
}
