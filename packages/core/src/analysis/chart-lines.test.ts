import { describe, expect, it } from 'vitest';
import { metricChartData } from './chart-lines.js';
import type { MetricView } from './quality.js';

const LOSS: MetricView = { metric: 'packetLossPct', title: 'Packet loss', unit: '%', scale: 1 };
const BITRATE: MetricView = { metric: 'bitrateBps', title: 'Bitrate', unit: 'kbps', scale: 0.001 };

/** Stream k: values k at t = 0 s and 2k at t = 1 s (stream 10 has a gap at 1 s). */
function streams(n: number) {
	return Array.from({ length: n }, (_, k) => ({
		t: Float64Array.from([0, 1000]),
		v: Float64Array.from([k, k === 10 ? Number.NaN : k * 2])
	}));
}

describe('metricChartData', () => {
	it('draws each stream when there are few, the streams that lack the metric left out', () => {
		const data = metricChartData(LOSS, [...streams(3), undefined]);
		expect(data.spread).toBe(false);
		expect(data.lines.map((l) => l.stream)).toEqual([0, 1, 2]);
		expect([...data.x]).toEqual([0, 1]);
		expect(data.lines[2]?.y).toEqual([2, 4]);
	});

	it('over the limit: 10th, 50th and 90th percentile per time, and the worst streams by mean', () => {
		const data = metricChartData(LOSS, streams(11), { maxLines: 5, worst: 2 });
		expect(data.spread).toBe(true);
		const [median, p10, p90, ...worst] = data.lines;
		// t0: values 0..10 → p10 1, median 5, p90 9.
		expect([p10?.y[0], median?.y[0], p90?.y[0]]).toEqual([1, 5, 9]);
		// t1: 0, 2, …, 18 (stream 10 is a gap) → p10 1.8, median 9, p90 16.2.
		expect(p10?.y[1]).toBeCloseTo(1.8, 9);
		expect(median?.y[1]).toBe(9);
		expect(p90?.y[1]).toBeCloseTo(16.2, 9);
		// Loss: higher is worse. Stream 9's mean 13.5, stream 8's 12 (stream 10's is 10: its gap is not a 0).
		expect(worst.map((l) => l.stream)).toEqual([9, 8]);
		expect(worst[0]?.y).toEqual([9, 18]);
	});

	it('for bitrate the lowest mean is the worst, and a gap stays a gap (null), a missing sample a hole (undefined)', () => {
		const s = streams(11);
		s[0] = { t: Float64Array.from([0]), v: Float64Array.from([Number.NaN]) };
		s[1] = { t: Float64Array.from([1000]), v: Float64Array.from([5000]) };
		const data = metricChartData(BITRATE, s, { maxLines: 5, worst: 1 });
		expect(data.lines[3]?.stream).toBe(2);
		const all = metricChartData(BITRATE, s, { maxLines: 5, worst: 11 });
		expect(all.lines.find((l) => l.stream === 2)?.y).toEqual([0.002, 0.004]);
		expect(all.lines.find((l) => l.stream === 1)?.y).toEqual([undefined, 5]);
		// Stream 0 has only a gap: no mean, no line.
		expect(all.lines.find((l) => l.stream === 0)).toBeUndefined();
	});
});
