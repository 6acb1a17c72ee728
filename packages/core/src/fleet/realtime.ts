import { openAt, unionIntervals, type Interval } from './concurrency.js';
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
function stepFor(spanMs: number): number {
	return Math.max(60_000, Math.ceil(spanMs / 1440 / 60_000) * 60_000);
}

/** Time buckets of the rate charts: hourly for a day, 24 of them for shorter windows. */
function bucketFor(spanMs: number): number {
	return Math.max(5 * 60_000, Math.ceil(spanMs / 24 / 60_000) * 60_000);
}

/**
 * @param rooms rooms overlapping [from, to] (others are ignored).
 * @param overrides Settings' threshold overrides.
 */
export function realtime(rooms: readonly RoomFact[], from: number, to: number, overrides: ThresholdOverrides = {}): Realtime {
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
	const count = Math.floor((to - from) / step) + 1;
	const t = Float64Array.from({ length: count }, (_, i) => from + i * step);
	const rooms_ = openAt(roomIntervals, from, step, count);
	const users = openAt(userIntervals, from, step, count);
	const recent = (ivs: Interval[]) => ivs.filter((iv) => iv.end > to - ONLINE_NOW_MS && iv.start <= to).length;

	const counters = emptyCounters();
	for (const p of joined) addCounters(counters, participantCounters(p));

	const byDim = (dim: Dimension) => {
		const usersBy = new Map<string, number>();
		const q = new Map<string, QualityCounters>();
		for (const p of online) {
			const v = p[dim];
			if (v === null) continue;
			usersBy.set(v, (usersBy.get(v) ?? 0) + 1);
		}
		for (const p of joined) {
			const v = p[dim];
			if (v === null) continue;
			addCounters(q.get(v) ?? q.set(v, emptyCounters()).get(v)!, participantCounters(p));
		}
		const shares = dim === 'region' ? allDescending(usersBy) : topWithOther(usersBy);
		return {
			shares,
			experience: shares.map((share) => {
				const names = share.name === OTHER && share.members ? share.members : [share.name];
				const sum = emptyCounters();
				for (const n of names) {
					const c = q.get(n);
					if (c) addCounters(sum, c);
				}
				return { name: share.name, users: share, rates: qualityRates(sum) };
			})
		};
	};
	const distributions = {} as Record<Dimension, Share[]>;
	const byDimension = {} as Record<Dimension, DimensionExperience[]>;
	for (const dim of DIMENSIONS) {
		const d = byDim(dim);
		distributions[dim] = d.shares;
		byDimension[dim] = d.experience;
	}

	const bucketMs = bucketFor(to - from);
	const buckets = Math.max(1, Math.ceil((to - from) / bucketMs));
	const bucketCounters = Array.from({ length: buckets }, () => emptyCounters());
	for (const p of joined) {
		const i = Math.min(buckets - 1, Math.floor((p.joinAt - from) / bucketMs));
		addCounters(bucketCounters[i] as QualityCounters, participantCounters(p));
	}
	const bucketRates = bucketCounters.map(qualityRates);
	const rateKeys = Object.keys(qualityRates(emptyCounters())) as (keyof QualityRates)[];
	const series = Object.fromEntries(
		rateKeys.map((k) => [k, Float64Array.from(bucketRates, (r) => (r[k].value === null ? Number.NaN : r[k].value * 100))])
	) as Record<keyof QualityRates, Float64Array>;

	const table = alarmTable(overrides);
	const alarms: Alarm[] = [];
	const unmeasurable: AlarmDefinition[] = [];
	for (const row of table) {
		let affected = 0;
		let worst = Number.NEGATIVE_INFINITY;
		let measured = false;
		for (const p of online) {
			const v = p.stats?.metrics[row.id];
			if (v === undefined) continue;
			measured = true;
			if (v > row.threshold) {
				affected++;
				worst = Math.max(worst, v);
			}
		}
		if (!measured && row.direction === 'device') unmeasurable.push(row);
		if (affected > 0) alarms.push({ id: row.id, label: row.label, threshold: row.threshold, unit: row.unit, users: affected, worst });
	}
	alarms.sort((a, b) => b.users - a.users || table.findIndex((r) => r.id === a.id) - table.findIndex((r) => r.id === b.id));

	return {
		from,
		to,
		dashboard: {
			onlineRooms: recent(roomIntervals),
			onlineUsers: recent(userIntervals),
			peakRooms: Math.max(0, ...rooms_),
			peakUsers: Math.max(0, ...users),
			rates: qualityRates(counters),
			usersByRegion: distributions.region,
			alarms: alarms.slice(0, 6),
			unmeasurable,
			users: online.length,
			usersWithStats: online.filter((p) => p.stats).length
		},
		scale: { t, rooms: rooms_, users, distributions },
		experience: {
			bucketMs,
			t: Float64Array.from({ length: buckets }, (_, i) => from + i * bucketMs),
			series,
			byDimension
		}
	};
}
