import { DIMENSIONS, type Dimension } from '../fleet/dimensions.js';
import { bucketFor, emptyTallies, ONLINE_NOW_MS, realtimeFrom, stepFor, type Realtime, type RealtimeTallies } from '../fleet/realtime.js';
import { emptyCounters, type QualityCounters } from '../fleet/rollup.js';
import { alarmTable, type ThresholdOverrides } from '../fleet/thresholds.js';
import { sqlNumber, sqlString, type ClickHouseClient } from './http.js';
import { COUNTER_KEYS, METRIC_COLUMNS } from './schema.js';
import { windowRoomRows, type WindowPlan } from './window-sql.js';

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
 * The rooms are read from their time-ordered copy (window-sql.ts windowRoomRows): the tallies
 * take two reads of the window's hours, one over the participants and one over the rooms' intervals.
 * Rooms the time-ordered copy lacks (written before migration 2's columns, or by an older
 * ingest) make the source compute the window from the room facts instead (window-sql.ts planWindow).
 */

type Row = Record<string, number | string | null>;

/** The participants of the window's rooms online in it, one row each (the rooms read once, from their time-ordered copy). */
function participants(app: string, from: number, to: number, plan: WindowPlan): string {
	const cols = [
		['p_join_at', 'j'],
		['p_left_at', 'l'],
		['p_stats', 'st'],
		...DIMENSIONS.map((d) => [`p_${d}`, d]),
		...COUNTER_KEYS.map((k) => [`p_q_${k}`, `q_${k}`]),
		...METRIC_COLUMNS.map((id) => [`p_m_${id}`, `m_${id}`])
	];
	return `SELECT ${cols.map(([, a]) => a).join(', ')}, (j >= ${sqlNumber(from)} AND j <= ${sqlNumber(to)}) AS joined FROM (
		${windowRoomRows(app, from, to, plan, cols.map(([c]) => c as string))}
	) ARRAY JOIN ${cols.map(([c, a]) => `${c} AS ${a}`).join(', ')}
	WHERE l >= ${sqlNumber(from)} AND j <= ${sqlNumber(to)}`;
}

const counterSums = (cond: string) => COUNTER_KEYS.map((k) => `sum(if(${cond}, q_${k}, 0)) AS q_${k}`).join(', ');

/**
 * The steps k an interval [s, e) is open at (t_k = from + k·step, k < count), as an array: a
 * candidate range one wider on each side, then the exact test fleet/concurrency.ts openAt
 * applies (the same Float64 sums). Empty when e ≤ s.
 */
function openSteps(from: number, to: number): string {
	const step = stepFor(to - from);
	const count = Math.floor((to - from) / step) + 1;
	const F = sqlNumber(from);
	const lo = `toUInt64(greatest(0, ceil((s - ${F}) / ${step}) - 1))`;
	const hi = `toUInt64(greatest(0, least(${count}, ceil((e - ${F}) / ${step}) + 1)))`;
	return `arrayFilter(k -> ${F} + k * ${step} >= s AND ${F} + k * ${step} < e AND k < ${count},
		arrayMap(i -> ${lo} + i, range(toUInt64(greatest(0, toInt64(${hi}) - toInt64(${lo}))))))`;
}

/** Whether an interval [s, e) is open in the last ONLINE_NOW_MS up to `to`. */
const recent = (to: number) => `e > ${sqlNumber(to - ONLINE_NOW_MS)} AND s <= ${sqlNumber(to)}`;

/**
 * Every participant tally in one pass over the window's participants (one FINAL read instead of
 * five): each participant row is fanned out to the groups it counts in, as (kind, key) —
 * ('total', ''), ('bucket', b) when joined, ('d:<dim>', value) per known dimension, ('open', k)
 * per step it is online at, ('recent', '') when online in the last 5 minutes; ('-', '') where it
 * counts in none — and one GROUP BY counts them all: users = count(), counters over the joined,
 * the Table 4-2 alarms over all (read from the total row only).
 */
function participantsSql(app: string, from: number, to: number, plan: WindowPlan, overrides: ThresholdOverrides): string {
	const bucketMs = bucketFor(to - from);
	const buckets = Math.max(1, Math.ceil((to - from) / bucketMs));
	const bucket = `toString(least(${buckets - 1}, toInt64(floor((j - ${sqlNumber(from)}) / ${bucketMs}))))`;
	const groups = [
		`[('total', ''), (if(joined, 'bucket', '-'), if(joined, ${bucket}, ''))]`,
		`[${DIMENSIONS.map((d) => `(if(isNull(${d}), '-', ${sqlString(`d:${d}`)}), ifNull(${d}, ''))`).join(', ')}]`,
		`arrayMap(k -> ('open', toString(k)), ${openSteps(from, to)})`,
		`[(if(${recent(to)}, 'recent', '-'), '')]`
	];
	const alarms = alarmTable(overrides).map((r) => {
		const m = `m_${r.id}`;
		const over = `${m} > ${sqlNumber(r.threshold)}`;
		return `countIf(isNotNull(${m})) AS mm_${r.id}, countIf(${over}) AS ma_${r.id}, maxIf(${m}, ${over}) AS mw_${r.id}`;
	});
	return `SELECT g.1 AS kind, g.2 AS key, count() AS n, sum(st) AS with_stats, ${counterSums('joined')}, ${alarms.join(', ')} FROM (
		SELECT *, arrayJoin(arrayConcat(${groups.join(', ')})) AS g FROM (
			SELECT *, j AS s, greatest(l, j + 1) AS e FROM (${participants(app, from, to, plan)})
		)
	) WHERE kind != '-' GROUP BY kind, key`;
}

/** The rooms' curve and recent count in one pass over their intervals (the union of their participants', r_start/r_end). */
function roomsSql(app: string, from: number, to: number, plan: WindowPlan): string {
	return `SELECT g.1 AS kind, g.2 AS key, count() AS n FROM (
		SELECT arrayJoin(arrayConcat(arrayMap(k -> ('open', toString(k)), ${openSteps(from, to)}), [(if(${recent(to)}, 'recent', '-'), '')])) AS g FROM (
			${windowRoomRows(app, from, to, plan, ['r_start', 'r_end'])}
		) ARRAY JOIN r_start AS s, r_end AS e
	) WHERE kind != '-' GROUP BY kind, key`;
}

function counters(row: Row): QualityCounters {
	const q = emptyCounters();
	for (const k of COUNTER_KEYS) q[k] = Number(row[`q_${k}`] ?? 0);
	return q;
}

/**
 * Real-time's tallies of one app (or ALL_APPS) over [from, to], counted by ClickHouse in two
 * queries (the participants', the rooms'), run at once.
 * @throws ClickHouseError
 */
export async function clickHouseRealtimeTallies(client: ClickHouseClient, app: string, from: number, to: number, plan: WindowPlan, overrides: ThresholdOverrides = {}, signal?: AbortSignal): Promise<RealtimeTallies> {
	const [people, rooms] = await Promise.all([client.rows<Row>(participantsSql(app, from, to, plan, overrides), signal), client.rows<Row>(roomsSql(app, from, to, plan), signal)]);
	const out = emptyTallies(from, to, overrides);
	for (const row of people) {
		const kind = String(row.kind);
		const key = String(row.key);
		const n = Number(row.n);
		if (kind === 'total') {
			out.users = n;
			out.usersWithStats = Number(row.with_stats ?? 0);
			out.counters = counters(row);
			for (const r of alarmTable(overrides)) {
				const affected = Number(row[`ma_${r.id}`] ?? 0);
				out.alarms[r.id] = { measured: Number(row[`mm_${r.id}`] ?? 0), affected, worst: affected > 0 ? Number(row[`mw_${r.id}`]) : Number.NEGATIVE_INFINITY };
			}
		} else if (kind === 'bucket') out.bucketCounters[Number(key)] = counters(row);
		else if (kind === 'open') out.usersOpen[Number(key)] = n;
		else if (kind === 'recent') out.onlineUsers = n;
		else if (kind.startsWith('d:')) {
			const dim = kind.slice(2) as Dimension;
			out.usersBy[dim].set(key, n);
			out.countersBy[dim].set(key, counters(row));
		}
	}
	for (const row of rooms) {
		if (row.kind === 'open') out.roomsOpen[Number(row.key)] = Number(row.n);
		else if (row.kind === 'recent') out.onlineRooms = Number(row.n);
	}
	return out;
}

/** Real-time's figures over ClickHouse (see the module comment), for a window without legacy rooms (`plan.legacy` 0). @throws ClickHouseError */
export async function clickHouseRealtime(client: ClickHouseClient, app: string, from: number, to: number, plan: WindowPlan, overrides: ThresholdOverrides = {}): Promise<Realtime> {
	return realtimeFrom(await clickHouseRealtimeTallies(client, app, from, to, plan, overrides), from, to, overrides);
}
