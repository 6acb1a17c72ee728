import { afterEach, describe, expect, it, vi } from 'vitest';
import { ImportReport } from './report.js';

/** A file's reports as its caller sees them: the phase of each. */
function watched() {
	const seen: string[] = [];
	const report = new ImportReport('dump.txt', 1_000, 0, (p) => seen.push(p.phase), () => Date.now());
	return { seen, report };
}

describe('import progress at most every 100 ms, phase changes at the interval’s end (import/report.ts)', () => {
	afterEach(() => {
		vi.useRealTimers();
	});

	it('a small file’s start, finishing and done within 100 ms arrive as its done alone', () => {
		vi.useFakeTimers();
		const { seen, report } = watched();
		report.emit(true);
		report.phase = 'finishing';
		report.emit(true);
		vi.advanceTimersByTime(30);
		report.finish('done');
		vi.advanceTimersByTime(200);
		expect(seen).toEqual(['done']);
	});

	it('a longer run reports its phase when the interval ends, counts at most every 100 ms, and nothing after its end', () => {
		vi.useFakeTimers();
		const { seen, report } = watched();
		report.emit(true);
		vi.advanceTimersByTime(99);
		expect(seen).toEqual([]);
		report.phase = 'reading';
		vi.advanceTimersByTime(1);
		// The state when the interval ended, not when the change was asked for.
		expect(seen).toEqual(['reading']);
		report.emit();
		vi.advanceTimersByTime(50);
		report.emit();
		expect(seen).toEqual(['reading']);
		vi.advanceTimersByTime(50);
		report.emit();
		expect(seen).toEqual(['reading', 'reading']);
		report.phase = 'finishing';
		report.emit(true);
		report.finish('done');
		vi.advanceTimersByTime(200);
		expect(seen).toEqual(['reading', 'reading', 'done']);
	});
});
