import { describe, expect, it } from 'vitest';
import { spreadOf } from './spread.js';

describe('spreadOf', () => {
	it('gives the 10th, 50th and 90th percentile per time and the worst streams by mean', () => {
		// 11 streams at two times: values 0..10 at t0 (quantiles 1, 5, 9), one stream missing at t1.
		const ys = Array.from({ length: 11 }, (_, k) => [k, k === 10 ? null : k * 2]);
		const s = spreadOf({ x: Float64Array.from([0, 1]), ys }, true, 2);
		expect([s.p10[0], s.median[0], s.p90[0]]).toEqual([1, 5, 9]);
		// t1: 0, 2, …, 18 (10 values): p10 = 1.8, median 9, p90 = 16.2.
		expect(s.p10[1]).toBeCloseTo(1.8, 9);
		expect(s.median[1]).toBe(9);
		expect(s.p90[1]).toBeCloseTo(16.2, 9);
		// Higher is worse: stream 9 (mean 13.5), then stream 8 (12); stream 10's mean is 10.
		expect(s.worst).toEqual([9, 8]);
		expect(spreadOf({ x: Float64Array.from([0, 1]), ys }, false, 1).worst).toEqual([0]);
	});

	it('leaves times where no stream has a value empty', () => {
		const s = spreadOf({ x: Float64Array.from([0]), ys: [[null], [undefined]] }, true);
		expect(s.median).toEqual([null]);
		expect(s.streams).toBe(0);
	});
});
