import type { LivepeerEventRow } from '@rtcscope/core/model';
import { liveQuery, loadLivepeerEvents } from '@rtcscope/core/storage';
import { db } from '$lib/db';

/**
 * A Livepeer stream's events, kept in memory and extended as a feed stores new ones: on each
 * change only events from the newest time loaded are read (a live stream gains an event every
 * couple of seconds; re-reading a day of them on each was ~1.5 s per update at 20,000 events).
 * When the stored count disagrees with what is held (older events imported, an import removed),
 * everything is read again.
 * Create it during component initialisation (it owns an effect).
 */
export class StreamEvents {
	current = $state.raw<LivepeerEventRow[]>([]);
	loading = $state(true);

	constructor(streamId: () => string) {
		$effect(() => {
			const id = streamId();
			let held: LivepeerEventRow[] = [];
			let chain: Promise<void> = Promise.resolve();
			let stopped = false;
			this.current = [];
			this.loading = true;
			const sync = async (stored: number) => {
				if (stopped || !id) return;
				// Fewer stored than held: an import was removed; start over.
				if (held.length > stored) held = [];
				const from =
					held.length > 0 ? (held[held.length - 1] as LivepeerEventRow).timestamp : -Infinity;
				const fresh = await loadLivepeerEvents(db, id, from);
				// Events at the boundary time were read last time too (a handful: same millisecond).
				const atBoundary = held.filter((e) => e.timestamp === from).map((e) => e.id);
				const added = fresh.filter((e) => !atBoundary.includes(e.id));
				let next = added.length > 0 ? held.concat(added) : held;
				// Out-of-order arrivals (an older capture imported) or removals: read everything.
				if (next.length !== stored) next = await loadLivepeerEvents(db, id);
				if (stopped) return;
				held = next;
				this.current = next;
				this.loading = false;
			};
			const subscription = liveQuery(() =>
				id ? db.livepeerEvents.where('streamId').equals(id).count() : Promise.resolve(0)
			).subscribe({
				next: (stored) => {
					chain = chain.then(() => sync(stored)).catch(() => undefined);
				}
			});
			return () => {
				stopped = true;
				subscription.unsubscribe();
			};
		});
	}
}
