/** How often a waiting run asks its throttle again (ms). */
export const RECHECK_MS = 250;

/**
 * A liveQuery querier that runs `inner` at most once per `throttleMs()` (asked again while it
 * waits, so a longer pause during an import ends when the import does).
 *
 * Dexie starts a new run on every write that touches what the last run read, and drops the run
 * before it (liveQuery aborts it and ignores its result). A waiting run did not know: it kept
 * waiting, then queried for nothing. During the demo fleet's import, hundreds of waiting runs fired
 * 3,300 timers a second on the page's thread (measured, bench page, 2026-12-02). So a run that is
 * no longer the newest stops at its next check, rejecting with an AbortError (ignored by Dexie).
 */
export function throttledQuery<T>(inner: () => Promise<T>, throttleMs: () => number): () => Promise<T> {
	let lastRun = 0;
	let newest = 0;
	return async () => {
		const run = ++newest;
		const waitMs = () => lastRun + throttleMs() - Date.now();
		while (waitMs() > 0) {
			// Promise.resolve keeps Dexie's zone across a non-Dexie await (Dexie docs, liveQuery rules).
			await Promise.resolve(new Promise((resolve) => setTimeout(resolve, Math.min(waitMs(), RECHECK_MS))));
			if (run !== newest) throw new DOMException('A newer run of this query started.', 'AbortError');
		}
		lastRun = Date.now();
		return inner();
	};
}
