import type { RoomFact } from './facts.js';
import type { FleetDayRow } from './rollup.js';

/** First and last day with a roll-up (UTC midnights) and the newest moment with data, UTC ms. */
export interface FleetExtent {
	firstDay: number;
	lastDay: number;
	newestAt: number;
}

/**
 * Where the four fleet views (Data Insights, Real-time, Diagnostics, Duration Statistics) read
 * from: this browser's store (storage/fleet.ts `browserFleetSource`) or ClickHouse
 * (clickhouse/source.ts). Both give the same rows for the same data — the test
 * `packages/ingest/test/equal-figures.test.ts` holds them to it — so every view computes its
 * figures with the same functions over either.
 */
export interface FleetSource {
	readonly kind: 'browser' | 'clickhouse';
	/** null when nothing is stored. */
	extent(): Promise<FleetExtent | null>;
	/** Apps with data, all-apps key excluded, sorted. */
	apps(): Promise<string[]>;
	/** Roll-ups of one app (or ALL_APPS) for the UTC days in [from, to), day order. */
	days(app: string, from: number, to: number): Promise<FleetDayRow[]>;
	/** Rooms overlapping [fromAt, toAt] (UTC ms) of one app or ALL_APPS, each once, in the browser store's order. */
	rooms(app: string, fromAt: number, toAt: number): Promise<RoomFact[]>;
}
