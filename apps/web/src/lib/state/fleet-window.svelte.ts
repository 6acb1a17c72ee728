import { page } from '$app/state';
import type { RoomFact, ThresholdOverrides } from '@rtcscope/core/fleet';
import { loadThresholdOverrides } from '@rtcscope/core/storage';
import { db } from '$lib/db';
import { appParam, windowParam } from '$lib/fleet';
import { Live } from './live.svelte';
import { fleetReads } from './fleet-source.svelte';

/**
 * What the window fleet views (Real-time, Diagnostics) read: the stored extent and apps, the
 * threshold overrides, the app and hour window from the URL, and the room facts of that window.
 * `loaded` is keyed by what was asked: while a new window loads, the old rooms are not handed
 * out as the new window's. Create it during component initialisation (its queries own effects).
 */
export class FleetRoomWindow {
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
	private readonly key = $derived(this.win ? `${this.app}|${this.from}|${this.win.end}` : '');
	private readonly rooms = new Live(() => {
		const app = this.app;
		const from = this.from;
		const end = this.win?.end;
		const key = this.key;
		const reads = fleetReads();
		return async () => ({
			key,
			rooms: end === undefined ? [] : await reads.rooms(app, from, end)
		});
	});
	/** The rooms of the window asked for, with its bounds and the thresholds; null while they load. */
	readonly loaded = $derived<{
		rooms: RoomFact[];
		from: number;
		end: number;
		overrides: ThresholdOverrides;
	} | null>(
		this.win && this.rooms.current && this.rooms.current.key === this.key && this.overrides.current
			? {
					rooms: this.rooms.current.rooms,
					from: this.from,
					end: this.win.end,
					overrides: this.overrides.current
				}
			: null
	);

	/** @param atLeast a lower bound for "now" (the wall clock while a live feed runs), or null */
	constructor(atLeast: () => number | null = () => null) {
		this.atLeast = atLeast;
	}
}
