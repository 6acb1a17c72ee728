/**
 * Puts several series with their own sample times on one time axis, as uPlot draws them:
 * `x` in UTC seconds (uPlot's unit), one value array per series where `null` is a real gap
 * (a NaN sample: no data, a counter reset) and `undefined` is an alignment artifact (another
 * series sampled there), which uPlot bridges. So a gap stays a gap and never becomes a line.
 */
export interface AlignedSeries {
	x: Float64Array;
	ys: (number | null | undefined)[][];
}

export interface TimedValues {
	/** UTC ms, ascending. */
	t: Float64Array;
	v: Float32Array | Float64Array;
	/** Multiplies every value (units: bps → kbps is 0.001). */
	scale?: number;
}

/**
 * @param gridMs several series are put on one time grid of this step (UTC ms, multiples of it),
 *   so streams sampled a few ms apart share a row instead of making one row each (a table of two
 *   streams would repeat every second). Default: the finest sampling step of the series, rounded
 *   to 100 ms. A series with two samples in one cell keeps the later. 0: raw times.
 */
export function alignSeries(
	series: readonly TimedValues[],
	fromMs = -Infinity,
	toMs = Infinity,
	gridMs?: number
): AlignedSeries {
	// One series needs no join: the common case and the 1M-point one.
	if (series.length === 1) {
		const s = series[0] as TimedValues;
		const [from, to] = range(s.t, fromMs, toMs);
		const n = to - from;
		const x = new Float64Array(n);
		const y = new Array<number | null>(n);
		const k = s.scale ?? 1;
		for (let i = 0; i < n; i++) {
			x[i] = (s.t[from + i] as number) / 1000;
			const v = s.v[from + i] as number;
			y[i] = Number.isFinite(v) ? v * k : null;
		}
		return { x, ys: [y] };
	}
	const grid = gridMs ?? samplingStep(series);
	if (grid > 0) return onGrid(series, fromMs, toMs, grid);
	const cursors = series.map((s) => range(s.t, fromMs, toMs));
	const times: number[] = [];
	// k-way merge of sorted time arrays (k is small: the streams shown in one chart).
	const pos = cursors.map(([from]) => from);
	for (;;) {
		let next = Infinity;
		for (let k = 0; k < series.length; k++) {
			const p = pos[k] as number;
			if (p < (cursors[k] as [number, number])[1])
				next = Math.min(next, (series[k] as TimedValues).t[p] as number);
		}
		if (next === Infinity) break;
		times.push(next);
		for (let k = 0; k < series.length; k++) {
			const s = series[k] as TimedValues;
			while (
				(pos[k] as number) < (cursors[k] as [number, number])[1] &&
				s.t[pos[k] as number] === next
			)
				pos[k] = (pos[k] as number) + 1;
		}
	}
	const x = Float64Array.from(times, (t) => t / 1000);
	const ys = series.map((s, k) => {
		const y = new Array<number | null | undefined>(times.length);
		const scale = s.scale ?? 1;
		let p = (cursors[k] as [number, number])[0];
		const end = (cursors[k] as [number, number])[1];
		for (let i = 0; i < times.length; i++) {
			if (p < end && s.t[p] === times[i]) {
				const v = s.v[p] as number;
				y[i] = Number.isFinite(v) ? v * scale : null;
				// Skip duplicates of the same time in this series.
				while (p < end && s.t[p] === times[i]) p++;
			} else {
				y[i] = undefined;
			}
		}
		return y;
	});
	return { x, ys };
}

/** Index range [from, to) of sorted times within [fromMs, toMs] (both ends included). */
function range(t: Float64Array, fromMs: number, toMs: number): [number, number] {
	return [bound(t, fromMs, false), bound(t, toMs, true)];
}

/** First index whose time is ≥ value, or > value when strict. */
function bound(t: Float64Array, value: number, strict: boolean): number {
	let lo = 0;
	let hi = t.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		const x = t[mid] as number;
		if (x < value || (strict && x === value)) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/**
 * The finest median sampling step of the series, rounded to 100 ms (0 when unknown). The
 * median of a series' first 200 steps stands for it, and 64 series for a chart of hundreds
 * (an SFU subscriber's streams share one getStats cadence): sorting every step of 576 series
 * once per chart blocked the page for 0.4 s.
 */
export function samplingStep(series: readonly TimedValues[]): number {
	let best = Infinity;
	const stride = Math.max(1, Math.floor(series.length / 64));
	for (let k = 0; k < series.length; k += stride) {
		const s = series[k] as TimedValues;
		const n = Math.min(s.t.length, 201);
		if (n < 2) continue;
		const steps = new Float64Array(n - 1);
		for (let i = 1; i < n; i++) steps[i - 1] = (s.t[i] as number) - (s.t[i - 1] as number);
		steps.sort();
		best = Math.min(best, steps[steps.length >> 1] as number);
	}
	return Number.isFinite(best) && best > 0 ? Math.max(100, Math.round(best / 100) * 100) : 0;
}

/**
 * Rows at multiples of `grid` that any series has a sample in; each series' value per row (a
 * series with two samples in one row keeps the later). Sorted arrays and one pointer per series:
 * maps per series cost ~0.8 s for a chart of 576 streams.
 */
function onGrid(series: readonly TimedValues[], fromMs: number, toMs: number, grid: number): AlignedSeries {
	const cellsOf = series.map((s) => {
		const [from, to] = range(s.t, fromMs, toMs);
		const cells = new Float64Array(to - from);
		for (let i = from; i < to; i++) cells[i - from] = Math.round((s.t[i] as number) / grid) * grid;
		return { from, cells };
	});
	const total = cellsOf.reduce((n, c) => n + c.cells.length, 0);
	const all = new Float64Array(total);
	let at = 0;
	for (const c of cellsOf) {
		all.set(c.cells, at);
		at += c.cells.length;
	}
	all.sort();
	let unique = 0;
	for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[unique - 1]) all[unique++] = all[i] as number;
	const times = all.subarray(0, unique);
	const ys = series.map((s, k) => {
		const { from, cells } = cellsOf[k] as { from: number; cells: Float64Array };
		const y = new Array<number | null | undefined>(times.length).fill(undefined);
		const scale = s.scale ?? 1;
		let row = 0;
		for (let i = 0; i < cells.length; i++) {
			const c = cells[i] as number;
			while ((times[row] as number) < c) row++;
			const v = s.v[from + i] as number;
			y[row] = Number.isFinite(v) ? v * scale : null;
		}
		return y;
	});
	return { x: Float64Array.from(times, (t) => t / 1000), ys };
}
