import { alignSeries, samplingStep, type TimedValues } from './align.js';
import type { MetricView } from './quality.js';

/**
 * What one quality chart draws, computed away from the page (the query worker): the time axis
 * and its lines. Up to `maxLines` streams each get a line; beyond that the chart shows their
 * spread — per time of the grid the 10th percentile, the median and the 90th percentile of the
 * streams that have a value there — and the `worst` streams by mean as lines of their own
 * (highest loss, latency, jitter; lowest bitrate, frame rate, resolution).
 *
 * Line values follow uPlot: a number, `null` for a real gap (a NaN sample: no data, a counter
 * reset), `undefined` for an alignment hole (another stream sampled there), which uPlot bridges.
 */
export interface ChartLine {
	role: 'stream' | 'median' | 'p10' | 'p90';
	/** Index of the stream (in the request) a `stream` line draws. */
	stream: number | null;
	y: (number | null | undefined)[];
}

export interface MetricChartData {
	metric: MetricView['metric'];
	/** UTC seconds (uPlot's unit). */
	x: Float64Array;
	lines: ChartLine[];
	/** Streams that report this metric. */
	streams: number;
	/** True when the lines are the spread and the worst streams. */
	spread: boolean;
}

/** Metrics where a high value is the bad one (loss, latency, jitter). */
export const HIGH_IS_BAD: ReadonlySet<string> = new Set(['packetLossPct', 'rttMs', 'jitterMs']);

/**
 * @param series per stream, its samples of this metric (undefined: the stream does not report it).
 */
export function metricChartData(
	view: MetricView,
	series: readonly (TimedValues | undefined)[],
	options: { maxLines?: number; worst?: number } = {}
): MetricChartData {
	const maxLines = options.maxLines ?? 12;
	const present: { index: number; s: TimedValues }[] = [];
	series.forEach((s, index) => {
		if (s) present.push({ index, s: { ...s, scale: view.scale } });
	});
	if (present.length <= maxLines) {
		const aligned = alignSeries(present.map((p) => p.s));
		return {
			metric: view.metric,
			x: aligned.x,
			lines: aligned.ys.map((y, i) => ({ role: 'stream', stream: (present[i] as { index: number }).index, y })),
			streams: present.length,
			spread: false
		};
	}
	return spreadData(view, present, options.worst ?? 5);
}

/** Marks a grid cell a stream has no sample in (real gaps are NaN). */
const HOLE = Number.NEGATIVE_INFINITY;

function spreadData(view: MetricView, present: { index: number; s: TimedValues }[], worstCount: number): MetricChartData {
	const grid = samplingStep(present.map((p) => p.s)) || 1000;
	const { times, rowsOf } = gridRows(present.map((p) => p.s.t), grid);
	const rows = times.length;
	// One row per time, one column per stream: HOLE where the stream has no sample.
	const width = present.length;
	const matrix = new Float64Array(rows * width).fill(HOLE);
	const sums = new Float64Array(width);
	const counts = new Uint32Array(width);
	present.forEach(({ s }, k) => {
		const rowOf = rowsOf[k] as Int32Array;
		const scale = s.scale ?? 1;
		for (let i = 0; i < rowOf.length; i++) {
			const v = s.v[i] as number;
			const value = Number.isFinite(v) ? v * scale : Number.NaN;
			// A stream with two samples in one row keeps the later.
			matrix[(rowOf[i] as number) * width + k] = value;
			if (!Number.isNaN(value)) {
				sums[k] = (sums[k] as number) + value;
				counts[k] = (counts[k] as number) + 1;
			}
		}
	});
	const p10: (number | null)[] = new Array(rows);
	const median: (number | null)[] = new Array(rows);
	const p90: (number | null)[] = new Array(rows);
	const buffer = new Float64Array(width);
	for (let r = 0; r < rows; r++) {
		let n = 0;
		const base = r * width;
		for (let k = 0; k < width; k++) {
			const v = matrix[base + k] as number;
			if (v !== HOLE && !Number.isNaN(v)) buffer[n++] = v;
		}
		if (n === 0) {
			p10[r] = median[r] = p90[r] = null;
			continue;
		}
		const sorted = buffer.subarray(0, n).sort();
		p10[r] = quantile(sorted, 0.1);
		median[r] = quantile(sorted, 0.5);
		p90[r] = quantile(sorted, 0.9);
	}
	const high = HIGH_IS_BAD.has(view.metric);
	const ranked = [...Array(width).keys()]
		.filter((k) => (counts[k] as number) > 0)
		.sort((a, b) => {
			const ma = (sums[a] as number) / (counts[a] as number);
			const mb = (sums[b] as number) / (counts[b] as number);
			return high ? mb - ma : ma - mb;
		});
	const column = (k: number) =>
		Array.from({ length: rows }, (_, r) => {
			const v = matrix[r * width + k] as number;
			return v === HOLE ? undefined : Number.isNaN(v) ? null : v;
		});
	return {
		metric: view.metric,
		x: Float64Array.from(times, (t) => t / 1000),
		lines: [
			{ role: 'median', stream: null, y: median },
			{ role: 'p10', stream: null, y: p10 },
			{ role: 'p90', stream: null, y: p90 },
			...ranked.slice(0, worstCount).map((k): ChartLine => ({ role: 'stream', stream: (present[k] as { index: number }).index, y: column(k) }))
		],
		streams: ranked.length,
		spread: true
	};
}

/** Above this many grid cells between the first and last sample, rows are found by sorting. */
const MAX_BITMAP_CELLS = 4_000_000;

/**
 * The grid's rows (multiples of `grid` ms that any stream has a sample in) and, per stream, the
 * row of each of its samples. Cells are marked in a bitmap over [first, last] and ranked, so
 * hundreds of streams need no sort; the rows of one set of time arrays are kept for the next
 * chart of the same request (every metric of a stream shares its times).
 */
function gridRows(timeArrays: readonly Float64Array[], grid: number): { times: Float64Array; rowsOf: Int32Array[] } {
	const key = gridCache.get(timeArrays[0] as Float64Array);
	if (key && key.grid === grid && key.arrays.length === timeArrays.length && key.arrays.every((a, i) => a === timeArrays[i])) return key.result;
	let min = Infinity;
	let max = -Infinity;
	for (const t of timeArrays) {
		if (t.length === 0) continue;
		min = Math.min(min, Math.round((t[0] as number) / grid));
		max = Math.max(max, Math.round((t[t.length - 1] as number) / grid));
	}
	let result: { times: Float64Array; rowsOf: Int32Array[] };
	if (!Number.isFinite(min)) result = { times: new Float64Array(0), rowsOf: timeArrays.map(() => new Int32Array(0)) };
	else if (max - min + 1 <= MAX_BITMAP_CELLS) {
		const span = max - min + 1;
		const rank = new Int32Array(span).fill(-1);
		for (const t of timeArrays) for (let i = 0; i < t.length; i++) rank[Math.round((t[i] as number) / grid) - min] = 0;
		const times: number[] = [];
		for (let c = 0; c < span; c++) if (rank[c] === 0) rank[c] = times.push((c + min) * grid) - 1;
		result = {
			times: Float64Array.from(times),
			rowsOf: timeArrays.map((t) => Int32Array.from(t, (x) => rank[Math.round(x / grid) - min] as number))
		};
	} else {
		const cells = new Float64Array(timeArrays.reduce((n, t) => n + t.length, 0));
		let at = 0;
		for (const t of timeArrays) for (let i = 0; i < t.length; i++) cells[at++] = Math.round((t[i] as number) / grid) * grid;
		cells.sort();
		let rows = 0;
		for (let i = 0; i < cells.length; i++) if (i === 0 || cells[i] !== cells[rows - 1]) cells[rows++] = cells[i] as number;
		const times = cells.slice(0, rows);
		const rowOf = (x: number) => {
			let lo = 0;
			let hi = rows - 1;
			const c = Math.round(x / grid) * grid;
			while (lo < hi) {
				const mid = (lo + hi) >> 1;
				if ((times[mid] as number) < c) lo = mid + 1;
				else hi = mid;
			}
			return lo;
		};
		result = { times, rowsOf: timeArrays.map((t) => Int32Array.from(t, rowOf)) };
	}
	if (timeArrays[0]) gridCache.set(timeArrays[0], { grid, arrays: [...timeArrays], result });
	return result;
}

const gridCache = new WeakMap<Float64Array, { grid: number; arrays: Float64Array[]; result: { times: Float64Array; rowsOf: Int32Array[] } }>();

/** Linear interpolation between closest ranks (sorted input). */
function quantile(sorted: Float64Array, q: number): number {
	const pos = (sorted.length - 1) * q;
	const lo = Math.floor(pos);
	const hi = Math.ceil(pos);
	const a = sorted[lo] as number;
	const b = sorted[hi] as number;
	return a + (b - a) * (pos - lo);
}
