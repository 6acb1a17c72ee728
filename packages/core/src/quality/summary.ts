import type { DerivedStream, FreezeMark, MetricName } from '../formats/webrtc-stats/types.js';

/**
 * Per-stream averages over the whole capture, kept with the stream so lists and tables (user
 * details, later the fleet views) need no series read. null = no sample carried that metric.
 */
export interface StreamSummary {
	bitrateBpsAvg: number | null;
	packetLossPctAvg: number | null;
	jitterMsAvg: number | null;
	rttMsAvg: number | null;
	fpsAvg: number | null;
	widthPxMax: number | null;
	heightPxMax: number | null;
	freezeCount: number;
	/** Σ freeze durations, ms (freezes of unknown duration count 0). */
	freezeDurationMs: number;
	/** Seconds covered by samples. */
	durationS: number;
}

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
		durationS: t.length > 1 ? ((t[t.length - 1] as number) - (t[0] as number)) / 1000 : 0
	};
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
