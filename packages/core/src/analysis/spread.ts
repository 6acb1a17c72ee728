import type { AlignedSeries } from './align.js';

/**
 * Many streams in one chart (an SFU subscriber receiving hundreds): one line each is unreadable
 * and slow, so the chart draws their spread instead — per time of the grid, the 10th percentile,
 * the median and the 90th percentile of the streams that have a value there — plus the few
 * worst streams as lines of their own, chosen by their mean (highest loss, latency, jitter;
 * lowest bitrate, frame rate, resolution).
 */
export interface Spread {
	p10: (number | null)[];
	median: (number | null)[];
	p90: (number | null)[];
	/** Indexes into `aligned.ys` of the worst streams, worst first. */
	worst: number[];
	/** How many streams had a value at some time. */
	streams: number;
}

export function spreadOf(aligned: AlignedSeries, higherIsWorse: boolean, worstCount = 5): Spread {
	const n = aligned.x.length;
	const p10: (number | null)[] = new Array(n);
	const median: (number | null)[] = new Array(n);
	const p90: (number | null)[] = new Array(n);
	const column: number[] = [];
	for (let i = 0; i < n; i++) {
		column.length = 0;
		for (const y of aligned.ys) {
			const v = y[i];
			if (typeof v === 'number') column.push(v);
		}
		if (column.length === 0) {
			p10[i] = median[i] = p90[i] = null;
			continue;
		}
		column.sort((a, b) => a - b);
		p10[i] = quantile(column, 0.1);
		median[i] = quantile(column, 0.5);
		p90[i] = quantile(column, 0.9);
	}
	const means = aligned.ys.map((y, index) => {
		let sum = 0;
		let count = 0;
		for (const v of y) {
			if (typeof v !== 'number') continue;
			sum += v;
			count++;
		}
		return { index, mean: count > 0 ? sum / count : Number.NaN };
	});
	const ranked = means.filter((m) => !Number.isNaN(m.mean)).sort((a, b) => (higherIsWorse ? b.mean - a.mean : a.mean - b.mean));
	return { p10, median, p90, worst: ranked.slice(0, worstCount).map((m) => m.index), streams: ranked.length };
}

/** Linear interpolation between closest ranks (sorted input). */
function quantile(sorted: readonly number[], q: number): number {
	const pos = (sorted.length - 1) * q;
	const lo = Math.floor(pos);
	const hi = Math.ceil(pos);
	const a = sorted[lo] as number;
	const b = sorted[hi] as number;
	return a + (b - a) * (pos - lo);
}
