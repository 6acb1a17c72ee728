import { diagnostics, type Diagnostics } from './diagnostics.js';
import type { RoomFact } from './facts.js';
import { realtime, type Realtime } from './realtime.js';
import type { FleetDayRow } from './rollup.js';
import type { ThresholdOverrides } from './thresholds.js';
import type { FleetExtent } from '../model/fleet.js';

export type { FleetExtent } from '../model/fleet.js';


/**
 * Where the four fleet views (Data Insights, Real-time, Diagnostics, Duration Statistics) read
 * from: this browser's store (fleet/browser-source.ts `browserFleetSource`) or ClickHouse
 * (clickhouse/source.ts). Both give the same rows for the same data — the test
 * `packages/ingest/test/equal-figures.test.ts` holds them to it — so every view computes its
 * figures with the same functions over either (Real-time and Diagnostics: each source counts
 * where its rows are, with the same rules).
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
	/** Real-time over [from, to] (UTC ms): fleet/realtime.ts, counted where the rooms are. */
	realtime(app: string, from: number, to: number, overrides: ThresholdOverrides): Promise<Realtime>;
	/** Diagnostics over [from, to] (UTC ms): fleet/diagnostics.ts over the rooms that hold an exception. */
	diagnostics(app: string, from: number, to: number, overrides: ThresholdOverrides): Promise<Diagnostics>;
}

/**
 * Real-time and Diagnostics computed here from a window's room facts: the browser store's way,
 * and ClickHouse's for a window with rooms written before its migration 2.
 */
export function windowsFromRooms(rooms: FleetSource['rooms']): Pick<FleetSource, 'realtime' | 'diagnostics'> {
	return {
		realtime: async (app, from, to, overrides) => realtime(await rooms(app, from, to), from, to, overrides),
		diagnostics: async (app, from, to, overrides) => diagnostics(await rooms(app, from, to), from, to, overrides)
	};
}
