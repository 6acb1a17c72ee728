import { PROBLEM_CODES } from '../../model/problems.js';
import { cyrb53 } from '../../util/hash.js';
import type { PcStats } from '../webrtc-stats/collector.js';
import { PcLifecycle } from '../webrtc-stats/lifecycle.js';
import {
	connectionEvent,
	dumpSession,
	emitStreams,
	pageName,
	sendersBySsrc,
	tabOf,
	webrtcEvent,
	type DumpIdentity
} from '../webrtc-stats/session.js';
import type { DerivedStream } from '../webrtc-stats/types.js';
import { platformFromUserAgent } from '../webrtc-stats/user-agent.js';
import type { ParseContext, ParseSink } from '../types.js';
import { readLogTimes, type LogTimes } from './time.js';
import { collectDescriptions, configurationText } from '../webrtc-stats/descriptions.js';
import { buildForensics, type LoggedState } from '../webrtc-stats/forensics.js';
import { statsStateChanges } from '../webrtc-stats/stats-states.js';

/** One update-log entry as Chrome writes it, with the line it starts on. */
export interface LogEntry {
	time?: unknown;
	timestamp?: unknown;
	type?: unknown;
	value?: unknown;
	line: number;
}

/** One getUserMedia / getDisplayMedia entry of the dump's top-level list. */
export interface GumEntry {
	entry: Record<string, unknown>;
	line: number;
}

/** What the streaming reader collected about one peer connection. */
export interface DumpPc {
	pcId: string;
	url: string | null;
	updateLog: LogEntry[];
	streams: DerivedStream[];
	stats?: PcStats;
	/** `rtcConfiguration` and `constraints` as the dump writes them. */
	configuration?: unknown;
	constraints?: unknown;
	/** Stats span, UTC ms (±Infinity when the PC has no stats). */
	firstStatsAt: number;
	lastStatsAt: number;
	/** The first line of the file that mentions it. */
	line: number;
}

export interface CollectedDump {
	pcs: DumpPc[];
	userAgent: string | null;
	getUserMedia: GumEntry[];
}

/**
 * Turns a collected dump into the session's records: one connection per peer connection (its
 * creation, its one end from the lifecycle rules, every update-log entry), publications and
 * subscriptions from its RTP streams, the page's getUserMedia calls, and the quality streams.
 *
 * - The session id comes from what the dump says (its PCs, pages and first times), never from
 *   the file's bytes: the same dump plain and gzipped is one session.
 * - A connection's user is its browser tab (PC ids are `<renderer>-<n>`), named by the page.
 * - Locale update-log times are placed by the stats' own UTC times (time.ts), and the choice of
 *   offset and date order is reported.
 */
export function emitDump(
	dump: CollectedDump,
	ctx: ParseContext,
	sink: ParseSink,
	derive: (pc: DumpPc, screenTrackIds: ReadonlySet<string>) => DerivedStream[]
): void {
	const screens = screenTracks(dump.getUserMedia);
	for (const pc of dump.pcs) pc.streams = derive(pc, screens);
	const platform = platformFromUserAgent(dump.userAgent);
	const statsStart = Math.min(...dump.pcs.map((p) => p.firstStatsAt));
	const times = readLogTimes(
		dump.pcs.map((pc) => ({ entries: pc.updateLog, statsStart: pc.firstStatsAt })),
		statsStart
	);
	reportTimes(times, ctx);
	const session = dumpSession(`dump-${contentId(dump).toString(36)}`);
	const senderOf = sendersBySsrc(dump.pcs);
	const untimed: string[] = [];

	for (const [p, pc] of dump.pcs.entries()) {
		const at = times.perPc[p] as number[];
		const life = new PcLifecycle();
		if (Number.isFinite(pc.firstStatsAt)) life.seen(pc.firstStatsAt, pc.line);
		// The log's state changes and the transport's own states in the stats, in time order:
		// a DTLS or ICE failure the stats report counts even when the log does not say it.
		const logged: (LoggedState & { line: number })[] = [];
		pc.updateLog.forEach((entry, i) => {
			if (typeof entry.type === 'string')
				logged.push({ at: at[i] as number, type: entry.type, value: entry.value, line: entry.line });
			else life.seen(at[i] as number, entry.line);
		});
		const fromStats = pc.stats ? statsStateChanges(pc.stats).map((s) => ({ ...s, line: pc.line })) : [];
		for (const e of [...logged, ...fromStats].sort((a, b) => a.at - b.at)) life.event(e.at, e.type, e.value, e.line);
		if (Number.isFinite(pc.lastStatsAt)) life.seen(pc.lastStatsAt, pc.line);
		if (life.startAt === null) {
			untimed.push(pc.pcId);
			continue;
		}
		const identity = identityOf(pc);
		sink.record(
			connectionEvent(session, {
				at: life.startAt,
				pcId: pc.pcId,
				phase: 'start',
				platform,
				url: pc.url,
				line: pc.updateLog[0]?.line ?? pc.line,
				identity
			})
		);
		pc.updateLog.forEach((entry, i) => {
			const t = at[i] as number;
			if (!Number.isFinite(t) || typeof entry.type !== 'string') return;
			sink.record(
				webrtcEvent(session, { at: t, type: entry.type, pcId: pc.pcId, value: entry.value, line: entry.line })
			);
		});
		const end = life.end();
		if (end) {
			sink.record(
				connectionEvent(session, {
					at: end.at,
					pcId: pc.pcId,
					phase: 'end',
					line: end.line,
					reason: end.reason,
					identity
				})
			);
		}
		sink.pcDetail?.({
			session,
			forensics: buildForensics({
				pcId: pc.pcId,
				source: 'webrtc-internals',
				url: pc.url,
				configuration: configurationText(pc.configuration),
				descriptions: collectDescriptions(
					pc.updateLog.map((entry, i) => ({
						op: typeof entry.type === 'string' ? entry.type : '',
						value: entry.value,
						at: Number.isFinite(at[i]) ? (at[i] as number) : null,
						line: entry.line
					}))
				),
				stats: pc.stats,
				states: logged,
				endAt: end?.at ?? null
			})
		});
		emitStreams(
			sink,
			session,
			pc.streams,
			pc.line,
			pc.url,
			{ startAt: life.startAt, connectedAt: life.connectedAt, platform },
			senderOf
		);
	}
	emitGetUserMedia(dump.getUserMedia, session, sink, Number.isFinite(statsStart) ? statsStart : null);
	if (untimed.length > 0) {
		ctx.problems.add({
			code: PROBLEM_CODES.missingField,
			severity: 'warning',
			message: `${untimed.length} peer connection${untimed.length === 1 ? '' : 's'} (${untimed.slice(0, 6).join(', ')}${untimed.length > 6 ? ', …' : ''}) ${untimed.length === 1 ? 'is' : 'are'} in the dump with no stats and no update-log entry: nothing places ${untimed.length === 1 ? 'it' : 'them'} in time, so ${untimed.length === 1 ? 'it is' : 'they are'} not counted as connections.`
		});
	}
	if (dump.pcs.length === 0 && dump.getUserMedia.length === 0) {
		ctx.problems.add({
			code: PROBLEM_CODES.emptyFile,
			severity: 'warning',
			message:
				'The dump holds no peer connection and no getUserMedia call (it was taken with no call running): there is nothing to inspect.'
		});
	}
}

/** Who a PC belongs to: its tab (renderer), named by the page it was made on. */
function identityOf(pc: DumpPc): DumpIdentity {
	const page = pageName(pc.url) ?? 'unknown page';
	const tab = tabOf(pc.pcId);
	return {
		userId: tab ? `tab:${tab}` : `pc:${pc.pcId}`,
		userName: tab ? `${page} · tab ${tab}` : page,
		name: `${page} · PC ${pc.pcId}`
	};
}

/**
 * A content id for the dump: its peer connections, their pages and first times, and the
 * browser. Two captures of the same calls from one browser share it (and merge); nothing else does.
 */
function contentId(dump: CollectedDump): number {
	const pcs = dump.pcs.map((pc) => [
		pc.pcId,
		pc.url ?? '',
		Number.isFinite(pc.firstStatsAt) ? pc.firstStatsAt : null,
		pc.updateLog[0]?.timestamp ?? pc.updateLog[0]?.time ?? null
	]);
	const gum = dump.getUserMedia.slice(0, 4).map((g) => g.entry.timestamp ?? null);
	return cyrb53(JSON.stringify([dump.userAgent, pcs, gum]));
}

function reportTimes(times: LogTimes, ctx: ParseContext): void {
	for (const note of times.notes) {
		ctx.problems.add({ code: PROBLEM_CODES.suspiciousValue, severity: 'warning', message: note });
	}
}

function emitGetUserMedia(
	entries: GumEntry[],
	session: ReturnType<typeof dumpSession>,
	sink: ParseSink,
	fallbackAt: number | null
): void {
	for (const { entry, line } of entries) {
		const stamp = Number(entry.timestamp);
		const at = Number.isFinite(stamp) && stamp > 1e11 ? stamp : fallbackAt;
		if (at === null) continue;
		const type = typeof entry.request_type === 'string' ? entry.request_type : 'getUserMedia';
		const result = entry.error
			? `${type}OnFailure`
			: entry.stream_id || entry.video_track_info || entry.audio_track_info
				? `${type}OnSuccess`
				: type;
		const { pid: _pid, rid, request_id: request, ...rest } = entry;
		const requestId = request !== undefined && request !== null ? `${String(rid)}-${String(request)}` : undefined;
		sink.record(webrtcEvent(session, { at, type: result, value: rest, line, ...(requestId ? { requestId } : {}) }));
	}
}

/** Video tracks captured with getDisplayMedia (their outbound streams are screen shares). */
function screenTracks(entries: GumEntry[]): Set<string> {
	const ids = new Set<string>();
	for (const { entry } of entries) {
		if (entry.request_type !== 'getDisplayMedia' || typeof entry.video_track_info !== 'string')
			continue;
		try {
			const track = JSON.parse(entry.video_track_info) as { id?: unknown };
			if (typeof track.id === 'string') ids.add(track.id);
		} catch {
			// not JSON: no id to match
		}
	}
	return ids;
}
