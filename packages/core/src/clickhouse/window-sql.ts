import { ALL_APPS, DAY_MS, dayOf } from '../fleet/rollup.js';
import { sqlNumber, sqlString, type ClickHouseClient } from './http.js';
import { LIVE_ROOM, TABLES } from './schema.js';

/**
 * The rooms of a window fleet view, as the browser store selects them (storage/fleet.ts
 * loadRoomFacts): a room overlaps [from, to] when it ends at or after `from` and starts at or
 * before `to`; one app or ALL_APPS. A WHERE condition over `rtcscope_rooms` (or its copy).
 */
export function roomsInWindow(app: string, from: number, to: number): string {
	const appFilter = app === ALL_APPS ? '' : ` AND app = ${sqlString(app)}`;
	return `end_at >= ${sqlNumber(from)} AND start_at <= ${sqlNumber(to)}${appFilter}`;
}

/** The browser store's room order (first day seen in the window, app, session start, key), so equal-time rows keep their order. */
export const roomOrder = (from: number): string => `ORDER BY greatest(intDiv(start_at, ${DAY_MS}) * ${DAY_MS}, ${sqlNumber(dayOf(from))}), app, first_at, session_key`;

/** The (app, session_key, version) of the rooms of a window that are current and live (FINAL over the narrow key columns). */
const currentKeys = (app: string, from: number, to: number): string =>
	`SELECT app, session_key, version FROM ${TABLES.rooms} FINAL WHERE ${LIVE_ROOM} AND ${roomsInWindow(app, from, to)}`;

/**
 * What a window read needs to know first, in one narrow FINAL read of `rtcscope_rooms`:
 * - `longestMs`: the longest room's span (end − start, ms): a room of the window starts no
 *   earlier than `from − longestMs`, which bounds the copy's ordered read from below;
 * - `legacy`: current rooms of the window that the time-ordered copy (migration 3) lacks —
 *   written before migration 2's columns, or by an ingest older than migration 3. A window
 *   holding one is computed from the rooms' facts instead (still exact, slower).
 */
export interface WindowPlan {
	longestMs: number;
	legacy: number;
}

/** @throws ClickHouseError */
export async function planWindow(client: ClickHouseClient, app: string, from: number, to: number, signal?: AbortSignal): Promise<WindowPlan> {
	const inCopy = `(app, session_key, version) GLOBAL IN (SELECT app, session_key, version FROM ${TABLES.roomTimes} WHERE ${roomsInWindow(app, from, to)})`;
	const [row] = await client.rows<{ longest: number; legacy: number }>(
		`SELECT max(end_at - start_at) AS longest, countIf(${roomsInWindow(app, from, to)} AND NOT ${inCopy}) AS legacy FROM ${TABLES.rooms} FINAL WHERE ${LIVE_ROOM}`,
		signal
	);
	return { longestMs: Number(row?.longest ?? 0), legacy: Number(row?.legacy ?? 0) };
}

/**
 * The current rows of the rooms overlapping [from, to] with `columns` (app and session_key
 * always), read from the time-ordered copy: only the granules of rooms starting in
 * [from − longestMs, to] are read, and of the versions there only those current in
 * `rtcscope_rooms` are kept (GLOBAL IN: on a cluster the key set is computed once, each shard's
 * FINAL over its own rows), once each (LIMIT 1 BY: a batch inserted twice). A subquery's SQL.
 * @param plan.longestMs from {@link planWindow}
 */
export function windowRoomRows(app: string, from: number, to: number, plan: WindowPlan, columns: readonly string[]): string {
	const cols = [...new Set(['app', 'session_key', ...columns])];
	// 1 ms below the bound: end − start and from − longest are rounded apart.
	return `SELECT ${cols.join(', ')} FROM ${TABLES.roomTimes}
		WHERE ${roomsInWindow(app, from, to)} AND start_at >= ${sqlNumber(from - plan.longestMs - 1)}
		AND (app, session_key, version) GLOBAL IN (${currentKeys(app, from, to)})
		LIMIT 1 BY app, session_key`;
}
