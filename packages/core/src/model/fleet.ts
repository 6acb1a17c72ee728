import type { AlarmId } from './alarms.js';
import type { ResolutionClass } from './quality.js';

/**
 * Fleet facts: what the fleet views need from one room, reduced from its session model and the
 * quality streams of the dumps taken in it. Built by the ingest worker when it refreshes the
 * roll-ups (fleet/refresh.ts, fleet/facts.ts) and stored per day, so the views never parse events.
 *
 * Persisted in `fleetFacts` rows: renaming a field needs a storage migration (or a refresh).
 */

/**
 * The four dimensions every fleet figure is split by (sparkrtc-console-guide.txt §4.2: region,
 * network type, OS, SDK version); fleet/dimensions.ts reads them from the inputs.
 */
export const DIMENSIONS = ['region', 'network', 'os', 'sdk'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const DAY_MS = 86_400_000;

/** The app key of the all-apps roll-ups (peaks across apps can't be summed from per-app rows). */
export const ALL_APPS = '*';
export const HOUR_MS = 3_600_000;

/** UTC midnight at or before `at`. */
export function dayOf(at: number): number {
	return Math.floor(at / DAY_MS) * DAY_MS;
}

/** First and last day with a roll-up (UTC midnights) and the newest moment with data, UTC ms. */
export interface FleetExtent {
	firstDay: number;
	lastDay: number;
	newestAt: number;
}

/** Media sent or received over a time: audio only, or video of a resolution class. */
export interface MediaInterval {
	/** UTC ms. */
	startAt: number;
	endAt: number;
	/** `video` = video of unknown resolution. */
	cls: ResolutionClass | 'audio' | 'video';
}

/**
 * RTP streams (sent and received) with a packet-loss average, and those at ≤ 5 % (HQ); then the
 * same for sent streams only (SparkRTC §4.3 Network: "HQ video/audio upload"). A participant's
 * dump has them ({@link StatsFact}) and a day's roll-up sums them ({@link QualityCounters}).
 */
export interface StreamLossCounts {
	videoStreams: number;
	hqVideoStreams: number;
	audioStreams: number;
	hqAudioStreams: number;
	upVideoStreams: number;
	hqUpVideoStreams: number;
	upAudioStreams: number;
	hqUpAudioStreams: number;
}

/** The fields of {@link StreamLossCounts}, to copy them from a participant's stats into its counters. */
export const STREAM_LOSS_COUNTS = [
	'videoStreams',
	'hqVideoStreams',
	'audioStreams',
	'hqAudioStreams',
	'upVideoStreams',
	'hqUpVideoStreams',
	'upAudioStreams',
	'hqUpAudioStreams'
] as const satisfies readonly (keyof StreamLossCounts)[];

/** What a participant's dump says about the quality it got and gave. */
export interface StatsFact extends StreamLossCounts {
	/** Time covered by received video / audio streams, ms, and the part of it frozen. */
	videoRecvMs: number;
	videoFreezeMs: number;
	audioRecvMs: number;
	audioFreezeMs: number;
	/** Table 4-2 metrics (fleet/thresholds.ts): the worst per-stream average, in the row's unit. */
	metrics: Partial<Record<AlarmId, number>>;
	/** UTC ms of the first counted video / audio freeze, null when none. */
	firstVideoFreezeAt: number | null;
	firstAudioFreezeAt: number | null;
}

/** One connection of one user to a room (DESIGN.md "participant"). */
export interface ParticipantFact {
	participantId: string;
	/** analysis/users.ts: the same user in n rooms counts n call participants. */
	userKey: string;
	/** How to name the user: its clientData (untrusted text, cut to 60 characters) or the id. */
	label: string;
	/** UTC ms; `leftAt` is the end of the data when the leave was not seen. */
	joinAt: number;
	leftAt: number;
	/** The join itself was seen (participantJoined, or a dump's peer connection creation). */
	attempted: boolean;
	region: string | null;
	os: string | null;
	sdk: string | null;
	network: string | null;
	/**
	 * Join attempt → media connected, ms: from the dump's update log when there is one, else
	 * participantJoined → the participant's first webrtcConnectionCreated. null when it never
	 * connected or the attempt was not seen.
	 */
	loadMs: number | null;
	/** true when media connected after the attempt; null when the attempt was not seen. */
	loaded: boolean | null;
	loadSource: 'cdr' | 'dump' | null;
	/** Sent or received any video (the call's minutes count as video minutes). */
	video: boolean;
	/** Publications and subscriptions over time, for Duration Statistics. */
	media: MediaInterval[];
	/** Streams published / subscribed, and those that ended for a failure reason. */
	pushes: number;
	pushFailures: number;
	pulls: number;
	pullFailures: number;
	stats: StatsFact | null;
}

/** One room (session) with its participants. */
export interface RoomFact {
	app: string;
	sessionKey: string;
	sessionId: string;
	/** First join and last leave, UTC ms. */
	startAt: number;
	endAt: number;
	participants: ParticipantFact[];
}

/**
 * The rooms of one app that overlap one UTC day (a room spanning midnight is in both days).
 * The rooms are one JSON string of `RoomFact[]` (read with storage/fleet.ts `factRooms`), for the reason event
 * blocks are: structured-cloning a day's thousands of small nested objects into IndexedDB was a
 * fifth of the fleet roll-up's time (profile of the 101 MB CDR's import, 2026-12-01); copying one
 * string is not. Stored as `rooms` (objects) before storage version 8.
 */
export interface FleetFactsRow {
	app: string;
	/** UTC midnight, ms. */
	day: number;
	roomsJson: string;
}

/** Counters behind every quality rate; each rate is a ratio of two of them. Stream counts: dumps only. */
export interface QualityCounters extends StreamLossCounts {
	/** Joins seen (attempts), joins whose media connected, and those connected within 5 s. */
	attempts: number;
	loaded: number;
	loaded5s: number;
	/** Received video/audio time and the frozen part of it, ms (dumps only). */
	videoMs: number;
	videoFreezeMs: number;
	audioMs: number;
	audioFreezeMs: number;
	/** Publications / subscriptions and those that did not end for a failure reason. */
	pushes: number;
	pushOk: number;
	pulls: number;
	pullOk: number;
}

// Day roll-ups: fleet/rollup.ts builds them (its counting rules); persisted in `fleetDays`, so
// renaming a field needs a storage migration (or a refresh).

export interface DimBucket {
	/** Call minutes of the day, ms. */
	callMs: number;
	/** Joins of the day. */
	joins: number;
	q: QualityCounters;
}

/** Minutes by Duration Statistics class, ms. `video` = video of unknown resolution. */
export interface DurationTotals {
	audio: number;
	sd: number;
	hd: number;
	uhd: number;
	video: number;
}

export interface DayRollup {
	/** Call duration of all users, ms; video when the user sent or received video, else audio. */
	callMs: number;
	videoCallMs: number;
	audioCallMs: number;
	/** Rooms that started this day. */
	rooms: number;
	/** Distinct users of the rooms that started this day (one user in n rooms counts n). */
	participants: number;
	/** Joins (call sessions) this day. */
	joins: number;
	peakRooms: number;
	/** Peak of connections online at once (a user in n rooms counts n). */
	peakUsers: number;
	/** Peak users in each UTC hour of the day (24 values). */
	hourlyPeakUsers: number[];
	durations: DurationTotals;
	quality: QualityCounters;
	dims: Record<Dimension, Record<string, DimBucket>>;
	/** Joins of the day, and how many of them carried each dimension, stats, and load timing. */
	coverage: Record<Dimension | 'joins' | 'stats' | 'loadTiming', number>;
}

export interface FleetDayRow {
	app: string;
	/** UTC midnight, ms. */
	day: number;
	rollup: DayRollup;
}
