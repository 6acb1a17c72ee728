import { resolutionClass } from '../fleet/resolution.js';
import type { DerivedStream, FreezeMark, MetricName } from '../formats/webrtc-stats/types.js';
import type { ResolutionRun, StreamSummary } from '../model/quality.js';

// The stored shapes live with the rows (model/quality.ts); computing them lives here.
export type { ResolutionRun, StreamSummary } from '../model/quality.js';

/** Longest list of runs kept per stream; beyond it, neighbouring runs merge into the longer one. */
const MAX_RUNS = 64;

export function summarizeStream(
	stream: Pick<DerivedStream, 't' | 'cols' | 'freezes'>
): StreamSummary {
	const avg = (name: MetricName) => mean(stream.cols[name]);
	const max = (name: MetricName) => maximum(stream.cols[name]);
	const t = stream.t;
	return {
		bitrateBpsAvg: avg('bitrateBps') ?? avg('sendBitrateBps'),
		packetLossPctAvg: avg('packetLossPct'),
		jitterMsAvg: avg('jitterMs'),
		rttMsAvg: avg('rttMs'),
		fpsAvg: avg('fps'),
		widthPxMax: max('widthPx'),
		heightPxMax: max('heightPx'),
		freezeCount: stream.freezes.length,
		freezeDurationMs: freezeTotal(stream.freezes),
		durationS: t.length > 1 ? ((t[t.length - 1] as number) - (t[0] as number)) / 1000 : 0,
		...(stream.cols.widthPx && stream.cols.heightPx
			? { resolutionRuns: resolutionRuns(t, stream.cols.widthPx, stream.cols.heightPx) }
			: {})
	};
}

/**
 * Each sample interval [t[i-1], t[i]) takes the class of the sample that ends it; samples with no
 * size are skipped (their interval is not counted).
 */
export function resolutionRuns(t: Float64Array, width: Float32Array, height: Float32Array): ResolutionRun[] {
	const runs: ResolutionRun[] = [];
	for (let i = 1; i < t.length; i++) {
		const cls = resolutionClass(width[i], height[i]);
		if (!cls) continue;
		const startAt = t[i - 1] as number;
		const endAt = t[i] as number;
		const last = runs[runs.length - 1];
		if (last && last.cls === cls && last.endAt === startAt) last.endAt = endAt;
		else runs.push({ startAt, endAt, cls });
	}
	while (runs.length > MAX_RUNS) {
		// Fold the shortest run into its longer neighbour, which grows by the run's length: the
		// total time is kept exactly, the boundary moves by at most that length.
		let shortest = 0;
		for (let i = 1; i < runs.length; i++) {
			const r = runs[i] as ResolutionRun;
			const s = runs[shortest] as ResolutionRun;
			if (r.endAt - r.startAt < s.endAt - s.startAt) shortest = i;
		}
		const run = runs[shortest] as ResolutionRun;
		const prev = runs[shortest - 1];
		const next = runs[shortest + 1];
		const into = !next || (prev && prev.endAt - prev.startAt >= next.endAt - next.startAt) ? prev : next;
		if (!into) break;
		const length = run.endAt - run.startAt;
		if (into === prev) into.endAt += length;
		else into.startAt -= length;
		runs.splice(shortest, 1);
	}
	return runs;
}

function mean(col: Float32Array | undefined): number | null {
	if (!col) return null;
	let sum = 0;
	let n = 0;
	for (const v of col) {
		if (Number.isFinite(v)) {
			sum += v;
			n++;
		}
	}
	return n > 0 ? sum / n : null;
}

function maximum(col: Float32Array | undefined): number | null {
	if (!col) return null;
	let best = -Infinity;
	for (const v of col) if (Number.isFinite(v) && v > best) best = v;
	return Number.isFinite(best) ? best : null;
}

function freezeTotal(freezes: FreezeMark[]): number {
	return freezes.reduce((sum, f) => sum + (f.durationMs ?? 0), 0);
}
