import type { RoomFact } from '../fleet/facts.js';
import { ALL_APPS, dayOf } from '../fleet/rollup.js';
import { clickHouseDiagnostics } from './diagnostics-sql.js';
import { planWindow, roomOrder, roomsInWindow } from './window-sql.js';
import { clickHouseRealtime } from './realtime-sql.js';
import { windowsFromRooms, type FleetExtent, type FleetSource } from '../fleet/source.js';
import type { ClickHouseClient } from './http.js';
import { clickHouseFleetDays } from './rollup-sql.js';
import { LIVE_ROOM, TABLES } from './schema.js';

/**
 * The fleet views' rows from ClickHouse. Insights and Duration Statistics get their daily
 * roll-ups computed by SQL (rollup-sql.ts); Real-time its window's tallies (realtime-sql.ts);
 * Diagnostics the rooms of its window that hold an exception (diagnostics-sql.ts), both over
 * the rooms' time-ordered copy (window-sql.ts). A window with rooms the copy lacks (written
 * before migration 2, or by an older ingest) is computed from the rooms' facts (each the RoomFact the
 * ingest computed with the browser's code), as `rooms` gives them: in the browser store's order
 * (first day seen, app, session start, key).
 */
export function clickHouseFleetSource(client: ClickHouseClient): FleetSource {
	async function rooms(app: string, fromAt: number, toAt: number): Promise<RoomFact[]> {
		const rows = await client.rows<{ fact: string }>(`SELECT fact FROM ${TABLES.rooms} FINAL WHERE ${LIVE_ROOM} AND ${roomsInWindow(app, fromAt, toAt)} ${roomOrder(fromAt)}`);
		return rows.map((r) => JSON.parse(r.fact) as RoomFact);
	}
	const fromFacts = windowsFromRooms(rooms);
	return {
		kind: 'clickhouse',
		async extent(): Promise<FleetExtent | null> {
			const [row] = await client.rows<{ n: number; first: number; last: number; newest: number }>(
				`SELECT count() AS n, min(start_at) AS first, max(end_at) AS last, max(end_at) AS newest FROM ${TABLES.rooms} FINAL WHERE ${LIVE_ROOM}`
			);
			if (!row || Number(row.n) === 0) return null;
			return { firstDay: dayOf(Number(row.first)), lastDay: dayOf(Number(row.last)), newestAt: Number(row.newest) };
		},
		async apps(): Promise<string[]> {
			const rows = await client.rows<{ app: string }>(`SELECT DISTINCT app FROM ${TABLES.rooms} FINAL WHERE ${LIVE_ROOM}`);
			return rows.map((r) => r.app).filter((a) => a !== ALL_APPS).sort();
		},
		days(app, from, to) {
			return clickHouseFleetDays(client, app, from, to);
		},
		rooms,
		async realtime(app, from, to, overrides) {
			const plan = await planWindow(client, app, from, to);
			if (plan.legacy) return fromFacts.realtime(app, from, to, overrides);
			return clickHouseRealtime(client, app, from, to, plan, overrides);
		},
		async diagnostics(app, from, to, overrides) {
			const plan = await planWindow(client, app, from, to);
			if (plan.legacy) return fromFacts.diagnostics(app, from, to, overrides);
			return clickHouseDiagnostics(client, app, from, to, plan, overrides);
		}
	};
}
