import { peakConcurrency, segmentPeaks, unionIntervals, type Interval } from '../util/intervals.js';
import { DIMENSIONS } from './dimensions.js';
import { ALL_APPS, DAY_MS, HOUR_MS, STREAM_LOSS_COUNTS, type DayRollup, type ParticipantFact, type QualityCounters, type RoomFact } from '../model/fleet.js';
import { ROOM_LOADED_FAST_MS } from './thresholds.js';

/**
 * Daily roll-ups (DESIGN.md "Fleet aggregates per day"): one row per app and UTC day, kept by
 * the ingest worker when imports change (fleet/refresh.ts), so Data Insights and Duration
 * Statistics read at most 31 rows per app instead of every session.
 *
 * Counting rules, so that summing days never counts anything twice:
 * - minutes (calls, durations) are split at midnight: each day gets its part;
 * - a room counts on the day it started (its first join), with its distinct users;
 * - a join, and the quality figures of that connection, count on the day of the join;
 * - peaks are per day (a range shows their average, as SparkRTC's "per day" figures do).
 *
 * Persisted in `fleetDays`: renaming a field needs a storage migration (or a refresh).
 */

// The stored shapes and the day arithmetic are the model's (model/fleet.ts); the roll-up is here.
export { ALL_APPS, DAY_MS, HOUR_MS, dayOf, type DayRollup, type DimBucket, type DurationTotals, type FleetDayRow, type QualityCounters } from '../model/fleet.js';



export function emptyCounters(): QualityCounters {
	return {
		attempts: 0,
		loaded: 0,
		loaded5s: 0,
		videoMs: 0,
		videoFreezeMs: 0,
		audioMs: 0,
		audioFreezeMs: 0,
		videoStreams: 0,
		hqVideoStreams: 0,
		audioStreams: 0,
		hqAudioStreams: 0,
		upVideoStreams: 0,
		hqUpVideoStreams: 0,
		upAudioStreams: 0,
		hqUpAudioStreams: 0,
		pushes: 0,
		pushOk: 0,
		pulls: 0,
		pullOk: 0
	};
}

export function addCounters(into: QualityCounters, from: QualityCounters): QualityCounters {
	for (const key of Object.keys(into) as (keyof QualityCounters)[]) into[key] += from[key];
	return into;
}

/** One participant's contribution to the counters (counted on its join day). */
export function participantCounters(p: ParticipantFact): QualityCounters {
	const c = emptyCounters();
	if (p.attempted && p.loaded !== null) {
		c.attempts = 1;
		c.loaded = p.loaded ? 1 : 0;
		c.loaded5s = p.loaded && p.loadMs !== null && p.loadMs <= ROOM_LOADED_FAST_MS ? 1 : 0;
	}
	const s = p.stats;
	if (s) {
		c.videoMs = s.videoRecvMs;
		c.videoFreezeMs = s.videoFreezeMs;
		c.audioMs = s.audioRecvMs;
		c.audioFreezeMs = s.audioFreezeMs;
		for (const key of STREAM_LOSS_COUNTS) c[key] = s[key];
	}
	c.pushes = p.pushes;
	c.pushOk = p.pushes - p.pushFailures;
	c.pulls = p.pulls;
	c.pullOk = p.pulls - p.pullFailures;
	return c;
}


function overlap(start: number, end: number, from: number, to: number): number {
	return Math.max(0, Math.min(end, to) - Math.max(start, from));
}

/** The day's roll-up of each app and of all apps ({@link ALL_APPS}), from the rooms overlapping it. */
export function dayRollups(rooms: readonly RoomFact[], day: number): Map<string, DayRollup> {
	const end = day + DAY_MS;
	const byApp = new Map<string, RoomFact[]>();
	for (const room of rooms) {
		if (room.endAt < day || room.startAt >= end) continue;
		const list = byApp.get(room.app);
		if (list) list.push(room);
		else byApp.set(room.app, [room]);
	}
	const out = new Map<string, DayRollup>();
	for (const [app, list] of byApp) out.set(app, rollupOf(list, day, end));
	// One app: the all-apps roll-up is that app's (the same rooms), not counted a second time.
	if (byApp.size === 1) out.set(ALL_APPS, [...out.values()][0] as DayRollup);
	else if (byApp.size > 1) out.set(ALL_APPS, rollupOf([...byApp.values()].flat(), day, end));
	return out;
}

/** A day with nothing counted yet (the roll-up's starting point, and ClickHouse's). */
export function emptyRollup(): DayRollup {
	return {
		callMs: 0,
		videoCallMs: 0,
		audioCallMs: 0,
		rooms: 0,
		participants: 0,
		joins: 0,
		peakRooms: 0,
		peakUsers: 0,
		hourlyPeakUsers: new Array<number>(24).fill(0),
		durations: { audio: 0, sd: 0, hd: 0, uhd: 0, video: 0 },
		quality: emptyCounters(),
		dims: { region: {}, network: {}, os: {}, sdk: {} },
		coverage: { joins: 0, region: 0, network: 0, os: 0, sdk: 0, stats: 0, loadTiming: 0 }
	};
}

function rollupOf(rooms: readonly RoomFact[], day: number, end: number): DayRollup {
	const r = emptyRollup();
	const roomIntervals: Interval[] = [];
	const userIntervals: Interval[] = [];
	for (const room of rooms) {
		if (room.startAt >= day && room.startAt < end) {
			r.rooms++;
			r.participants += new Set(room.participants.map((p) => p.userKey)).size;
		}
		roomIntervals.push(...unionIntervals(room.participants.map((p) => ({ start: p.joinAt, end: p.leftAt }))));
		const perUser = new Map<string, Interval[]>();
		for (const p of room.participants) {
			const list = perUser.get(p.userKey);
			const iv = { start: p.joinAt, end: p.leftAt };
			if (list) list.push(iv);
			else perUser.set(p.userKey, [iv]);
			addParticipant(r, p, day, end);
		}
		for (const ivs of perUser.values()) userIntervals.push(...unionIntervals(ivs));
	}
	r.peakRooms = peakConcurrency(roomIntervals, day, end);
	r.peakUsers = peakConcurrency(userIntervals, day, end);
	r.hourlyPeakUsers = segmentPeaks(userIntervals, day, HOUR_MS, 24);
	return r;
}

function addParticipant(r: DayRollup, p: ParticipantFact, day: number, end: number): void {
	const callMs = overlap(p.joinAt, p.leftAt, day, end);
	r.callMs += callMs;
	if (p.video) r.videoCallMs += callMs;
	else r.audioCallMs += callMs;
	for (const m of p.media) r.durations[m.cls] += overlap(m.startAt, m.endAt, day, end);
	const joinedToday = p.joinAt >= day && p.joinAt < end;
	const counters = joinedToday ? participantCounters(p) : null;
	if (counters) {
		r.joins++;
		addCounters(r.quality, counters);
		r.coverage.joins++;
		if (p.stats) r.coverage.stats++;
		if (p.loaded !== null) r.coverage.loadTiming++;
	}
	for (const dim of DIMENSIONS) {
		const value = p[dim];
		if (value === null) continue;
		const bucket = (r.dims[dim][value] ??= { callMs: 0, joins: 0, q: emptyCounters() });
		bucket.callMs += callMs;
		if (counters) {
			bucket.joins++;
			addCounters(bucket.q, counters);
			r.coverage[dim]++;
		}
	}
}
