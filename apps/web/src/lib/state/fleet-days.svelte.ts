import { page } from '$app/state';
import { allowedDays, type FleetDayRow } from '@rtcscope/core/fleet';
import { appParam, dayRangeParam } from '$lib/fleet';
import { Live } from './live.svelte';
import { fleetReads } from './fleet-source.svelte';

/**
 * What the day-range fleet views (Insights, Durations) read: the stored extent and apps, the
 * app and day range from the URL, and the daily roll-ups of that app and range.
 * `loaded` is keyed by what was asked: while a new range loads, the old rows are not handed out
 * as the new range's. Create it during component initialisation (its queries own effects).
 */
export class FleetDayRows {
	readonly extent = new Live(() => fleetReads().extent);
	readonly apps = new Live(() => fleetReads().apps);
	readonly app = $derived(appParam(page.url.searchParams));
	readonly allowed = $derived(
		this.extent.current ? allowedDays(this.extent.current.newestAt) : null
	);
	readonly range = $derived(
		this.extent.current ? dayRangeParam(page.url.searchParams, this.extent.current.newestAt) : null
	);
	private readonly key = $derived(
		this.range ? `${this.app}|${this.range.from}|${this.range.to}` : ''
	);
	private readonly rows = new Live(() => {
		const app = this.app;
		const range = this.range;
		const key = this.key;
		const reads = fleetReads();
		return async () => ({
			key,
			rows: range ? await reads.days(app, range.from, range.to) : []
		});
	});
	/** The rows of the range asked for, with that range; null while they load. */
	readonly loaded = $derived<{ rows: FleetDayRow[]; range: { from: number; to: number } } | null>(
		this.range && this.rows.current && this.rows.current.key === this.key
			? { rows: this.rows.current.rows, range: this.range }
			: null
	);
}
