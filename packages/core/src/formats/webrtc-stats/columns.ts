import type { StatsFieldInfo, StatsObjectInfo } from '../../model/pc-detail.js';
import type { PcStats, PropSeries, StatsObject, StatValue } from './collector.js';

/**
 * Turns a connection's collected stats (every field of every object, collector.ts) into the
 * columnar form dump forensics stores: per object one time column, a Float64 column per numeric
 * field (NaN where a sample lacks it) and runs for text fields, plus the catalogue the field
 * picker lists (which fields are constant or all zero, which only grow).
 *
 * A field is numeric when every value it has is a number or numeric text (legacy `goog*` stats
 * write numbers as text); booleans and everything else are text. `priority` is always text: ICE
 * priorities are 64-bit integers that a double rounds, and the dump's digits are what a reader
 * compares (webrtc-stats §candidate-pair `priority`).
 */

/** One object's columns, before it gets its storage keys. */
export interface ObjectColumns {
	objectId: string;
	t: Float64Array;
	numbers: Record<string, Float64Array>;
	texts: Record<string, { at: Float64Array; v: string[] }>;
}

/** Fields kept as text whatever they hold. */
const ALWAYS_TEXT = new Set(['priority', 'ssrc', 'id', 'foundation', 'port', 'payloadType']);

/** Identification fields: they name an object in the picker and are never charted. */
const IDENTIFYING = ['kind', 'mediaType', 'ssrc', 'mid', 'rid'] as const;

export function buildColumns(stats: PcStats): { infos: StatsObjectInfo[]; columns: ObjectColumns[] } {
	const infos: StatsObjectInfo[] = [];
	const columns: ObjectColumns[] = [];
	for (const object of stats.objects.values()) {
		const built = objectColumns(object);
		if (!built) continue;
		columns.push(built.columns);
		infos.push(built.info);
	}
	return { infos, columns };
}

function objectColumns(object: StatsObject): { info: StatsObjectInfo; columns: ObjectColumns } | null {
	const series = [...object.props.entries()].filter(([name]) => name !== 'timestamp' && name !== 'id');
	const t = objectTimes(object);
	if (t.length === 0) return null;
	const numbers: ObjectColumns['numbers'] = {};
	const texts: ObjectColumns['texts'] = {};
	const fields: StatsFieldInfo[] = [];
	for (const [name, s] of series) {
		const numeric = !ALWAYS_TEXT.has(name) && isNumeric(s.v);
		if (numeric) {
			const column = new Float64Array(t.length).fill(Number.NaN);
			placeNumbers(t, s, column);
			numbers[name] = column;
			fields.push(numberInfo(name, column));
		} else {
			const runs = textRuns(s);
			if (runs.v.length === 0) continue;
			texts[name] = runs;
			fields.push({
				name,
				kind: 'text',
				samples: s.v.filter((v) => v !== null && v !== undefined && v !== '').length,
				constant: runs.v.length === 1,
				allZero: false,
				last: runs.v[runs.v.length - 1] ?? null
			});
		}
	}
	fields.sort((a, b) => a.name.localeCompare(b.name));
	const ids = Object.fromEntries(IDENTIFYING.map((k) => [k, lastText(object.props.get(k))])) as Record<
		(typeof IDENTIFYING)[number],
		string | null
	>;
	return {
		columns: { objectId: object.id, t, numbers, texts },
		info: {
			id: object.id,
			type: object.type,
			kind: ids.kind ?? ids.mediaType,
			ssrc: ids.ssrc,
			mid: ids.mid,
			rid: ids.rid,
			samples: t.length,
			firstAt: t[0] as number,
			lastAt: t[t.length - 1] as number,
			fields
		}
	};
}

/** The object's sample times: the union of its fields' times (usually one shared series). */
function objectTimes(object: StatsObject): Float64Array {
	let longest: number[] = [];
	for (const s of object.props.values()) if (s.t.length > longest.length) longest = s.t;
	const covered = [...object.props.values()].every((s) => s.t.every((x) => indexOf(longest, x) >= 0));
	if (covered) return Float64Array.from(longest);
	const all = new Set<number>();
	for (const s of object.props.values()) for (const x of s.t) if (Number.isFinite(x)) all.add(x);
	return Float64Array.from([...all].sort((a, b) => a - b));
}

function placeNumbers(t: Float64Array, s: PropSeries, out: Float64Array): void {
	let j = 0;
	for (let i = 0; i < s.t.length; i++) {
		const at = s.t[i] as number;
		while (j < t.length && (t[j] as number) < at) j++;
		if (j >= t.length) break;
		if (t[j] === at) out[j] = toNumber(s.v[i]);
	}
}

function numberInfo(name: string, column: Float64Array): StatsFieldInfo {
	let samples = 0;
	let first = Number.NaN;
	let last = Number.NaN;
	let allZero = true;
	let constant = true;
	let monotonic = true;
	for (const v of column) {
		if (Number.isNaN(v)) continue;
		if (samples === 0) first = v;
		else {
			if (v !== first) constant = false;
			if (v < last) monotonic = false;
		}
		if (v !== 0) allZero = false;
		last = v;
		samples++;
	}
	return {
		name,
		kind: 'number',
		samples,
		constant,
		allZero: samples > 0 && allZero,
		last: samples > 0 ? last : null,
		monotonic: samples > 1 && monotonic && !constant
	};
}

function isNumeric(values: readonly StatValue[]): boolean {
	let any = false;
	for (const v of values) {
		if (v === null || v === undefined || v === '') continue;
		if (typeof v === 'number') any = true;
		else if (typeof v === 'string' && NUMERIC_TEXT.test(v)) any = true;
		else return false;
	}
	return any;
}

const NUMERIC_TEXT = /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function toNumber(v: StatValue | undefined): number {
	if (typeof v === 'number') return v;
	if (typeof v === 'string' && v !== '') return Number(v);
	return Number.NaN;
}

function textOf(v: StatValue | undefined): string | null {
	if (v === null || v === undefined || v === '') return null;
	if (typeof v === 'string') return v;
	// rtcstats writes some fields as objects (`qualityLimitationDurations`): kept as their JSON.
	return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** Runs of equal values: a new run starts where the value changes (empty samples are skipped). */
function textRuns(s: PropSeries): { at: Float64Array; v: string[] } {
	const at: number[] = [];
	const v: string[] = [];
	for (let i = 0; i < s.v.length; i++) {
		const text = textOf(s.v[i]);
		if (text === null) continue;
		if (v.length > 0 && v[v.length - 1] === text) continue;
		at.push(s.t[i] as number);
		v.push(text);
	}
	return { at: Float64Array.from(at), v };
}

function lastText(s: PropSeries | undefined): string | null {
	if (!s) return null;
	for (let i = s.v.length - 1; i >= 0; i--) {
		const text = textOf(s.v[i]);
		if (text !== null) return text;
	}
	return null;
}

function indexOf(sorted: readonly number[], x: number): number {
	let lo = 0;
	let hi = sorted.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		const v = sorted[mid] as number;
		if (v === x) return mid;
		if (v < x) lo = mid + 1;
		else hi = mid - 1;
	}
	return -1;
}

/** The text value of a field at the end of its runs (the last reported), or null. */
export function lastRunValue(columns: ObjectColumns | undefined, field: string): string | null {
	const runs = columns?.texts[field];
	return runs ? (runs.v[runs.v.length - 1] ?? null) : null;
}

/** The last non-NaN value of a numeric field, or null. */
export function lastNumberValue(columns: ObjectColumns | undefined, field: string): number | null {
	const column = columns?.numbers[field];
	if (!column) return null;
	for (let i = column.length - 1; i >= 0; i--) if (!Number.isNaN(column[i])) return column[i] as number;
	return null;
}
