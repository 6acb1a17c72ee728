import { describe, expect, it } from 'vitest';
import { buildOverview } from './overview.js';

describe('buildOverview', () => {
	it('keeps each run’s minimum and maximum in time order, and a gap as NaN', () => {
		const t = Float64Array.from({ length: 12 }, (_, i) => i * 1000);
		const v = Float32Array.from([5, 1, 9, 4, NaN, NaN, NaN, NaN, 3, 3, 8, 2]);
		const o = buildOverview(t, { bitrateBps: v }, 3);
		// Runs of 4: [5 1 9 4] → 1 then 9; [NaN×4] → a gap; [3 3 8 2] → 8 (t=10 s) then 2 (t=11 s).
		expect(Array.from(o.bitrateBps!.t)).toEqual([1000, 2000, 4000, 10000, 11000]);
		expect(Array.from(o.bitrateBps!.v)).toEqual([1, 9, NaN, 8, 2]);
	});

	it('a million points become at most two per bucket, spikes kept', () => {
		const n = 1_000_000;
		const t = Float64Array.from({ length: n }, (_, i) => i);
		const v = new Float32Array(n).fill(1);
		v[654_321] = 99;
		const o = buildOverview(t, { rttMs: v }, 2048);
		expect(o.rttMs!.t.length).toBeLessThanOrEqual(4096);
		expect(Math.max(...o.rttMs!.v)).toBe(99);
		expect(Array.from(o.rttMs!.t)).toContain(654_321);
	});
});
