import { DIMENSIONS, type Dimension } from '../fleet/dimensions.js';
import { bucketFor, emptyTallies, ONLINE_NOW_MS, realtimeFrom, stepFor, type Realtime, type RealtimeTallies } from '../fleet/realtime.js';
import { emptyCounters, type QualityCounters } from '../fleet/rollup.js';
import { alarmTable, type ThresholdOverrides } from '../fleet/thresholds.js';
import { sqlNumber, sqlString, type ClickHouseClient } from './http.js';
import { COUNTER_KEYS, METRIC_COLUMNS, TABLES } from './schema.js';
import { HAS_PARTICIPANT_COLUMNS, roomsInWindow } from './window-sql.js';

/**
 * Real-time (fleet/realtime.ts) over ClickHouse: the window's tallies (`RealtimeTallies`) are
 * counted by SQL where the rooms are, and the same `realtimeFrom` makes the view's figures, so
 * the browser receives a few hundred numbers instead of every room of the day. The rules, as in
 * `realtimeTallies`:
 * - rooms overlapping [from, to] (end_at ≥ from, start_at ≤ to); their participants online in it
 *   (left ≥ from, joined ≤ to); "joined" ones have their join in [from, to];
 * - the online lines count intervals [start, end) open at t_k = from + k·step, the rooms' from
 *   their union of participants (r_start/r_end), the participants' as [join, max(left, join + 1));
 * - a joined participant's counters go to the bucket of its join, capped at the last.
 * Rooms written before migration 2 lack the per-participant columns: a window holding one is
 * computed from the room facts instead (`legacyRooms`).
 */

type Row = Record<string, number | string | null>;

function participants(app: string, from: number, to: number): string {
	const cols = [
		['p_join_at', 'j'],
		['p_left_at', 'l'],
		['p_stats', 'st'],
		...DIMENSIONS.map((d) => [`p_${d}`, d]),
		...COUNTER_KEYS.map((k) => [`p_q_${k}`, `q_${k}`]),
		...METRIC_COLUMNS.map((id) => [`p_m_${id}`, `m_${id}`])
	];
	return `SELECT ${cols.map(([, a]) => a).join(', ')}, (j >= ${sqlNumber(from)} AND j <= ${sqlNumber(to)}) AS joined FROM (
		SELECT ${cols.map(([c]) => c).join(', ')} FROM ${TABLES.rooms} FINAL
		WHERE ${roomsInWindow(app, from, to)} AND ${HAS_PARTICIPANT_COLUMNS}
	) ARRAY JOIN ${cols.map(([c, a]) => `${c} AS ${a}`).join(', ')}
	WHERE l >= ${sqlNumber(from)} AND j <= ${sqlNumber(to)}`;
}

const counterSums = (cond: string) => COUNTER_KEYS.map((k) => `sum(if(${cond}, q_${k}, 0)) AS q_${k}`).join(', ');

function totalsSql(app: string, from: number, to: number, overrides: ThresholdOverrides): string {
	const alarms = alarmTable(overrides).map((r) => {
		const m = `m_${r.id}`;
		const over = `${m} > ${sqlNumber(r.threshold)}`;
		return `countIf(isNotNull(${m})) AS mm_${r.id}, countIf(${over}) AS ma_${r.id}, maxIf(${m}, ${over}) AS mw_${r.id}`;
	});
	return `SELECT count() AS users, sum(st) AS with_stats, ${counterSums('joined')}, ${alarms.join(', ')} FROM (${participants(app, from, to)})`;
}

function bucketsSql(app: string, from: number, to: number): string {
	const buckets = Math.max(1, Math.ceil((to - from) / bucketFor(to - from)));
	return `SELECT least(${buckets - 1}, toInt64(floor((j - ${sqlNumber(from)}) / ${bucketFor(to - from)}))) AS b, ${counterSums('1')}
		FROM (${participants(app, from, to)}) WHERE joined GROUP BY b`;
}

function dimsSql(app: string, from: number, to: number): string {
	const pairs = DIMENSIONS.map((d) => `(${sqlString(d)}, ${d})`).join(', ');
	return `SELECT dim, value, count() AS users, ${counterSums('joined')} FROM (
		SELECT *, arrayJoin([${pairs}]) AS dv, dv.1 AS dim, assumeNotNull(dv.2) AS value FROM (${participants(app, from, to)})
	) WHERE isNotNull(dv.2) GROUP BY dim, value`;
}

/** Intervals (s, e) of the rooms, or of the online participants. */
function intervals(kind: 'rooms' | 'users', app: string, from: number, to: number): string {
	if (kind === 'users') return `SELECT j AS s, greatest(l, j + 1) AS e FROM (${participants(app, from, to)})`;
	return `SELECT s, e FROM (
		SELECT r_start, r_end FROM ${TABLES.rooms} FINAL WHERE ${roomsInWindow(app, from, to)}
	) ARRAY JOIN r_start AS s, r_end AS e`;
}

/** How many intervals are open at each step (fleet/concurrency.ts openAt), and in the last 5 minutes. */
function curveSql(kind: 'rooms' | 'users', app: string, from: number, to: number): string {
	const step = stepFor(to - from);
	const count = Math.floor((to - from) / step) + 1;
	const F = sqlNumber(from);
	// A candidate k range one wider on each side, then the exact test openAt applies (the same Float64 sums).
	const lo = `toUInt64(greatest(0, ceil((s - ${F}) / ${step}) - 1))`;
	const hi = `toUInt64(greatest(0, least(${count}, ceil((e - ${F}) / ${step}) + 1)))`;
	return `SELECT k, count() AS n FROM (
		SELECT s, e, arrayJoin(arrayMap(i -> ${lo} + i, range(toUInt64(greatest(0, toInt64(${hi}) - toInt64(${lo})))))) AS k
		FROM (${intervals(kind, app, from, to)}) WHERE e > s
	) WHERE ${F} + k * ${step} >= s AND ${F} + k * ${step} < e AND k < ${count} GROUP BY k`;
}

function recentSql(kind: 'rooms' | 'users', app: string, from: number, to: number): string {
	return `SELECT countIf(e > ${sqlNumber(to - ONLINE_NOW_MS)} AND s <= ${sqlNumber(to)}) AS n FROM (${intervals(kind, app, from, to)})`;
}

/** Rooms of the window written before migration 2 (no per-participant columns). @throws ClickHouseError */
export async function legacyRooms(client: ClickHouseClient, app: string, from: number, to: number): Promise<number> {
	const [row] = await client.rows<{ n: number }>(`SELECT count() AS n FROM ${TABLES.rooms} FINAL WHERE ${roomsInWindow(app, from, to)} AND NOT ${HAS_PARTICIPANT_COLUMNS}`);
	return Number(row?.n ?? 0);
}

function counters(row: Row): QualityCounters {
	const q = emptyCounters();
	for (const k of COUNTER_KEYS) q[k] = Number(row[`q_${k}`] ?? 0);
	return q;
}

/**
 * Real-time's tallies of one app (or ALL_APPS) over [from, to], counted by ClickHouse.
 * @throws ClickHouseError
 */
export async function clickHouseRealtimeTallies(client: ClickHouseClient, app: string, from: number, to: number, overrides: ThresholdOverrides = {}, signal?: AbortSignal): Promise<RealtimeTallies> {
	const [totals, buckets, dims, roomsCurve, usersCurve, roomsRecent, usersRecent] = await Promise.all([
		client.rows<Row>(totalsSql(app, from, to, overrides), signal),
		client.rows<Row>(bucketsSql(app, from, to), signal),
		client.rows<Row>(dimsSql(app, from, to), signal),
		client.rows<Row>(curveSql('rooms', app, from, to), signal),
		client.rows<Row>(curveSql('users', app, from, to), signal),
		client.rows<Row>(recentSql('rooms', app, from, to), signal),
		client.rows<Row>(recentSql('users', app, from, to), signal)
	]);
	const out = emptyTallies(from, to, overrides);
	const t = totals[0] ?? {};
	out.users = Number(t.users ?? 0);
	out.usersWithStats = Number(t.with_stats ?? 0);
	out.counters = counters(t);
	for (const r of alarmTable(overrides)) {
		const affected = Number(t[`ma_${r.id}`] ?? 0);
		out.alarms[r.id] = { measured: Number(t[`mm_${r.id}`] ?? 0), affected, worst: affected > 0 ? Number(t[`mw_${r.id}`]) : Number.NEGATIVE_INFINITY };
	}
	for (const row of buckets) out.bucketCounters[Number(row.b)] = counters(row);
	for (const row of dims) {
		const dim = row.dim as Dimension;
		out.usersBy[dim].set(String(row.value), Number(row.users));
		out.countersBy[dim].set(String(row.value), counters(row));
	}
	for (const row of roomsCurve) out.roomsOpen[Number(row.k)] = Number(row.n);
	for (const row of usersCurve) out.usersOpen[Number(row.k)] = Number(row.n);
	out.onlineRooms = Number(roomsRecent[0]?.n ?? 0);
	out.onlineUsers = Number(usersRecent[0]?.n ?? 0);
	return out;
}

/** Real-time's figures over ClickHouse (see the module comment). @throws ClickHouseError */
export async function clickHouseRealtime(client: ClickHouseClient, app: string, from: number, to: number, overrides: ThresholdOverrides = {}): Promise<Realtime> {
	return realtimeFrom(await clickHouseRealtimeTallies(client, app, from, to, overrides), from, to, overrides);
}
