import { untrack } from 'svelte';
import { page } from '$app/state';
import { loadThresholdOverrides, type ThresholdOverrides } from '@rtcscope/core/fleet';
import { db } from '$lib/db';
import { appParam, windowParam } from '$lib/fleet';
import { Live } from './live.svelte';
import { fleetReads, fleetSource } from './fleet-source.svelte';

/** What a window view computes over its source (fleetReads().realtime or .diagnostics). */
export type WindowRead<T> = (reads: ReturnType<typeof fleetReads>, app: string, from: number, end: number, overrides: ThresholdOverrides) => Promise<T>;

/**
 * What the window fleet views (Real-time, Diagnostics) read: the stored extent and apps, the
 * threshold overrides, the app and hour window from the URL, and the view's figures over that
 * window (computed from the room facts here, or by SQL on ClickHouse). `loaded` is keyed by
 * what was asked: while a new window loads, the old figures are not handed out as the new
 * window's. Create it during component initialisation (its queries own effects).
 */
export class FleetWindow<T> {
	/** A lower bound for "now" (the wall clock while a live feed runs), or null. Set by the constructor; read lazily. */
	private readonly atLeast: () => number | null = () => null;
	readonly extent = new Live(() => fleetReads().extent);
	readonly apps = new Live(() => fleetReads().apps);
	readonly overrides = new Live(() => () => loadThresholdOverrides(db));
	readonly app = $derived(appParam(page.url.searchParams));
	/** Newest moment "now" can be, UTC ms: the newest data, or later when `atLeast` says so. */
	readonly newest = $derived(
		this.extent.current ? Math.max(this.extent.current.newestAt, this.atLeast() ?? -Infinity) : 0
	);
	readonly win = $derived(
		this.extent.current
			? windowParam(page.url.searchParams, this.extent.current.firstDay, this.newest)
			: null
	);
	/** Window start, UTC ms. */
	readonly from = $derived(this.win ? this.win.end - this.win.spanHours * 3_600_000 : 0);
	/** End of the window, UTC ms (0 before the extent is known). */
	private readonly end = $derived(this.win?.end ?? 0);
	/** What is asked, as one string: the read below re-runs only when it changes (a re-read extent or a settled source check made new objects of the same window and ran the window's queries again). */
	private readonly key = $derived(this.win && this.overrides.current ? `${fleetSource.kind}|${fleetSource.version}|${this.app}|${this.from}|${this.end}|${JSON.stringify(this.overrides.current)}` : '');
	private readonly result = new Live(() => {
		const key = this.key;
		return untrack(() => {
			const { app, from, end, read } = this;
			const overrides = this.overrides.current;
			const reads = fleetReads();
			return async () => ({ key, value: key === '' || !overrides ? null : await read(reads, app, from, end, overrides) });
		});
	});
	/** The figures of the window asked for, with its bounds; null while they load. */
	readonly loaded = $derived<{ value: T; from: number; end: number } | null>(
		this.win && this.result.current && this.result.current.key === this.key && this.result.current.value !== null
			? { value: this.result.current.value, from: this.from, end: this.win.end }
			: null
	);

	/**
	 * @param read what the view computes over the window
	 * @param atLeast a lower bound for "now" (the wall clock while a live feed runs), or null
	 */
	constructor(
		private readonly read: WindowRead<T>,
		atLeast: () => number | null = () => null
	) {
		this.atLeast = atLeast;
	}
}
