import { liveQuery } from '@rtcscope/core/storage';
import { importJobs } from './imports.svelte';
import { throttledQuery } from './throttle';

/**
 * A throttle for queries that read whole tables or count them (the header's counts, the import
 * list, Settings' row counts): `busyMs` while this tab imports, `idleMs` otherwise. Chrome counts
 * an object store by walking its records: 20,000 sessions took 50–330 ms in the browser process,
 * and once a second during the demo fleet's import that held up the import's own transactions
 * (a dump file took ~150 ms instead of ~30 ms).
 */
export function whileImporting(busyMs: number, idleMs = 1_000): () => number {
	return () => (importJobs.busy ? busyMs : idleMs);
}

/**
 * A Dexie liveQuery as Svelte state: re-runs when the store changes (the worker's writes
 * included) and when the reactive values read by `prepare` change. `prepare` runs synchronously
 * so Svelte sees what it reads; the query it returns runs asynchronously.
 * Results are `$state.raw`: views get finished data, never deep proxies.
 * Create it during component initialisation (it owns an effect).
 */
export class Live<T> {
	current = $state.raw<T | undefined>(undefined);
	error = $state.raw<unknown>(null);
	loading = $state(true);

	/**
	 * @param options.throttleMs re-run at most this often: while a worker commits a window every
	 *   few ms (a folder or the demo fleet is a thousand files), a list of every import re-read on
	 *   each commit kept the page and IndexedDB busy (measured: 30 → 100 ms per small file).
	 *   A function is asked again while waiting, so a longer pause during an import
	 *   ({@link whileImporting}) ends as soon as the import does.
	 */
	constructor(prepare: () => () => Promise<T>, options: { throttleMs?: number | (() => number) } = {}) {
		const throttle = options.throttleMs ?? 0;
		const throttleMs = typeof throttle === 'number' ? () => throttle : throttle;
		$effect(() => {
			const inner = prepare();
			// Per query: a changed query (another stream, another day) runs at once; only the
			// re-runs of one query that the store's writes cause are throttled.
			const query = throttle !== 0 ? throttledQuery(inner, throttleMs) : inner;
			this.loading = true;
			const subscription = liveQuery(query).subscribe({
				next: (value) => {
					this.current = value;
					this.error = null;
					this.loading = false;
				},
				error: (error: unknown) => {
					this.error = error;
					this.loading = false;
				}
			});
			return () => subscription.unsubscribe();
		});
	}
}
