import { JSONParser } from '@streamparser/json';
import { PROBLEM_CODES } from '../../model/problems.js';
import { PcStats, type StatValue } from '../webrtc-stats/collector.js';
import { deriveStreams } from '../webrtc-stats/derive.js';
import {
	connectionEvent,
	dumpSession,
	emitStreams,
	isConnectedState,
	webrtcEvent
} from '../webrtc-stats/session.js';
import type { DerivedStream } from '../webrtc-stats/types.js';
import { platformFromUserAgent } from '../webrtc-stats/user-agent.js';
import type { DocumentParser, ParseContext, ParseSink } from '../types.js';
import { splitStatsKey } from './keys.js';
import { localOffsetMs, parseLocaleTimeAsUtc, spreadTimes } from './time.js';

/**
 * Reads a chrome://webrtc-internals dump as a stream (@streamparser/json): only the stats
 * properties rtcscope uses are kept, each peer connection's series become derived quality
 * streams as soon as the connection's stats end, and a dump cut off mid-file keeps every complete
 * entry before the cut. Layouts: Chrome 86-era (no `statsType`, local-time update log, JS-ish
 * `rtcConfiguration`) and current (`statsType`, `timestamp` series, numeric update-log times).
 */

interface RawSeries {
	values: string;
	startTime: string;
	endTime: string;
}

interface UpdateLogEntry {
	time?: unknown;
	timestamp?: unknown;
	type?: unknown;
	value?: unknown;
}

interface PcInfo {
	pcId: string;
	url: string | null;
	updateLog: UpdateLogEntry[];
	streams: DerivedStream[];
	firstStatsAt: number;
	lastStatsAt: number;
}

const PATHS = [
	'$.PeerConnections.*.stats.*',
	'$.PeerConnections.*.updateLog',
	'$.PeerConnections.*.url',
	'$.getUserMedia',
	'$.UserAgent'
];

export function createWebrtcInternalsParser(ctx: ParseContext, sink: ParseSink): DocumentParser {
	const session = dumpSession(`dump-${ctx.importId.slice(0, 12)}`);
	const pcs = new Map<string, PcInfo>();
	let userAgent: string | null = null;
	let getUserMedia: Record<string, unknown>[] = [];
	let current: { pcId: string; raw: Map<string, Map<string, RawSeries>> } | null = null;
	let badSeries = 0;
	let failed: string | null = null;
	let chars = 0;

	const info = (pcId: string): PcInfo => {
		let pc = pcs.get(pcId);
		if (!pc) {
			pc = {
				pcId,
				url: null,
				updateLog: [],
				streams: [],
				firstStatsAt: Infinity,
				lastStatsAt: -Infinity
			};
			pcs.set(pcId, pc);
		}
		return pc;
	};

	const finishPc = () => {
		if (!current) return;
		const pc = info(current.pcId);
		const stats = new PcStats(current.pcId);
		for (const [id, props] of current.raw) {
			const stamps = props.get('timestamp');
			const stampValues = stamps ? parseValues(stamps.values) : null;
			for (const [prop, series] of props) {
				const values = parseValues(series.values);
				if (!values) {
					badSeries++;
					continue;
				}
				const start = Date.parse(series.startTime);
				const end = Date.parse(series.endTime);
				const times =
					stampValues &&
					stamps &&
					stampValues.length === values.length &&
					stamps.endTime === series.endTime
						? stampValues.map((v) => Number(v))
						: spreadTimes(start, end, values.length);
				if (Number.isFinite(start)) pc.firstStatsAt = Math.min(pc.firstStatsAt, start);
				if (Number.isFinite(end)) pc.lastStatsAt = Math.max(pc.lastStatsAt, end);
				stats.addSeries(id, prop, times, values);
			}
		}
		pc.streams = deriveStreams(stats, {
			screenTrackIds: screenTracks(getUserMedia),
			chromeTruncation: true
		});
		current = null;
	};

	const parser = new JSONParser({ paths: PATHS, keepStack: false });
	parser.onValue = ({ value, key, stack }) => {
		const path = stack.map((s) => s.key);
		if (path.length === 4 && path[1] === 'PeerConnections' && path[3] === 'stats') {
			const pcId = String(path[2]);
			if (current?.pcId !== pcId) {
				finishPc();
				current = { pcId, raw: new Map() };
			}
			const split = typeof key === 'string' ? splitStatsKey(key) : null;
			const entry = value as Partial<RawSeries & { statsType: string }> | null;
			if (!split || !entry || typeof entry.values !== 'string') return;
			// Only what a metric needs, plus the type: everything else is never parsed.
			if (
				split.prop !== 'timestamp' &&
				split.prop !== 'type' &&
				!KEEP.has(split.prop) &&
				!entry.statsType
			)
				return;
			let props = current.raw.get(split.id);
			if (!props) current.raw.set(split.id, (props = new Map()));
			if (KEEP.has(split.prop) || split.prop === 'timestamp') {
				props.set(split.prop, {
					values: entry.values,
					startTime: String(entry.startTime),
					endTime: String(entry.endTime)
				});
			}
			if (entry.statsType && !props.has('type')) {
				props.set('type', {
					values: JSON.stringify([entry.statsType]),
					startTime: String(entry.startTime),
					endTime: String(entry.startTime)
				});
			}
			return;
		}
		if (path.length === 3 && path[1] === 'PeerConnections') {
			const pc = info(String(path[2]));
			if (key === 'updateLog' && Array.isArray(value)) pc.updateLog = value as UpdateLogEntry[];
			if (key === 'url' && typeof value === 'string') pc.url = value;
			return;
		}
		if (path.length === 1) {
			if (key === 'UserAgent' && typeof value === 'string') userAgent = value;
			if (key === 'getUserMedia' && Array.isArray(value))
				getUserMedia = value as Record<string, unknown>[];
		}
	};
	let complete = false;
	let trailing = false;
	parser.onEnd = () => {
		complete = true;
	};
	parser.onError = (error: Error) => {
		failed ??= error.message;
	};

	return {
		push(text: string) {
			if (failed) return;
			if (complete) {
				// The parser stops at the end of the root object; only whitespace may follow.
				if (text.trim()) trailing = true;
				return;
			}
			chars += text.length;
			try {
				parser.write(text);
			} catch (error) {
				failed ??= error instanceof Error ? error.message : String(error);
			}
		},
		end() {
			if (!failed && !complete) {
				try {
					parser.end();
				} catch (error) {
					failed ??= error instanceof Error ? error.message : String(error);
				}
			}
			finishPc();
			if (failed) {
				ctx.problems.add({
					code: PROBLEM_CODES.truncatedLine,
					severity: 'error',
					message: `The dump stops being valid JSON after about ${chars.toLocaleString('en')} characters (${failed}): it looks cut off. Every complete stats series and log entry before that point was imported.`
				});
			}
			if (trailing) {
				ctx.problems.add({
					code: PROBLEM_CODES.invalidJson,
					severity: 'warning',
					message: 'Text follows the end of the dump’s JSON object; it was ignored.'
				});
			}
			if (badSeries > 0) {
				ctx.problems.add({
					code: PROBLEM_CODES.invalidJson,
					severity: 'warning',
					message: `${badSeries.toLocaleString('en')} stats series had a "values" text that is not a JSON array; they were skipped.`
				});
			}
			emitAll();
		}
	};

	function emitAll(): void {
		const platform = platformFromUserAgent(userAgent);
		const statsStart = Math.min(...[...pcs.values()].map((p) => p.firstStatsAt));
		const offset = localLogOffset([...pcs.values()], statsStart);
		if (offset !== null && offset !== 0) {
			ctx.problems.add({
				code: PROBLEM_CODES.suspiciousValue,
				severity: 'warning',
				message: `The update log records local times without a time zone; they were shifted by ${offset > 0 ? '−' : '+'}${formatOffset(Math.abs(offset))} to line up with the stats, which are UTC.`
			});
		}
		let line = 0;
		for (const pc of pcs.values()) {
			const times = pc.updateLog.map((e) => logTime(e, offset ?? 0));
			const firstLog = times.find((t) => Number.isFinite(t));
			const start = Math.min(firstLog ?? Infinity, pc.firstStatsAt);
			if (!Number.isFinite(start)) continue;
			sink.record(
				connectionEvent(session, {
					at: start,
					pcId: pc.pcId,
					phase: 'start',
					platform,
					url: pc.url,
					line: ++line
				})
			);
			pc.updateLog.forEach((entry, i) => {
				const at = times[i] as number;
				if (!Number.isFinite(at) || typeof entry.type !== 'string') return;
				sink.record(
					webrtcEvent(session, {
						at,
						type: entry.type,
						pcId: pc.pcId,
						value: entry.value,
						line: ++line
					})
				);
				if (
					entry.type === 'close' ||
					(entry.type === 'onconnectionstatechange' && String(entry.value).includes('closed'))
				) {
					sink.record(
						connectionEvent(session, {
							at,
							pcId: pc.pcId,
							phase: 'end',
							line: ++line,
							reason: 'closed'
						})
					);
				}
			});
			const connectedIndex = pc.updateLog.findIndex(
				(entry, i) =>
					typeof entry.type === 'string' &&
					Number.isFinite(times[i]) &&
					isConnectedState(entry.type, entry.value)
			);
			emitStreams(sink, session, pc.streams, ++line, pc.url, {
				startAt: start,
				connectedAt: connectedIndex >= 0 ? (times[connectedIndex] as number) : null,
				platform
			});
		}
		const fallbackAt = Number.isFinite(statsStart) ? statsStart : null;
		for (const entry of getUserMedia) {
			const at = typeof entry.timestamp === 'number' ? entry.timestamp : fallbackAt;
			if (at === null) continue;
			const type = typeof entry.request_type === 'string' ? entry.request_type : 'getUserMedia';
			const result = entry.error
				? `${type}OnFailure`
				: entry.stream_id || entry.video_track_info || entry.audio_track_info
					? `${type}OnSuccess`
					: type;
			const { pid: _pid, rid: _rid, request_id: _req, ...rest } = entry;
			sink.record(webrtcEvent(session, { at, type: result, value: rest, line: ++line }));
		}
		if (pcs.size === 0 && getUserMedia.length === 0) {
			ctx.problems.add({
				code: PROBLEM_CODES.emptyFile,
				severity: 'warning',
				message:
					'The dump holds no peer connection and no getUserMedia call (it was taken with no call running): there is nothing to inspect.'
			});
		}
	}
}

/** Properties any metric reads (the collector drops the rest anyway; this skips parsing them). */
const KEEP = new Set<string>([
	'kind',
	'mediaType',
	'ssrc',
	'mid',
	'trackIdentifier',
	'mediaSourceId',
	'contentType',
	'codecId',
	'mimeType',
	'localId',
	'remoteId',
	'bytesSent',
	'bytesReceived',
	'packetsSent',
	'packetsReceived',
	'packetsLost',
	'fractionLost',
	'jitter',
	'roundTripTime',
	'currentRoundTripTime',
	'availableOutgoingBitrate',
	'framesPerSecond',
	'framesEncoded',
	'framesDecoded',
	'frameWidth',
	'frameHeight',
	'freezeCount',
	'totalFreezesDuration',
	'concealmentEvents',
	'concealedSamples',
	'totalSamplesReceived',
	'qualityLimitationReason',
	'state',
	'nominated',
	'selected',
	'localCandidateId',
	'remoteCandidateId',
	'selectedCandidatePairId',
	'candidateType',
	'protocol',
	'relayProtocol',
	'networkType',
	'address',
	'ip',
	'port',
	'isRemote',
	'googRtt',
	'googJitterReceived',
	'googFrameRateSent',
	'googFrameRateReceived',
	'googFrameWidthSent',
	'googFrameHeightSent',
	'googFrameWidthReceived',
	'googFrameHeightReceived',
	'googAvailableSendBandwidth',
	'googActiveConnection',
	'googCodecName',
	'googContentType'
]);

function parseValues(text: string): StatValue[] | null {
	try {
		const parsed: unknown = JSON.parse(text);
		return Array.isArray(parsed) ? (parsed as StatValue[]) : null;
	} catch {
		return null;
	}
}

function logTime(entry: UpdateLogEntry, offset: number): number {
	if (typeof entry.timestamp === 'number') return entry.timestamp;
	if (typeof entry.time === 'string') return parseLocaleTimeAsUtc(entry.time) - offset;
	return Number.NaN;
}

/** The zone offset of zone-less update-log times, or null when the log has numeric times. */
function localLogOffset(pcs: PcInfo[], statsStart: number): number | null {
	if (!Number.isFinite(statsStart)) return null;
	for (const pc of pcs) {
		for (const entry of pc.updateLog) {
			if (typeof entry.timestamp === 'number') return null;
			if (typeof entry.time === 'string') {
				const local = parseLocaleTimeAsUtc(entry.time);
				if (Number.isFinite(local))
					return localOffsetMs(local, Math.min(statsStart, pc.firstStatsAt));
			}
		}
	}
	return null;
}

function formatOffset(ms: number): string {
	const minutes = Math.round(ms / 60_000);
	return minutes % 60 === 0
		? `${minutes / 60} h`
		: `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** Video tracks captured with getDisplayMedia (their outbound streams are screen shares). */
function screenTracks(entries: Record<string, unknown>[]): Set<string> {
	const ids = new Set<string>();
	for (const entry of entries) {
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
