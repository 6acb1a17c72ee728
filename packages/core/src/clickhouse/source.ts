import type { RoomFact } from '../fleet/facts.js';
import { ALL_APPS, DAY_MS, dayOf } from '../fleet/rollup.js';
import type { FleetExtent, FleetSource } from '../fleet/source.js';
import { sqlNumber, sqlString, type ClickHouseClient } from './http.js';
import { clickHouseFleetDays } from './rollup-sql.js';
import { TABLES } from './schema.js';

/**
 * The fleet views' rows from ClickHouse. Insights and Duration Statistics get their daily
 * roll-ups computed by SQL (rollup-sql.ts); Real-time and Diagnostics get the rooms of their
 * window selected by SQL, each room the RoomFact the ingest command computed with the browser's
 * code, in the order the browser store gives them (first day seen, app, session start, key).
 */
export function clickHouseFleetSource(client: ClickHouseClient): FleetSource {
	return {
		kind: 'clickhouse',
		async extent(): Promise<FleetExtent | null> {
			const [row] = await client.rows<{ n: number; first: number; last: number; newest: number }>(
				`SELECT count() AS n, min(start_at) AS first, max(end_at) AS last, max(end_at) AS newest FROM ${TABLES.rooms} FINAL`
			);
			if (!row || Number(row.n) === 0) return null;
			return { firstDay: dayOf(Number(row.first)), lastDay: dayOf(Number(row.last)), newestAt: Number(row.newest) };
		},
		async apps(): Promise<string[]> {
			const rows = await client.rows<{ app: string }>(`SELECT DISTINCT app FROM ${TABLES.rooms} FINAL`);
			return rows.map((r) => r.app).filter((a) => a !== ALL_APPS).sort();
		},
		days(app, from, to) {
			return clickHouseFleetDays(client, app, from, to);
		},
		async rooms(app, fromAt, toAt): Promise<RoomFact[]> {
			const appFilter = app === ALL_APPS ? '' : `AND app = ${sqlString(app)}`;
			const fromDay = sqlNumber(dayOf(fromAt));
			const rows = await client.rows<{ fact: string }>(
				`SELECT fact FROM ${TABLES.rooms} FINAL
				WHERE end_at >= ${sqlNumber(fromAt)} AND start_at <= ${sqlNumber(toAt)} ${appFilter}
				ORDER BY greatest(intDiv(start_at, ${DAY_MS}) * ${DAY_MS}, ${fromDay}), app, first_at, session_key`
			);
			return rows.map((r) => JSON.parse(r.fact) as RoomFact);
		}
	};
}
