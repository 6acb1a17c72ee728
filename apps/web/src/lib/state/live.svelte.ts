import { liveQuery } from '@rtcscope/core/storage';

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
	 */
	constructor(prepare: () => () => Promise<T>, options: { throttleMs?: number } = {}) {
		const throttleMs = options.throttleMs ?? 0;
		let lastRun = 0;
		$effect(() => {
			const inner = prepare();
			const query =
				throttleMs > 0
					? async () => {
							const wait = lastRun + throttleMs - Date.now();
							// Promise.resolve keeps Dexie's zone across a non-Dexie await (Dexie docs, liveQuery rules).
							if (wait > 0) await Promise.resolve(new Promise((resolve) => setTimeout(resolve, wait)));
							lastRun = Date.now();
							return inner();
						}
					: inner;
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
