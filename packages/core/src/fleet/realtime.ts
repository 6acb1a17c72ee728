import { openAt, unionIntervals, type Interval } from '../util/intervals.js';
import { DIMENSIONS, type Dimension } from './dimensions.js';
import type { ParticipantFact, RoomFact } from './facts.js';
import { qualityRates, type QualityRates } from './insights.js';
import { addCounters, emptyCounters, participantCounters, type QualityCounters } from './rollup.js';
import { alarmTable, type AlarmDefinition, type AlarmId, type ThresholdOverrides } from './thresholds.js';
import { allDescending, OTHER, topWithOther, type Share } from './top-five.js';

/**
 * Real-Time Data (sparkrtc-console-guide.txt §4.3) over a window of at most 24 hours ending at
 * "now": the wall clock when a live feed runs, else a moment of the imported data (replay).
 * Computed from the room facts of the window (storage/fleet.ts loads them from a few day rows).
 *
 * Counting rule: a connection's quality figures count in the window (and the time bucket) of its
 * join, as in the daily roll-ups.
 */

/** "Online now" looks back this far, like the console's "at most 5 minutes" data delay. */
export const ONLINE_NOW_MS = 5 * 60_000;

export interface Alarm {
	id: AlarmId;
	label: string;
	threshold: number;
	unit: '%' | 'ms';
	/** Users whose value is over the threshold, and the worst value. */
	users: number;
	worst: number;
}

export interface DimensionExperience {
	name: string;
	/** Users online in the window with this value. */
	users: Share;
	rates: QualityRates;
}

export interface Realtime {
	from: number;
	to: number;
	dashboard: {
		/** Rooms / users online in the last 5 minutes up to `to`. */
		onlineRooms: number;
		onlineUsers: number;
		/** Peaks within the window. */
		peakRooms: number;
		peakUsers: number;
		rates: QualityRates;
		usersByRegion: Share[];
		/** At most 6, most users first (the document: "a maximum of 6 alarms"). */
		alarms: Alarm[];
		/** Table 4-2 rows no imported input can measure (CPU). */
		unmeasurable: AlarmDefinition[];
		/** Users online in the window, and how many of them had a dump. */
		users: number;
		usersWithStats: number;
	};
	/** Online rooms/users at each step, columnar for uPlot. */
	scale: { t: Float64Array; rooms: Float64Array; users: Float64Array; distributions: Record<Dimension, Share[]> };
	/** Rates per time bucket of `bucketMs` (by join time), and per dimension value. */
	experience: {
		bucketMs: number;
		t: Float64Array;
		series: Record<keyof QualityRates, Float64Array>;
		byDimension: Record<Dimension, DimensionExperience[]>;
	};
}

/** Points on the online line: one per minute up to 24 h (1,441 points at most). */
export function stepFor(spanMs: number): number {
	return Math.max(60_000, Math.ceil(spanMs / 1440 / 60_000) * 60_000);
}

/** Time buckets of the rate charts: hourly for a day, 24 of them for shorter windows. */
export function bucketFor(spanMs: number): number {
	return Math.max(5 * 60_000, Math.ceil(spanMs / 24 / 60_000) * 60_000);
}

/**
 * What Real-time counts over the participants of a window, before shares and rates: the part a
 * store can compute where the rows are (the browser below, ClickHouse in
 * clickhouse/realtime-sql.ts); {@link realtimeFrom} turns either into the view's figures.
 * "Online" participants: leftAt ≥ from and joinAt ≤ to; "joined": joinAt in [from, to].
 */
export interface RealtimeTallies {
	/** Rooms / participants open at each step t_k = from + k·stepFor(to − from), [start, end). */
	roomsOpen: Float64Array;
	usersOpen: Float64Array;
	/** Room / participant intervals open within ONLINE_NOW_MS before `to`. */
	onlineRooms: number;
	onlineUsers: number;
	/** Quality counters of the joined participants: all, per bucketFor bucket of their join. */
	counters: QualityCounters;
	bucketCounters: QualityCounters[];
	/** Per dimension value: online participants, and the joined ones' counters. */
	usersBy: Record<Dimension, Map<string, number>>;
	countersBy: Record<Dimension, Map<string, QualityCounters>>;
	/** Per Table 4-2 row: online participants with the metric, those over the threshold, the worst value over it. */
	alarms: Record<AlarmId, { measured: number; affected: number; worst: number }>;
	/** Online participants, and those with stats (a dump). */
	users: number;
	usersWithStats: number;
}

/** Empty tallies for a window (every step at 0). */
export function emptyTallies(from: number, to: number, overrides: ThresholdOverrides = {}): RealtimeTallies {
	const count = Math.floor((to - from) / stepFor(to - from)) + 1;
	const buckets = Math.max(1, Math.ceil((to - from) / bucketFor(to - from)));
	const byDim = <T>() => Object.fromEntries(DIMENSIONS.map((d) => [d, new Map<string, T>()])) as Record<Dimension, Map<string, T>>;
	return {
		roomsOpen: new Float64Array(count),
		usersOpen: new Float64Array(count),
		onlineRooms: 0,
		onlineUsers: 0,
		counters: emptyCounters(),
		bucketCounters: Array.from({ length: buckets }, () => emptyCounters()),
		usersBy: byDim<number>(),
		countersBy: byDim<QualityCounters>(),
		alarms: Object.fromEntries(alarmTable(overrides).map((r) => [r.id, { measured: 0, affected: 0, worst: Number.NEGATIVE_INFINITY }])) as RealtimeTallies['alarms'],
		users: 0,
		usersWithStats: 0
	};
}

/** The tallies of rooms overlapping [from, to] (others are ignored), in this thread. */
export function realtimeTallies(rooms: readonly RoomFact[], from: number, to: number, overrides: ThresholdOverrides = {}): RealtimeTallies {
	const out = emptyTallies(from, to, overrides);
	const inWindow = rooms.filter((r) => r.endAt >= from && r.startAt <= to);
	const roomIntervals: Interval[] = [];
	const userIntervals: Interval[] = [];
	const online: ParticipantFact[] = [];
	const joined: ParticipantFact[] = [];
	for (const room of inWindow) {
		roomIntervals.push(...unionIntervals(room.participants.map((p) => ({ start: p.joinAt, end: p.leftAt }))));
		for (const p of room.participants) {
			if (p.leftAt < from || p.joinAt > to) continue;
			online.push(p);
			userIntervals.push({ start: p.joinAt, end: Math.max(p.leftAt, p.joinAt + 1) });
			if (p.joinAt >= from && p.joinAt <= to) joined.push(p);
		}
	}
	const step = stepFor(to - from);
	out.roomsOpen = openAt(roomIntervals, from, step, out.roomsOpen.length);
	out.usersOpen = openAt(userIntervals, from, step, out.usersOpen.length);
	const recent = (ivs: Interval[]) => ivs.filter((iv) => iv.end > to - ONLINE_NOW_MS && iv.start <= to).length;
	out.onlineRooms = recent(roomIntervals);
	out.onlineUsers = recent(userIntervals);
	const bucketMs = bucketFor(to - from);
	for (const p of joined) {
		const c = participantCounters(p);
		addCounters(out.counters, c);
		addCounters(out.bucketCounters[Math.min(out.bucketCounters.length - 1, Math.floor((p.joinAt - from) / bucketMs))] as QualityCounters, c);
		for (const dim of DIMENSIONS) {
			const v = p[dim];
			if (v === null) continue;
			const by = out.countersBy[dim];
			addCounters(by.get(v) ?? by.set(v, emptyCounters()).get(v)!, c);
		}
	}
	for (const p of online) {
		for (const dim of DIMENSIONS) {
			const v = p[dim];
			if (v !== null) out.usersBy[dim].set(v, (out.usersBy[dim].get(v) ?? 0) + 1);
		}
		for (const row of alarmTable(overrides)) {
			const v = p.stats?.metrics[row.id];
			if (v === undefined) continue;
			const a = out.alarms[row.id];
			a.measured++;
			if (v > row.threshold) {
				a.affected++;
				a.worst = Math.max(a.worst, v);
			}
		}
	}
	out.users = online.length;
	out.usersWithStats = online.filter((p) => p.stats).length;
	return out;
}

/**
 * @param rooms rooms overlapping [from, to] (others are ignored).
 * @param overrides Settings' threshold overrides.
 */
export function realtime(rooms: readonly RoomFact[], from: number, to: number, overrides: ThresholdOverrides = {}): Realtime {
	return realtimeFrom(realtimeTallies(rooms, from, to, overrides), from, to, overrides);
}

/** The view's figures from the tallies of a window, wherever they were counted. */
export function realtimeFrom(tallies: RealtimeTallies, from: number, to: number, overrides: ThresholdOverrides = {}): Realtime {
	const step = stepFor(to - from);
	const t = Float64Array.from({ length: tallies.roomsOpen.length }, (_, i) => from + i * step);
	const distributions = {} as Record<Dimension, Share[]>;
	const byDimension = {} as Record<Dimension, DimensionExperience[]>;
	for (const dim of DIMENSIONS) {
		const shares = dim === 'region' ? allDescending(tallies.usersBy[dim]) : topWithOther(tallies.usersBy[dim]);
		distributions[dim] = shares;
		byDimension[dim] = shares.map((share) => {
			const names = share.name === OTHER && share.members ? share.members : [share.name];
			const sum = emptyCounters();
			for (const n of names) {
				const c = tallies.countersBy[dim].get(n);
				if (c) addCounters(sum, c);
			}
			return { name: share.name, users: share, rates: qualityRates(sum) };
		});
	}

	const bucketMs = bucketFor(to - from);
	const bucketRates = tallies.bucketCounters.map(qualityRates);
	const rateKeys = Object.keys(qualityRates(emptyCounters())) as (keyof QualityRates)[];
	const series = Object.fromEntries(
		rateKeys.map((k) => [k, Float64Array.from(bucketRates, (r) => (r[k].value === null ? Number.NaN : r[k].value * 100))])
	) as Record<keyof QualityRates, Float64Array>;

	const table = alarmTable(overrides);
	const alarms: Alarm[] = [];
	const unmeasurable: AlarmDefinition[] = [];
	for (const row of table) {
		const a = tallies.alarms[row.id];
		if (a.measured === 0 && row.direction === 'device') unmeasurable.push(row);
		if (a.affected > 0) alarms.push({ id: row.id, label: row.label, threshold: row.threshold, unit: row.unit, users: a.affected, worst: a.worst });
	}
	alarms.sort((a, b) => b.users - a.users || table.findIndex((r) => r.id === a.id) - table.findIndex((r) => r.id === b.id));

	return {
		from,
		to,
		dashboard: {
			onlineRooms: tallies.onlineRooms,
			onlineUsers: tallies.onlineUsers,
			peakRooms: Math.max(0, ...tallies.roomsOpen),
			peakUsers: Math.max(0, ...tallies.usersOpen),
			rates: qualityRates(tallies.counters),
			usersByRegion: distributions.region,
			alarms: alarms.slice(0, 6),
			unmeasurable,
			users: tallies.users,
			usersWithStats: tallies.usersWithStats
		},
		scale: { t, rooms: tallies.roomsOpen, users: tallies.usersOpen, distributions },
		experience: {
			bucketMs,
			t: Float64Array.from({ length: tallies.bucketCounters.length }, (_, i) => from + i * bucketMs),
			series,
			byDimension
		}
	};
}
