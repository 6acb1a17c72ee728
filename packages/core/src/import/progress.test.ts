import { afterEach, describe, expect, it, vi } from 'vitest';
import { coalesceProgress, type ImportProgress } from './progress.js';

/** A progress report of file `index` in `phase` (the fields the coalescing reads: index, phase). */
function report(index: number, phase: ImportProgress['phase']): ImportProgress {
	return { index, phase, name: `f${index}` } as ImportProgress;
}

describe('progress passed on at most every 100 ms, each file’s latest (import/progress.ts coalesceProgress)', () => {
	afterEach(() => {
		vi.useRealTimers();
	});

	it('a small file’s start, finishing and done within 100 ms arrive as its done alone; files keep their order', () => {
		vi.useFakeTimers();
		const seen: string[] = [];
		const progress = coalesceProgress((p) => seen.push(`${p.index} ${p.phase}`));
		progress.push(report(0, 'fingerprint'));
		progress.push(report(1, 'fingerprint'));
		progress.push(report(0, 'finishing'));
		progress.push(report(0, 'done'));
		vi.advanceTimersByTime(99);
		expect(seen).toEqual([]);
		vi.advanceTimersByTime(1);
		expect(seen).toEqual(['0 done', '1 fingerprint']);
		// The next report waits its own 100 ms; flush passes it on at once, and only once.
		progress.push(report(1, 'done'));
		progress.flush();
		vi.advanceTimersByTime(200);
		expect(seen).toEqual(['0 done', '1 fingerprint', '1 done']);
	});
});
