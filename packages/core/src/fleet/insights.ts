import { DIMENSIONS, type Dimension } from './dimensions.js';
import {
	addCounters,
	DAY_MS,
	emptyCounters,
	HOUR_MS,
	type DayRollup,
	type DimBucket,
	type FleetDayRow,
	type QualityCounters
} from './rollup.js';
import { allDescending, OTHER, topWithOther, type Share } from './top-five.js';

/**
 * Data Insights (sparkrtc-console-guide.txt §4.2) over a range of daily roll-ups of one app
 * (or the all-apps rows). Pure: the view reads ≤ 31 rows and calls this.
 */

/** A ratio with its parts; `value` is null when the denominator is 0 ("no data", never 0 %). */
export interface Rate {
	value: number | null;
	num: number;
	den: number;
}

export function rate(num: number, den: number): Rate {
	return { value: den > 0 ? num / den : null, num, den };
}

export interface QualityRates {
	roomLoaded: Rate;
	roomLoaded5s: Rate;
	videoFreeze: Rate;
	audioFreeze: Rate;
	hqVideo: Rate;
	hqAudio: Rate;
	hqUpVideo: Rate;
	hqUpAudio: Rate;
	pushOk: Rate;
	pullOk: Rate;
}

export function qualityRates(q: QualityCounters): QualityRates {
	return {
		roomLoaded: rate(q.loaded, q.attempts),
		roomLoaded5s: rate(q.loaded5s, q.attempts),
		videoFreeze: rate(q.videoFreezeMs, q.videoMs),
		audioFreeze: rate(q.audioFreezeMs, q.audioMs),
		hqVideo: rate(q.hqVideoStreams, q.videoStreams),
		hqAudio: rate(q.hqAudioStreams, q.audioStreams),
		hqUpVideo: rate(q.hqUpVideoStreams, q.upVideoStreams),
		hqUpAudio: rate(q.hqUpAudioStreams, q.upAudioStreams),
		pushOk: rate(q.pushOk, q.pushes),
		pullOk: rate(q.pullOk, q.pulls)
	};
}

/** One row of the "Details" table (and its CSV). Minutes, counts and rates (0..1 or null). */
export interface DailyDetail {
	/** UTC midnight, ms. */
	day: number;
	callMin: number;
	videoMin: number;
	audioMin: number;
	rooms: number;
	peakRooms: number;
	peakUsers: number;
	participants: number;
	joins: number;
	rates: QualityRates;
}

export interface DimensionQuality {
	name: string;
	/** Share of the range's call minutes among the items with this dimension known. */
	usage: Share;
	joins: number;
	rates: QualityRates;
}

export interface Insights {
	from: number;
	/** Exclusive end, UTC midnight. */
	to: number;
	days: number;
	usage: {
		callMin: number;
		videoMin: number;
		audioMin: number;
		rooms: number;
		avgPeakRooms: number;
		avgPeakUsers: number;
		participants: number;
		joins: number;
	};
	/** Call minutes by dimension: regions all descending, the others top 5 with Other. */
	distributions: Record<Dimension, Share[]>;
	/** Joins in the range, and how many carried each dimension, stats and load timing. */
	coverage: DayRollup['coverage'];
	quality: QualityRates;
	qualityByDimension: Record<Dimension, DimensionQuality[]>;
	/** Peak users per UTC hour over the range ("max concurrent online users by time segment"). */
	hourly: { t: Float64Array; peakUsers: Float64Array };
	daily: DailyDetail[];
}

const minutes = (ms: number) => ms / 60_000;

/**
 * @param rows the range's roll-ups of one app (or the all-apps rows), any order; days without a
 *   row count as days with no calls.
 * @param from first day, UTC midnight; @param to exclusive end, UTC midnight.
 */
export function summarizeInsights(rows: readonly FleetDayRow[], from: number, to: number): Insights {
	const days = Math.max(0, Math.round((to - from) / DAY_MS));
	const byDay = new Map(rows.filter((r) => r.day >= from && r.day < to).map((r) => [r.day, r.rollup]));
	const quality = emptyCounters();
	const coverage = { joins: 0, region: 0, network: 0, os: 0, sdk: 0, stats: 0, loadTiming: 0 };
	const dims: Record<Dimension, Map<string, DimBucket>> = {
		region: new Map(),
		network: new Map(),
		os: new Map(),
		sdk: new Map()
	};
	const usage = { callMin: 0, videoMin: 0, audioMin: 0, rooms: 0, avgPeakRooms: 0, avgPeakUsers: 0, participants: 0, joins: 0 };
	const daily: DailyDetail[] = [];
	const hours = days * 24;
	const hourlyT = new Float64Array(hours);
	const hourlyPeak = new Float64Array(hours);
	for (let i = 0; i < days; i++) {
		const day = from + i * DAY_MS;
		const r = byDay.get(day);
		for (let h = 0; h < 24; h++) {
			hourlyT[i * 24 + h] = day + h * HOUR_MS;
			hourlyPeak[i * 24 + h] = r?.hourlyPeakUsers[h] ?? 0;
		}
		if (!r) continue;
		usage.callMin += minutes(r.callMs);
		usage.videoMin += minutes(r.videoCallMs);
		usage.audioMin += minutes(r.audioCallMs);
		usage.rooms += r.rooms;
		usage.participants += r.participants;
		usage.joins += r.joins;
		usage.avgPeakRooms += r.peakRooms;
		usage.avgPeakUsers += r.peakUsers;
		addCounters(quality, r.quality);
		for (const key of Object.keys(coverage) as (keyof typeof coverage)[]) coverage[key] += r.coverage[key];
		for (const dim of DIMENSIONS) {
			for (const [name, b] of Object.entries(r.dims[dim])) {
				const into = dims[dim].get(name) ?? { callMs: 0, joins: 0, q: emptyCounters() };
				into.callMs += b.callMs;
				into.joins += b.joins;
				addCounters(into.q, b.q);
				dims[dim].set(name, into);
			}
		}
		daily.push({
			day,
			callMin: minutes(r.callMs),
			videoMin: minutes(r.videoCallMs),
			audioMin: minutes(r.audioCallMs),
			rooms: r.rooms,
			peakRooms: r.peakRooms,
			peakUsers: r.peakUsers,
			participants: r.participants,
			joins: r.joins,
			rates: qualityRates(r.quality)
		});
	}
	if (days > 0) {
		usage.avgPeakRooms /= days;
		usage.avgPeakUsers /= days;
	}
	const distributions = {} as Record<Dimension, Share[]>;
	const qualityByDimension = {} as Record<Dimension, DimensionQuality[]>;
	for (const dim of DIMENSIONS) {
		const callMs = new Map([...dims[dim]].map(([name, b]) => [name, minutes(b.callMs)] as const));
		const shares = dim === 'region' ? allDescending(callMs) : topWithOther(callMs);
		distributions[dim] = shares;
		qualityByDimension[dim] = shares.map((share) => {
			const names = share.name === OTHER && share.members ? share.members : [share.name];
			const q = emptyCounters();
			let joins = 0;
			for (const n of names) {
				const b = dims[dim].get(n);
				if (!b) continue;
				addCounters(q, b.q);
				joins += b.joins;
			}
			return { name: share.name, usage: share, joins, rates: qualityRates(q) };
		});
	}
	return {
		from,
		to,
		days,
		usage,
		distributions,
		coverage,
		quality: qualityRates(quality),
		qualityByDimension,
		hourly: { t: hourlyT, peakUsers: hourlyPeak },
		daily
	};
}
