import { excerpt, PROBLEM_CODES } from '../../model/problems.js';
import { PcStats, type StatValue } from '../webrtc-stats/collector.js';
import { deriveStreams } from '../webrtc-stats/derive.js';
import {
	connectionEvent,
	dumpSession,
	emitStreams,
	isConnectedState,
	webrtcEvent
} from '../webrtc-stats/session.js';
import { platformFromUserAgent } from '../webrtc-stats/user-agent.js';
import type { LineParser, ParseContext, ParsedRecord, ParseSink, SessionRef } from '../types.js';
import { isGetStats, methodName } from './methods.js';
import { createServerDumpReader } from './server.js';

/**
 * Reads rtcstats dumps line by line (see detect.ts for the generations). getStats records are
 * delta-compressed against the previous report of the same peer connection (rtcstats
 * `deltaCompression`: unchanged properties are left out and a `timestamp` of 0 means "the
 * record's time"), so each peer connection keeps the full last report per stats object.
 */

interface PcState {
	stats: PcStats;
	reports: Map<string, Record<string, StatValue>>;
	started: boolean;
	url: string | null;
	/** UTC ms of `create` (or the first record), and of the first connected state. */
	startAt: number | null;
	connectedAt: number | null;
}

type Report = Record<string, StatValue>;

export function createRtcstatsParser(ctx: ParseContext): LineParser {
	let session: SessionRef = dumpSession(`dump-${ctx.importId.slice(0, 12)}`);
	let sessionFixed = false;
	let relativeTimes = false;
	let metadataStart = Number.NaN;
	let lastTime = Number.NaN;
	let platform: string | null = null;
	let pageUrl: string | null = null;
	let untimed = 0;
	const pcs = new Map<string, PcState>();
	const server = createServerDumpReader(
		ctx,
		() => session,
		(s) => {
			if (!sessionFixed) session = s;
		}
	);

	const pc = (pcId: string): PcState => {
		let state = pcs.get(pcId);
		if (!state) {
			state = {
				stats: new PcStats(pcId),
				reports: new Map(),
				started: false,
				url: null,
				startAt: null,
				connectedAt: null
			};
			pcs.set(pcId, state);
		}
		return state;
	};
	const useSession = (): SessionRef => {
		sessionFixed = true;
		return session;
	};

	return {
		parse(text, lineNo, problems, isLast) {
			if (text === 'RTCStatsDump') {
				relativeTimes = true;
				return null;
			}
			let json: unknown;
			try {
				json = JSON.parse(text);
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
				return null;
			}
			if (!Array.isArray(json)) {
				if (json && typeof json === 'object') {
					const obj = json as Record<string, unknown>;
					if ('fileFormat' in obj && lineNo <= 3) {
						relativeTimes = Number(obj.fileFormat) >= 3 || relativeTimes;
						if (typeof obj.startTime === 'number') metadataStart = obj.startTime;
						if (typeof obj.userAgent === 'string')
							platform ??= platformFromUserAgent(obj.userAgent);
						if (typeof obj.url === 'string') pageUrl ??= obj.url;
						return null;
					}
					if ('statsSessionId' in obj) return server.line(obj, lineNo, problems);
				}
				problems.add({
					code: PROBLEM_CODES.notAnObject,
					severity: 'error',
					line: lineNo,
					message: `Line ${lineNo} is not an rtcstats record ([method, peer connection, value, time]); the line was skipped.`,
					excerpt: excerpt(text)
				});
				return null;
			}
			const method = methodName(json[0]);
			if (!method) {
				problems.add({
					code: PROBLEM_CODES.wrongType,
					severity: 'error',
					line: lineNo,
					message: `Line ${lineNo} has no method name; the line was skipped.`,
					excerpt: excerpt(text)
				});
				return null;
			}
			const pcId = typeof json[1] === 'string' ? json[1] : null;
			let value: unknown = json[2];
			const at = recordTime(json, method);
			if (method === 'connectionInfo') {
				// A JSON string in some 2021 dumps; its time can be years after the call (re-headered
				// fixtures), so it sets the page and the session, not a time.
				if (typeof value === 'string') value = safeJson(value);
				readConnectionInfo(value);
				return null;
			}
			if (!Number.isFinite(at)) {
				untimed++;
				return null;
			}
			if (pcId) {
				const state = pc(pcId);
				state.startAt ??= at;
				if (state.connectedAt === null && isConnectedState(method, value)) state.connectedAt = at;
			}
			if (pcId && isGetStats(method)) {
				readStats(pc(pcId), value, at);
				return null;
			}
			if (method === 'create' && !pcId) {
				readPageInfo(value);
				return null;
			}
			if (pcId && method === 'create') {
				const state = pc(pcId);
				state.started = true;
				state.url = typeof json[3] === 'string' ? json[3] : pageUrl;
				return [
					connectionEvent(useSession(), {
						at,
						pcId,
						phase: 'start',
						platform,
						url: state.url,
						line: lineNo
					}),
					webrtcEvent(session, { at, type: 'create', pcId, value, line: lineNo })
				];
			}
			if (pcId && method === 'close') {
				return connectionEvent(useSession(), {
					at,
					pcId,
					phase: 'end',
					line: lineNo,
					reason: 'closed'
				});
			}
			if (method === 'identity' && value && typeof value === 'object') {
				readIdentity(value as Record<string, unknown>);
			}
			const records: ParsedRecord[] = [];
			if (pcId && !pc(pcId).started) {
				// Dumps that begin mid-call have no "create": the first record opens the connection.
				pc(pcId).started = true;
				records.push(
					connectionEvent(useSession(), {
						at,
						pcId,
						phase: 'start',
						platform,
						url: pageUrl,
						line: lineNo
					})
				);
			}
			records.push(
				webrtcEvent(useSession(), {
					at,
					type: method,
					...(pcId ? { pcId } : {}),
					value,
					line: lineNo
				})
			);
			return records;
		},

		finish(sink: ParseSink) {
			server.finish(sink);
			if (untimed > 0) {
				ctx.problems.add({
					code: PROBLEM_CODES.missingField,
					severity: 'warning',
					message: `${untimed.toLocaleString('en')} record${untimed === 1 ? ' has' : 's have'} no time (neither an epoch timestamp nor a delta) before the first timed one; ${untimed === 1 ? 'it was' : 'they were'} skipped.`
				});
			}
			for (const state of pcs.values()) {
				const streams = deriveStreams(state.stats);
				if (streams.length > 0 && !state.started) {
					const first = Math.min(...streams.map((s) => s.t[0] ?? Infinity));
					if (Number.isFinite(first)) {
						sink.record(
							connectionEvent(useSession(), {
								at: first,
								pcId: state.stats.pcId,
								phase: 'start',
								platform,
								url: pageUrl,
								line: 0
							})
						);
					}
				}
				const firstSample = Math.min(...streams.map((s) => s.t[0] ?? Infinity));
				const startAt = state.startAt ?? (Number.isFinite(firstSample) ? firstSample : null);
				emitStreams(
					sink,
					useSession(),
					streams,
					0,
					state.url ?? pageUrl,
					startAt === null ? undefined : { startAt, connectedAt: state.connectedAt, platform }
				);
			}
		}
	};

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
			if (method !== 'connectionInfo') lastTime = t;
			return t;
		}
		return lastTime;
	}

	function readConnectionInfo(info: unknown): void {
		if (!info || typeof info !== 'object') return;
		const o = info as Record<string, unknown>;
		if (typeof o.userAgent === 'string') platform ??= platformFromUserAgent(o.userAgent);
		if (typeof o.url === 'string') pageUrl ??= o.url;
		const path = typeof o.path === 'string' ? o.path.split('?')[0]?.replace(/^\/+|\/+$/g, '') : '';
		if (path && !sessionFixed) session = dumpSession(`room-${path.toLowerCase()}`);
	}

	function readPageInfo(info: unknown): void {
		if (!info || typeof info !== 'object') return;
		const brands = (
			info as {
				userAgentData?: { brands?: { brand: string; version: string }[]; platform?: string };
			}
		).userAgentData;
		const brand =
			brands?.brands?.find((b) => !/Not.?A.?Brand|Chromium/.test(b.brand)) ?? brands?.brands?.[0];
		if (brand)
			platform ??= `${brand.brand === 'Google Chrome' ? 'Chrome' : brand.brand} ${brand.version}${brands?.platform ? ` on ${brands.platform}` : ''}`;
	}

	function readIdentity(identity: Record<string, unknown>): void {
		const conference = identity.confName ?? identity.conferenceName ?? identity.roomName;
		if (typeof conference === 'string' && conference && !sessionFixed)
			session = dumpSession(`room-${conference.toLowerCase()}`);
	}

	function readStats(state: PcState, payload: unknown, at: number): void {
		if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return;
		for (const [id, delta] of Object.entries(payload as Record<string, unknown>)) {
			if (id === 'timestamp' || !delta || typeof delta !== 'object') continue;
			const report: Report = { ...(state.reports.get(id) ?? {}), ...(delta as Report) };
			state.reports.set(id, report);
			const stamp = (delta as Report).timestamp;
			const t = typeof stamp === 'number' && stamp > 1e11 ? stamp : at;
			if (typeof report.type === 'string') state.stats.setType(id, report.type);
			for (const [prop, v] of Object.entries(report)) {
				if (prop !== 'timestamp' && prop !== 'id' && prop !== 'type')
					state.stats.add(id, prop, t, v);
			}
		}
	}
}

function safeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return null;
	}
}
