import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttledQuery } from './throttle';

describe('throttledQuery (the Live views’ re-runs while the store is written)', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it('runs the query once for a burst of writes, and only the newest run queries', async () => {
		let queried = 0;
		const query = throttledQuery(async () => ++queried, () => 1_000);
		expect(await query()).toBe(1);
		// 200 writes within the throttle: Dexie starts a run for each and drops the one before.
		const runs = Array.from({ length: 200 }, () => query());
		const settled = Promise.allSettled(runs);
		// One waiting run at a time: the dropped ones stop at their next check.
		await vi.advanceTimersByTimeAsync(250);
		expect(vi.getTimerCount()).toBe(1);
		await vi.advanceTimersByTimeAsync(1_000);
		const outcomes = await settled;
		expect(queried).toBe(2);
		expect(outcomes.at(-1)).toEqual({ status: 'fulfilled', value: 2 });
		const aborted = outcomes.slice(0, -1).map((o) => (o.status === 'rejected' ? (o.reason as DOMException).name : 'ran'));
		expect(new Set(aborted)).toEqual(new Set(['AbortError']));
	});

	it('runs at once when the throttle has passed', async () => {
		let queried = 0;
		const query = throttledQuery(async () => ++queried, () => 100);
		await query();
		await vi.advanceTimersByTimeAsync(150);
		expect(await query()).toBe(2);
	});
});
