import { DIMENSIONS, type Dimension } from '../fleet/dimensions.js';
import { DAY_MS, emptyCounters, emptyRollup, HOUR_MS, type DayRollup, type DimBucket, type FleetDayRow, type QualityCounters } from '../fleet/rollup.js';
import { sqlNumber, sqlString, type ClickHouseClient } from './http.js';
import { COUNTER_KEYS, LIVE_ROOM, TABLES } from './schema.js';
import { planWindow, roomsInWindow, windowRoomRows, type WindowPlan } from './window-sql.js';

/**
 * The daily roll-up (fleet/rollup.ts `dayRollups`) as SQL over the rooms of the days asked for: the same
 * counting rules, evaluated by ClickHouse. Each rule below names its line in rollup.ts:
 * - a room is looked at on every UTC day from its start's to its end's (end inclusive, as
 *   `room.endAt < day` excludes it there);
 * - rooms and participants (distinct users) count on the day the room started;
 * - minutes are split at midnight (overlap of [joinAt, leftAt) with the day);
 * - a join and its counters count on the day of the join; a dimension bucket exists for every
 *   participant of a room seen that day whose value is known (even with 0 minutes);
 * - peaks sweep the online intervals clipped to the day, ends before starts at equal times;
 *   hourly peaks start each hour from what was open when it began (concurrency.ts segmentPeaks).
 * Counter sums are Float64 in another order than the browser's: equal up to rounding (1e-9).
 */

const D = String(DAY_MS);
const H = String(HOUR_MS);

/**
 * Where the rooms of [from, to) are read: their time-ordered copy (window-sql.ts windowRoomRows,
 * only the granules of those days), or `rtcscope_rooms` FINAL (the whole table) when the copy
 * lacks a room of them (planWindow's `legacy`).
 */
type RoomsFrom = (columns: readonly string[]) => string;

function roomsFrom(app: string, from: number, to: number, plan: WindowPlan): RoomsFrom {
	if (plan.legacy === 0) return (columns) => `(${windowRoomRows(app, from, to, plan, columns)})`;
	return () => `${TABLES.rooms} FINAL WHERE ${LIVE_ROOM} AND ${roomsInWindow(app, from, to)}`;
}

/** One row per room and UTC day it is seen on, for [from, to) of one app or all. */
function roomDays(rooms: RoomsFrom, from: number, to: number, columns: readonly string[]): string {
	// Only the columns asked for are read (ClickHouse is columnar: the rooms' JSON is never touched).
	const cols = [...new Set(['start_at', 'end_at', ...columns])];
	return `SELECT day, ${columns.join(', ')} FROM (
		SELECT ${cols.join(', ')}, arrayJoin(arrayMap(i -> toFloat64((intDiv(start_at, ${D}) + i) * ${D}),
			range(toUInt64(intDiv(end_at, ${D}) - intDiv(start_at, ${D}) + 1)))) AS day
		FROM ${rooms(cols)}
	) WHERE day >= ${sqlNumber(from)} AND day < ${sqlNumber(to)}`;
}

const overlap = (s: string, e: string) => `greatest(0, least(${e}, day + ${D}) - greatest(${s}, day))`;
const startedToday = `start_at >= day AND start_at < day + ${D}`;

function roomsSql(rooms: RoomsFrom, from: number, to: number): string {
	const cls = (c: string) => `sum(arraySum(arrayMap((s, e, c) -> if(c = ${sqlString(c)}, ${overlap('s', 'e')}, 0), m_start, m_end, m_cls))) AS d_${c}`;
	return `SELECT day, countIf(${startedToday}) AS rooms, sumIf(arrayUniq(p_user_key), ${startedToday}) AS participants,
		${['audio', 'sd', 'hd', 'uhd', 'video'].map(cls).join(', ')}
		FROM (${roomDays(rooms, from, to, ['start_at', 'p_user_key', 'm_start', 'm_end', 'm_cls'])}) GROUP BY day`;
}

/** One row per participant of each room-day, with its minutes that day and whether it joined that day. */
function participantRows(rooms: RoomsFrom, from: number, to: number): string {
	const cols = ['p_join_at', 'p_left_at', 'p_video', 'p_stats', 'p_load', ...DIMENSIONS.map((d) => `p_${d}`), ...COUNTER_KEYS.map((k) => `p_q_${k}`)];
	return `SELECT day, ${overlap('j', 'l')} AS ov, (j >= day AND j < day + ${D}) AS jt, v, st, ld,
		${DIMENSIONS.join(', ')}, ${COUNTER_KEYS.map((k) => `q_${k}`).join(', ')}
		FROM (${roomDays(rooms, from, to, cols)})
		ARRAY JOIN p_join_at AS j, p_left_at AS l, p_video AS v, p_stats AS st, p_load AS ld,
			${DIMENSIONS.map((d) => `p_${d} AS ${d}`).join(', ')}, ${COUNTER_KEYS.map((k) => `p_q_${k} AS q_${k}`).join(', ')}`;
}

const counterSums = COUNTER_KEYS.map((k) => `sum(if(jt, q_${k}, 0)) AS q_${k}`).join(', ');

function participantsSql(rooms: RoomsFrom, from: number, to: number): string {
	return `SELECT day, sum(ov) AS callMs, sum(if(v = 1, ov, 0)) AS videoCallMs, sum(if(v = 1, 0, ov)) AS audioCallMs,
		sum(jt) AS joins, sum(jt AND st = 1) AS cov_stats, sum(jt AND ld = 1) AS cov_load,
		${DIMENSIONS.map((d) => `sum(jt AND isNotNull(${d})) AS cov_${d}`).join(', ')}, ${counterSums}
		FROM (${participantRows(rooms, from, to)}) GROUP BY day`;
}

function dimsSql(rooms: RoomsFrom, from: number, to: number): string {
	const pairs = DIMENSIONS.map((d) => `(${sqlString(d)}, ${d})`).join(', ');
	return `SELECT day, dim, value, sum(ov) AS callMs, sum(jt) AS joins, ${counterSums} FROM (
		SELECT *, arrayJoin([${pairs}]) AS dv, dv.1 AS dim, assumeNotNull(dv.2) AS value
		FROM (${participantRows(rooms, from, to)})
	) WHERE isNotNull(dv.2) GROUP BY day, dim, value`;
}

/** Sorted +1/−1 steps of intervals clipped to the day, per day (`S`), and the day's peak. */
function peaksSql(rooms: RoomsFrom, from: number, to: number, start: string, end: string, hourly: boolean): string {
	const steps = `SELECT day, arraySort(groupArray(stp)) AS S FROM (
		SELECT day, greatest(s, day) AS cs, least(e, day + ${D}) AS ce,
			arrayJoin([(cs, toInt64(1)), (ce, toInt64(-1))]) AS stp
		FROM (${roomDays(rooms, from, to, [start, end])}) ARRAY JOIN ${start} AS s, ${end} AS e
		WHERE ce > cs
	) GROUP BY day`;
	const peak = `arrayReduce('max', arrayCumSum(arrayMap(x -> x.2, S)))`;
	if (!hourly) return `SELECT day, ${peak} AS peak FROM (${steps})`;
	const h0 = `day + h * ${H}`;
	const inSeg = `x.1 >= ${h0} AND (x.1 < ${h0} + ${H} OR h = 23)`;
	return `SELECT day, ${peak} AS peak,
		arrayMap(p -> p.2, arraySort(groupArray((h, toInt64(arraySum(arrayMap(x -> if(x.1 < ${h0}, x.2, 0), S))
			+ greatest(0, arrayReduce('max', arrayFilter((c, x) -> ${inSeg},
				arrayCumSum(arrayMap(x -> if(${inSeg}, x.2, 0), S)), S)))))))) AS hourly
		FROM (SELECT day, S, h FROM (${steps}) ARRAY JOIN range(24) AS h) GROUP BY day, S`;
}

type Num = number | string;
type Row = Record<string, Num>;

function counters(row: Row): QualityCounters {
	const q = emptyCounters();
	for (const k of COUNTER_KEYS) q[k] = Number(row[`q_${k}`] ?? 0);
	return q;
}

/**
 * The roll-ups of one app (or ALL_APPS) for the UTC days in [from, to), computed by ClickHouse:
 * the rows `loadFleetDays` gives for the browser store. Days without rooms have no row.
 * @throws ClickHouseError
 */
export async function clickHouseFleetDays(client: ClickHouseClient, app: string, from: number, to: number, signal?: AbortSignal): Promise<FleetDayRow[]> {
	const src = roomsFrom(app, from, to, await planWindow(client, app, from, to, signal));
	const [rooms, parts, dims, roomPeaks, userPeaks] = await Promise.all([
		client.rows<Row>(roomsSql(src, from, to), signal),
		client.rows<Row>(participantsSql(src, from, to), signal),
		client.rows<Row>(dimsSql(src, from, to), signal),
		client.rows<Row>(peaksSql(src, from, to, 'r_start', 'r_end', false), signal),
		client.rows<Row & { hourly: number[] }>(peaksSql(src, from, to, 'u_start', 'u_end', true), signal)
	]);
	const byDay = new Map<number, DayRollup>();
	const at = (day: Num) => {
		const key = Number(day);
		let r = byDay.get(key);
		if (!r) byDay.set(key, (r = emptyRollup()));
		return r;
	};
	for (const row of rooms) {
		const r = at(row.day as Num);
		r.rooms = Number(row.rooms);
		r.participants = Number(row.participants);
		for (const c of ['audio', 'sd', 'hd', 'uhd', 'video'] as const) r.durations[c] = Number(row[`d_${c}`]);
	}
	for (const row of parts) {
		const r = at(row.day as Num);
		r.callMs = Number(row.callMs);
		r.videoCallMs = Number(row.videoCallMs);
		r.audioCallMs = Number(row.audioCallMs);
		r.joins = Number(row.joins);
		r.quality = counters(row);
		r.coverage = { joins: r.joins, stats: Number(row.cov_stats), loadTiming: Number(row.cov_load), region: 0, network: 0, os: 0, sdk: 0 };
		for (const d of DIMENSIONS) r.coverage[d] = Number(row[`cov_${d}`]);
	}
	for (const row of dims) {
		const bucket: DimBucket = { callMs: Number(row.callMs), joins: Number(row.joins), q: counters(row) };
		at(row.day as Num).dims[row.dim as Dimension][String(row.value)] = bucket;
	}
	for (const row of roomPeaks) at(row.day as Num).peakRooms = Number(row.peak);
	for (const row of userPeaks) {
		const r = at(row.day as Num);
		r.peakUsers = Number(row.peak);
		r.hourlyPeakUsers = row.hourly.map(Number);
	}
	return [...byDay]
		.sort((a, b) => a[0] - b[0])
		.map(([day, rollup]) => ({ app, day, rollup }));
}
