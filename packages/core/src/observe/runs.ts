import type { BandRun } from '../model/pc-detail.js';

/**
 * Where a series breaks a threshold, in time: each sample stands for the interval that ends at
 * it (a rate between two getStats calls is drawn at the later one), so the time above a
 * threshold is the sum of those intervals. Gaps (NaN) break runs; an interval longer than
 * `maxStepMs` (a pause in the capture) counts as `maxStepMs`.
 */
export interface Breach {
	/** Time spent breaching, ms. */
	totalMs: number;
	/** Time covered by samples at all, ms. */
	coveredMs: number;
	samples: number;
	longest: { from: number; to: number } | null;
	peak: { at: number; value: number } | null;
	first: { from: number; to: number } | null;
}

export function breaches(
	t: Float64Array,
	v: ArrayLike<number>,
	test: (value: number) => boolean,
	worse: (a: number, b: number) => boolean,
	maxStepMs = 10_000
): Breach {
	let totalMs = 0;
	let coveredMs = 0;
	let samples = 0;
	let longest: Breach['longest'] = null;
	let first: Breach['first'] = null;
	let peak: Breach['peak'] = null;
	let run: { from: number; to: number } | null = null;
	const close = () => {
		if (run && (!longest || run.to - run.from > longest.to - longest.from)) longest = run;
		if (run && !first) first = run;
		run = null;
	};
	for (let i = 1; i < t.length; i++) {
		const value = v[i] as number;
		const start = t[i - 1] as number;
		const end = t[i] as number;
		const step = Math.min(end - start, maxStepMs);
		if (!Number.isFinite(value) || step <= 0) {
			close();
			continue;
		}
		coveredMs += step;
		if (!test(value)) {
			close();
			continue;
		}
		samples++;
		totalMs += step;
		if (!peak || worse(value, peak.value)) peak = { at: end, value };
		if (run && run.to === start) run.to = end;
		else {
			close();
			run = { from: end - step, to: end };
		}
	}
	close();
	return { totalMs, coveredMs, samples, longest, peak, first };
}

/** Time spent in each value of a band, and its longest run per value. */
export function bandTime(runs: readonly BandRun[]): Map<string, { totalMs: number; longest: BandRun }> {
	const out = new Map<string, { totalMs: number; longest: BandRun }>();
	for (const r of runs) {
		const d = Math.max(0, r.to - r.from);
		const entry = out.get(r.value);
		if (!entry) out.set(r.value, { totalMs: d, longest: r });
		else {
			entry.totalMs += d;
			if (d > entry.longest.to - entry.longest.from) entry.longest = r;
		}
	}
	return out;
}
