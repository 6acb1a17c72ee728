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

	constructor(prepare: () => () => Promise<T>) {
		$effect(() => {
			const query = prepare();
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
