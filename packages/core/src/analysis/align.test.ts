import { describe, expect, it } from 'vitest';
import { alignSeries } from './align.js';

describe('alignSeries', () => {
	it('keeps NaN as a gap (null) and scales values', () => {
		const out = alignSeries([
			{
				t: Float64Array.from([1000, 2000, 3000]),
				v: Float32Array.from([1000, NaN, 3000]),
				scale: 0.001
			}
		]);
		expect(Array.from(out.x)).toEqual([1, 2, 3]);
		expect(out.ys).toEqual([[1, null, 3]]);
	});

	it('joins series sampled at different times: alignment holes are undefined, real gaps null', () => {
		const out = alignSeries(
			[
				{ t: Float64Array.from([1000, 3000, 5000]), v: Float32Array.from([1, NaN, 5]) },
				{ t: Float64Array.from([2000, 3000, 6000]), v: Float32Array.from([20, 30, 60]) }
			],
			-Infinity,
			Infinity,
			0
		);
		expect(Array.from(out.x)).toEqual([1, 2, 3, 5, 6]);
		expect(out.ys).toEqual([
			[1, undefined, null, 5, undefined],
			[undefined, 20, 30, undefined, 60]
		]);
	});

	it('limits to a time range', () => {
		const out = alignSeries(
			[{ t: Float64Array.from([1000, 2000, 3000, 4000]), v: Float32Array.from([1, 2, 3, 4]) }],
			2000,
			3000
		);
		expect(Array.from(out.x)).toEqual([2, 3]);
	});

	it('puts streams sampled a few ms apart on one grid: one row per second, not two', () => {
		// Two streams of one dump, each sampled once a second, 7 ms apart (webrtc-internals objects
		// are polled one after another): the table showed 09:15:22 twice.
		const a = Float64Array.from({ length: 5 }, (_, i) => 1_700_000_000_000 + i * 1000);
		const b = Float64Array.from(a, (t) => t + 7);
		const out = alignSeries([
			{ t: a, v: Float32Array.from([1, 2, 3, 4, 5]) },
			{ t: b, v: Float32Array.from([10, NaN, 30, 40, 50]) }
		]);
		expect(out.x.length).toBe(5);
		expect(new Set(out.x).size).toBe(5);
		expect(out.ys).toEqual([
			[1, 2, 3, 4, 5],
			[10, null, 30, 40, 50]
		]);
	});
});
