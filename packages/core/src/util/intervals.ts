/**
 * Concurrency by sweep line: how many intervals are open at once. Used for "max concurrent online
 * rooms/users per day" (sparkrtc-console-guide.txt §4.2) and the Real-Time online counts (§4.3).
 *
 * Intervals are half-open [start, end): someone who leaves at the very ms another joins is not
 * counted twice. Times are UTC ms.
 */
export interface Interval {
	start: number;
	end: number;
}

/** Sorted [time, +1 | −1] steps, clipped to [from, to); at equal times ends come first. */
function steps(intervals: readonly Interval[], from: number, to: number): [number, number][] {
	const out: [number, number][] = [];
	for (const iv of intervals) {
		const s = Math.max(iv.start, from);
		const e = Math.min(iv.end, to);
		if (!(e > s)) continue;
		out.push([s, 1], [e, -1]);
	}
	return out.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

/** Highest number of intervals open at once within [from, to). 0 when none. */
export function peakConcurrency(intervals: readonly Interval[], from: number, to: number): number {
	let open = 0;
	let peak = 0;
	for (const [, d] of steps(intervals, from, to)) {
		open += d;
		if (open > peak) peak = open;
	}
	return peak;
}

/**
 * Peak concurrency in each of `count` consecutive segments of `segmentMs` starting at `from`
 * (the hourly "by time segment" chart). An interval open across a boundary counts in both.
 */
export function segmentPeaks(
	intervals: readonly Interval[],
	from: number,
	segmentMs: number,
	count: number
): number[] {
	const to = from + segmentMs * count;
	const peaks = new Array<number>(count).fill(0);
	let open = 0;
	let seg = 0;
	for (const [t, d] of steps(intervals, from, to)) {
		const target = Math.min(count - 1, Math.floor((t - from) / segmentMs));
		// Whatever was open when a segment starts is its floor.
		while (seg < target) {
			seg++;
			peaks[seg] = Math.max(peaks[seg] as number, open);
		}
		open += d;
		if (open > (peaks[seg] as number)) peaks[seg] = open;
	}
	while (seg < count - 1) {
		seg++;
		peaks[seg] = Math.max(peaks[seg] as number, open);
	}
	return peaks;
}

/**
 * How many intervals are open at each of `count` instants `from + i·stepMs` (the Real-Time
 * online rooms/users line). O((n + count) log n).
 */
export function openAt(intervals: readonly Interval[], from: number, stepMs: number, count: number): Float64Array {
	const s = steps(intervals, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
	const out = new Float64Array(count);
	let open = 0;
	let i = 0;
	for (let k = 0; k < count; k++) {
		const t = from + k * stepMs;
		for (; i < s.length && (s[i] as [number, number])[0] <= t; i++) open += (s[i] as [number, number])[1];
		out[k] = open;
	}
	return out;
}

/** Merges overlapping or touching intervals (a room's "someone is online" periods). */
export function unionIntervals(intervals: readonly Interval[]): Interval[] {
	const sorted = intervals.filter((iv) => iv.end > iv.start).sort((a, b) => a.start - b.start);
	const out: Interval[] = [];
	for (const iv of sorted) {
		const last = out[out.length - 1];
		if (last && iv.start <= last.end) last.end = Math.max(last.end, iv.end);
		else out.push({ start: iv.start, end: iv.end });
	}
	return out;
}
