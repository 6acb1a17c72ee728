import type { MetricName } from '../formats/webrtc-stats/types.js';
import type { SeriesOverview } from '../model/quality.js';

export type { MetricOverview, SeriesOverview } from '../model/quality.js';

/**
 * A level-of-detail copy of a long series, so a chart of a million samples draws at once: per
 * metric, the samples are cut into at most `buckets` runs and each run keeps its minimum and its
 * maximum, in time order (M4-style: the line drawn at chart width is the same as the full one's,
 * spikes included). A run with no valid sample keeps one NaN, so gaps stay gaps.
 * Zooming in reads the full-resolution chunks of the visible range.
 */
export const OVERVIEW_BUCKETS = 2048;

/** Streams shorter than this are always read at full resolution. */
export const OVERVIEW_MIN_POINTS = 8 * OVERVIEW_BUCKETS;

export function buildOverview(
	t: Float64Array,
	cols: Partial<Record<MetricName, Float32Array>>,
	buckets = OVERVIEW_BUCKETS
): SeriesOverview {
	const n = t.length;
	const size = Math.max(1, Math.ceil(n / buckets));
	const out: SeriesOverview = {};
	for (const [metric, values] of Object.entries(cols) as [MetricName, Float32Array][]) {
		const ts: number[] = [];
		const vs: number[] = [];
		for (let from = 0; from < n; from += size) {
			const to = Math.min(n, from + size);
			let minI = -1;
			let maxI = -1;
			for (let i = from; i < to; i++) {
				const v = values[i] as number;
				if (!Number.isFinite(v)) continue;
				if (minI < 0 || v < (values[minI] as number)) minI = i;
				if (maxI < 0 || v > (values[maxI] as number)) maxI = i;
			}
			if (minI < 0) {
				ts.push(t[from] as number);
				vs.push(Number.NaN);
				continue;
			}
			const first = Math.min(minI, maxI);
			const second = Math.max(minI, maxI);
			ts.push(t[first] as number);
			vs.push(values[first] as number);
			if (second !== first) {
				ts.push(t[second] as number);
				vs.push(values[second] as number);
			}
		}
		out[metric] = { t: Float64Array.from(ts), v: Float32Array.from(vs) };
	}
	return out;
}
