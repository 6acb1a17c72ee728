import { JSONParser, TokenType } from '@streamparser/json';
import { PROBLEM_CODES } from '../../model/problems.js';
import { ByteLineIndex } from '../byte-lines.js';
import { PcStats, type StatValue } from '../webrtc-stats/collector.js';
import { deriveStreams } from '../webrtc-stats/derive.js';
import type { DocumentParser, ParseContext, ParseSink } from '../types.js';
import { emitDump, type DumpPc, type GumEntry, type LogEntry } from './emit.js';
import { splitStatsKey } from './keys.js';
import { spreadTimes } from './time.js';

/**
 * Reads a chrome://webrtc-internals dump as a stream (@streamparser/json): only the stats
 * properties rtcscope uses are kept, each peer connection's series become derived quality
 * streams as soon as the connection's stats end, and a dump cut off mid-file keeps every complete
 * entry before the cut. Layouts: Chrome 86-era (no `statsType`, local-time update log, JS-ish
 * `rtcConfiguration`) and current (`statsType`, `timestamp` series, numeric update-log times).
 * Every entry keeps the line of the file it starts on (dumps are pretty-printed JSON).
 */

interface RawSeries {
	/** JSON text of the sample array, as Chrome writes it; or the array itself (hand-edited dumps). */
	values: string | StatValue[];
	startTime: string;
	endTime: string;
}

const PATHS = [
	'$.PeerConnections.*.stats.*',
	'$.PeerConnections.*.updateLog.*',
	'$.PeerConnections.*.url',
	'$.getUserMedia.*',
	'$.UserAgent'
];

export function createWebrtcInternalsParser(ctx: ParseContext, sink: ParseSink): DocumentParser {
	const pcs = new Map<string, DumpPc>();
	let userAgent: string | null = null;
	const getUserMedia: GumEntry[] = [];
	let current: { pcId: string; raw: Map<string, Map<string, RawSeries>> } | null = null;
	let badSeries = 0;
	let arraySeries = 0;
	let failed: string | null = null;
	let chars = 0;
	const lines = new ByteLineIndex();
	// Where the value just completed started (UTF-8 byte offset), from the tokenizer's tokens.
	const opened: number[] = [];
	let valueStart = 0;

	const info = (pcId: string): DumpPc => {
		let pc = pcs.get(pcId);
		if (!pc) {
			pc = {
				pcId,
				url: null,
				updateLog: [],
				streams: [],
				firstStatsAt: Infinity,
				lastStatsAt: -Infinity,
				line: 0
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
		pc.stats = stats;
		current = null;
	};

	const parser = new JSONParser({ paths: PATHS, keepStack: false });
	parser.onToken = ({ token, offset }) => {
		if (token === TokenType.LEFT_BRACE || token === TokenType.LEFT_BRACKET) opened.push(offset);
		else if (token === TokenType.RIGHT_BRACE || token === TokenType.RIGHT_BRACKET)
			valueStart = opened.pop() ?? offset;
		else valueStart = offset;
	};
	parser.onValue = ({ value, key, stack }) => {
		const path = stack.map((s) => s.key);
		const line = () => lines.lineAt(valueStart);
		if (path.length === 4 && path[1] === 'PeerConnections' && path[3] === 'stats') {
			const pcId = String(path[2]);
			if (current?.pcId !== pcId) {
				finishPc();
				current = { pcId, raw: new Map() };
				const pc = info(pcId);
				if (!pc.line) pc.line = line();
			}
			const split = typeof key === 'string' ? splitStatsKey(key) : null;
			const entry = value as Partial<RawSeries & { statsType: string }> | null;
			if (!split || !entry) return;
			if (Array.isArray(entry.values)) arraySeries++;
			else if (typeof entry.values !== 'string') return;
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
					values: [entry.statsType],
					startTime: String(entry.startTime),
					endTime: String(entry.startTime)
				});
			}
			return;
		}
		if (path.length === 4 && path[1] === 'PeerConnections' && path[3] === 'updateLog') {
			const pc = info(String(path[2]));
			if (value && typeof value === 'object' && !Array.isArray(value))
				pc.updateLog.push({ ...(value as Omit<LogEntry, 'line'>), line: line() });
			return;
		}
		if (path.length === 3 && path[1] === 'PeerConnections') {
			const pc = info(String(path[2]));
			if (!pc.line) pc.line = line();
			if (key === 'url' && typeof value === 'string') pc.url = value;
			return;
		}
		if (path.length === 2 && path[1] === 'getUserMedia') {
			if (value && typeof value === 'object' && !Array.isArray(value))
				getUserMedia.push({ entry: value as Record<string, unknown>, line: line() });
			return;
		}
		if (path.length === 1 && key === 'UserAgent' && typeof value === 'string') userAgent = value;
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
			lines.push(text);
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
			reportShape();
			emitDump({ pcs: [...pcs.values()], userAgent, getUserMedia }, ctx, sink, derive);
		}
	};

	function derive(pc: DumpPc, screenTrackIds: ReadonlySet<string>) {
		return pc.stats
			? deriveStreams(pc.stats, { screenTrackIds, chromeTruncation: true })
			: [];
	}

	function reportShape(): void {
		if (failed) {
			ctx.problems.add({
				code: PROBLEM_CODES.truncatedLine,
				severity: 'error',
				line: lines.lineAt(Infinity),
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
		if (arraySeries > 0) {
			ctx.problems.add({
				code: PROBLEM_CODES.wrongType,
				severity: 'warning',
				message: `${arraySeries.toLocaleString('en')} stats series hold their "values" as a JSON array rather than the text Chrome writes (the dump was edited or re-saved); they were read as they are.`
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
	'iceState',
	'dtlsState',
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

function parseValues(values: string | StatValue[]): StatValue[] | null {
	if (Array.isArray(values)) return values;
	try {
		const parsed: unknown = JSON.parse(values);
		return Array.isArray(parsed) ? (parsed as StatValue[]) : null;
	} catch {
		return null;
	}
}
