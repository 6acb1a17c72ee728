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
 * Reads a chrome://webrtc-internals dump as a stream (@streamparser/json): every stats series is
 * kept (dump forensics charts any field; Chrome's computed `[…]` series are counted and
 * dropped), each peer connection's series are collected as soon as the connection's stats end,
 * and a dump cut off mid-file keeps every complete entry before the cut. Layouts: Chrome 86-era (no `statsType`, local-time update log, JS-ish
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
	'$.PeerConnections.*.rtcConfiguration',
	'$.PeerConnections.*.constraints',
	'$.getUserMedia.*',
	'$.UserAgent'
];

export function createWebrtcInternalsParser(ctx: ParseContext, sink: ParseSink): DocumentParser {
	const pcs = new Map<string, DumpPc>();
	let userAgent: string | null = null;
	const getUserMedia: GumEntry[] = [];
	/** The connection being read; `computed` counts Chrome's `[…]` series, which rtcscope recomputes. */
	let current: { pcId: string; raw: Map<string, Map<string, RawSeries>>; computed: number } | null = null;
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
			const stampValues = stamps ? parseValues(stamps.values, 'timestamp') : null;
			const stampTimes = stampValues ? stampValues.map((v) => Number(v)) : null;
			for (const [prop, series] of props) {
				const values = parseValues(series.values, prop);
				if (!values) {
					badSeries++;
					continue;
				}
				const start = Date.parse(series.startTime);
				const end = Date.parse(series.endTime);
				// A series that began after the object's first sample holds its last samples: it
				// shares the object's timestamps from the end (Chrome appends to every series at once).
				const times =
					stampTimes && stamps && stamps.endTime === series.endTime && values.length <= stampTimes.length
						? values.length === stampTimes.length
							? stampTimes
							: stampTimes.slice(stampTimes.length - values.length)
						: spreadTimes(start, end, values.length);
				if (Number.isFinite(start)) pc.firstStatsAt = Math.min(pc.firstStatsAt, start);
				if (Number.isFinite(end)) pc.lastStatsAt = Math.max(pc.lastStatsAt, end);
				stats.addSeries(id, prop, times, values);
			}
		}
		stats.computedDropped = current.computed;
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
				current = { pcId, raw: new Map(), computed: 0 };
				const pc = info(pcId);
				if (!pc.line) pc.line = line();
			}
			const split = typeof key === 'string' ? splitStatsKey(key) : null;
			const entry = value as Partial<RawSeries & { statsType: string }> | null;
			if (!split || !entry) return;
			if (Array.isArray(entry.values)) arraySeries++;
			else if (typeof entry.values !== 'string') return;
			if (split.prop.startsWith('[')) {
				current.computed++;
				return;
			}
			let props = current.raw.get(split.id);
			if (!props) current.raw.set(split.id, (props = new Map()));
			props.set(split.prop, {
				values: entry.values,
				startTime: String(entry.startTime),
				endTime: String(entry.endTime)
			});
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
			if (key === 'rtcConfiguration') pc.configuration = value;
			if (key === 'constraints') pc.constraints = value;
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

/**
 * A series' samples. ICE priorities are 64-bit integers a double rounds: their digits are kept
 * as text, as the dump writes them.
 */
function parseValues(values: string | StatValue[], prop: string): StatValue[] | null {
	if (Array.isArray(values)) return values;
	if (prop === 'priority') {
		const text = values.trim();
		if (!text.startsWith('[') || !text.endsWith(']')) return null;
		return text.slice(1, -1).split(',').map((x) => x.trim()).filter((x) => x.length > 0);
	}
	try {
		const parsed: unknown = JSON.parse(values);
		return Array.isArray(parsed) ? (parsed as StatValue[]) : null;
	} catch {
		return null;
	}
}
