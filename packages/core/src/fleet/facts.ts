import { classifyReason } from '../model/end-reasons.js';
import type { QualityStreamRow } from '../model/rows.js';
import type { Participant, Publication, SessionModel, Subscription } from '../model/session.js';
import { parsePlatform } from '../analysis/platform.js';
import { networkOf, osOf, regionOf, sdkOf } from './dimensions.js';
import { resolutionClass, type ResolutionClass } from './resolution.js';
import {
	AUDIO_FREEZE_MIN_MS,
	HQ_MAX_LOSS_PCT,
	VIDEO_FREEZE_MIN_MS,
	type AlarmId
} from './thresholds.js';

/**
 * Fleet facts: what the fleet views need from one room, reduced from its session model and the
 * quality streams of the dumps taken in it. Built by the ingest worker when it refreshes the
 * roll-ups (storage/fleet.ts) and stored per day, so the views never parse events.
 *
 * Persisted in `fleetFacts` rows: renaming a field needs a storage migration (or a refresh).
 */

/** Media sent or received over a time: audio only, or video of a resolution class. */
export interface MediaInterval {
	/** UTC ms. */
	startAt: number;
	endAt: number;
	/** `video` = video of unknown resolution. */
	cls: ResolutionClass | 'audio' | 'video';
}

/** What a participant's dump says about the quality it got and gave. */
export interface StatsFact {
	/** Time covered by received video / audio streams, ms, and the part of it frozen. */
	videoRecvMs: number;
	videoFreezeMs: number;
	audioRecvMs: number;
	audioFreezeMs: number;
	/** RTP streams (sent and received) with a packet-loss average, and those at ≤ 5 %. */
	videoStreams: number;
	hqVideoStreams: number;
	audioStreams: number;
	hqAudioStreams: number;
	/** The same for sent streams only (SparkRTC §4.3 Network: "HQ video/audio upload"). */
	upVideoStreams: number;
	hqUpVideoStreams: number;
	upAudioStreams: number;
	hqUpAudioStreams: number;
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


/** A dump's streams taken in a room, to attach to one of its participants. */
export interface DumpStreams {
	/** The dump's own session key (one dump = one browser = one participant). */
	dumpKey: string;
	streams: QualityStreamRow[];
}

/** How far a dump's first peer connection may be from a participant's join to match it. */
export const DUMP_MATCH_WINDOW_MS = 60_000;

/**
 * The facts of a provider session (OpenVidu CDR), with the dumps linked to it attached to the
 * participants they were taken by: the participant named by a manual link, else the one whose
 * join is closest to the dump's first peer connection (within {@link DUMP_MATCH_WINDOW_MS}),
 * preferring the same browser.
 */
export function roomFacts(model: SessionModel, app: string, dumps: readonly DumpStreams[] = []): RoomFact | null {
	if (model.participants.length === 0) return null;
	const end = model.destroyedAt ?? model.lastAt;
	const byParticipant = matchDumps(model.participants, dumps);
	const media = mediaOf(model);
	const participants = model.participants.map((p) => participantFact(media, p, end, byParticipant.get(p.participantId) ?? []));
	return {
		app,
		sessionKey: model.key,
		sessionId: model.sessionId,
		startAt: Math.min(...participants.map((p) => p.joinAt)),
		endAt: Math.max(...participants.map((p) => p.leftAt)),
		participants
	};
}

/**
 * The facts of a dump that is not linked to any provider session: one room with one participant
 * (the browser the dump was taken in), whose peer connections are its connections.
 */
export function dumpRoomFacts(model: SessionModel, app: string, streams: readonly QualityStreamRow[]): RoomFact | null {
	if (streams.length === 0 && model.participants.length === 0) return null;
	const setups = streams.map((s) => s.setup).filter((s) => s !== undefined);
	const starts = [...setups.map((s) => s.startAt), ...model.participants.map((p) => p.joinedAt)];
	const joinAt = starts.length > 0 ? Math.min(...starts) : model.firstAt;
	const leftAt = Math.max(model.lastAt, ...streams.map((s) => s.lastAt));
	const platform = setups.find((s) => s.platform)?.platform ?? model.participants.find((p) => p.platform)?.platform ?? null;
	const load = dumpLoad(streams);
	const stats = statsFact(streams);
	const media = dumpMedia(streams);
	const fact: ParticipantFact = {
		participantId: model.sessionId,
		userKey: `dump:${model.key}`,
		label: `dump ${model.sessionId}`.slice(0, 60),
		joinAt,
		leftAt: Math.max(joinAt, leftAt),
		attempted: setups.length > 0,
		region: null,
		os: osOf(platform),
		sdk: sdkOf(platform),
		network: networkFromStreams(streams),
		loadMs: load?.loadMs ?? null,
		loaded: load ? load.loaded : null,
		loadSource: load ? 'dump' : null,
		video: streams.some((s) => s.kind === 'video'),
		media,
		pushes: new Set(streams.filter((s) => s.direction === 'outbound').map((s) => s.pcId)).size,
		pushFailures: 0,
		pulls: new Set(streams.filter((s) => s.direction === 'inbound').map((s) => s.pcId)).size,
		pullFailures: 0,
		stats
	};
	return { app, sessionKey: model.key, sessionId: model.sessionId, startAt: fact.joinAt, endAt: fact.leftAt, participants: [fact] };
}

/** A session's publications and subscriptions grouped by participant, and publications by stream. */
interface SessionMedia {
	pubsOf: ReadonlyMap<string, Publication[]>;
	subsOf: ReadonlyMap<string, Subscription[]>;
	byStream: ReadonlyMap<string, Publication>;
}

// Built once per session: per participant, a scan of every publication and subscription made
// large rooms quadratic (a third of the fleet roll-up's time, profile 2026-12-01).
function mediaOf(model: SessionModel): SessionMedia {
	const pubsOf = new Map<string, Publication[]>();
	const subsOf = new Map<string, Subscription[]>();
	for (const x of model.publications) pushTo(pubsOf, x.participantId, x);
	for (const x of model.subscriptions) pushTo(subsOf, x.subscriberId, x);
	return { pubsOf, subsOf, byStream: new Map(model.publications.map((x) => [x.streamId, x] as const)) };
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
	const list = map.get(key);
	if (list) list.push(value);
	else map.set(key, [value]);
}

function participantFact(session: SessionMedia, p: Participant, sessionEnd: number, dumps: QualityStreamRow[]): ParticipantFact {
	const leftAt = Math.max(p.joinedAt, p.leftAt ?? sessionEnd);
	const pubs = session.pubsOf.get(p.participantId) ?? [];
	const subs = session.subsOf.get(p.participantId) ?? [];
	const dims = session.byStream;
	const media: MediaInterval[] = [];
	let video = false;
	const add = (startAt: number, endAt: number | null, hasVideo: boolean | null, hasAudio: boolean | null, w: number | null, h: number | null) => {
		const end = Math.max(startAt, endAt ?? leftAt);
		if (hasVideo) {
			video = true;
			media.push({ startAt, endAt: end, cls: resolutionClass(w, h) ?? 'video' });
		} else if (hasAudio !== false) media.push({ startAt, endAt: end, cls: 'audio' });
	};
	for (const pub of pubs) add(pub.startedAt, pub.endedAt, pub.hasVideo, pub.hasAudio, pub.widthPx, pub.heightPx);
	for (const sub of subs) {
		const pub = sub.streamId ? dims.get(sub.streamId) : undefined;
		add(sub.startedAt, sub.endedAt, sub.hasVideo, sub.hasAudio, pub?.widthPx ?? null, pub?.heightPx ?? null);
	}
	// The CDR's join timing: participantJoined → first webrtcConnectionCreated of the participant.
	let firstMedia = Infinity;
	for (const x of [...pubs, ...subs]) if (x.startedAt >= p.joinedAt - 1_000 && x.startedAt < firstMedia) firstMedia = x.startedAt;
	let loadMs: number | null = null;
	let loaded: boolean | null = null;
	let loadSource: ParticipantFact['loadSource'] = null;
	if (!p.joinInferred) {
		loaded = Number.isFinite(firstMedia);
		loadMs = loaded ? Math.max(0, firstMedia - p.joinedAt) : null;
		loadSource = 'cdr';
	}
	const dumpLoaded = dumps.length > 0 ? dumpLoad(dumps) : null;
	if (dumpLoaded) {
		loaded = dumpLoaded.loaded;
		loadMs = dumpLoaded.loadMs;
		loadSource = 'dump';
	}
	const endpointFromDump = dumps.find((s) => s.setup?.platform)?.setup?.platform ?? null;
	const platform = p.platform ?? endpointFromDump;
	return {
		participantId: p.participantId,
		userKey: p.userKey,
		label: (p.clientData?.trim() || p.participantId).slice(0, 60),
		joinAt: p.joinedAt,
		leftAt,
		attempted: !p.joinInferred,
		region: regionOf(p.location),
		os: osOf(platform),
		sdk: sdkOf(platform),
		network: networkFromStreams(dumps),
		loadMs,
		loaded,
		loadSource,
		video,
		media,
		pushes: pubs.length,
		pushFailures: pubs.filter((x) => classifyReason(x.endReason) === 'failure').length,
		pulls: subs.length,
		pullFailures: subs.filter((x) => classifyReason(x.endReason) === 'failure').length,
		stats: dumps.length > 0 ? statsFact(dumps) : null
	};
}

/** Which participant each dump belongs to (see {@link roomFacts}). */
function matchDumps(participants: readonly Participant[], dumps: readonly DumpStreams[]): Map<string, QualityStreamRow[]> {
	const out = new Map<string, QualityStreamRow[]>();
	const ids = new Set(participants.map((p) => p.participantId));
	for (const dump of dumps) {
		const named = dump.streams.find((s) => s.linkedParticipantId && ids.has(s.linkedParticipantId))?.linkedParticipantId;
		let target = named ?? null;
		if (!target) {
			const starts = dump.streams.map((s) => s.setup?.startAt ?? s.firstAt);
			const start = Math.min(...starts);
			const endpoint = parsePlatform(dump.streams.find((s) => s.setup?.platform)?.setup?.platform)?.endpoint ?? null;
			let best: { id: string; score: number } | null = null;
			for (const p of participants) {
				const gap = Math.abs(p.joinedAt - start);
				if (gap > DUMP_MATCH_WINDOW_MS) continue;
				const sameBrowser = endpoint !== null && parsePlatform(p.platform)?.endpoint === endpoint;
				const score = gap - (sameBrowser ? DUMP_MATCH_WINDOW_MS : 0);
				if (!best || score < best.score) best = { id: p.participantId, score };
			}
			target = best?.id ?? null;
		}
		if (!target) continue;
		const list = out.get(target);
		if (list) list.push(...dump.streams);
		else out.set(target, [...dump.streams]);
	}
	return out;
}

/** Join timing from a dump: its first peer connection's creation → the first `connected`. */
function dumpLoad(streams: readonly QualityStreamRow[]): { loaded: boolean; loadMs: number | null } | null {
	const setups = streams.map((s) => s.setup).filter((s) => s !== undefined);
	if (setups.length === 0) return null;
	const start = Math.min(...setups.map((s) => s.startAt));
	const connected = setups.map((s) => s.connectedAt).filter((t): t is number => t !== null);
	if (connected.length === 0) return { loaded: false, loadMs: null };
	return { loaded: true, loadMs: Math.max(0, Math.min(...connected) - start) };
}

function networkFromStreams(streams: readonly QualityStreamRow[]): string | null {
	for (const s of streams) {
		const type = networkOf(s.selectedPair?.local?.networkType);
		if (type) return type;
	}
	return null;
}

/** Media intervals of a dump's RTP streams: video by its resolution runs, else audio. */
function dumpMedia(streams: readonly QualityStreamRow[]): MediaInterval[] {
	const out: MediaInterval[] = [];
	const videoPcs = new Set(streams.filter((s) => s.kind === 'video').map((s) => `${s.pcId}|${s.direction}`));
	for (const s of streams) {
		if (s.direction === 'connection' || s.lastAt <= s.firstAt) continue;
		if (s.kind === 'video') {
			const runs = s.summary.resolutionRuns ?? [];
			if (runs.length > 0) for (const r of runs) out.push({ startAt: r.startAt, endAt: r.endAt, cls: r.cls });
			else out.push({ startAt: s.firstAt, endAt: s.lastAt, cls: 'video' });
		} else if (s.kind === 'audio' && !videoPcs.has(`${s.pcId}|${s.direction}`)) {
			// Audio sent or received with video on the same connection counts as video time.
			out.push({ startAt: s.firstAt, endAt: s.lastAt, cls: 'audio' });
		}
	}
	return out;
}

/**
 * Quality from a participant's dump streams (see {@link StatsFact}). Freezes count from 600 ms
 * (video) and 200 ms (audio) per stats interval, sparkrtc-console-guide.txt §4.2.
 */
export function statsFact(streams: readonly QualityStreamRow[]): StatsFact {
	const f: StatsFact = {
		videoRecvMs: 0,
		videoFreezeMs: 0,
		audioRecvMs: 0,
		audioFreezeMs: 0,
		videoStreams: 0,
		hqVideoStreams: 0,
		audioStreams: 0,
		hqAudioStreams: 0,
		upVideoStreams: 0,
		hqUpVideoStreams: 0,
		upAudioStreams: 0,
		hqUpAudioStreams: 0,
		metrics: {},
		firstVideoFreezeAt: null,
		firstAudioFreezeAt: null
	};
	const worst = (id: AlarmId, value: number | null) => {
		if (value === null || !Number.isFinite(value)) return;
		const prev = f.metrics[id];
		if (prev === undefined || value > prev) f.metrics[id] = value;
	};
	for (const s of streams) {
		if (s.direction === 'connection' || !s.kind) continue;
		const video = s.kind === 'video';
		const up = s.direction === 'outbound';
		const sum = s.summary;
		const loss = sum.packetLossPctAvg;
		if (loss !== null) {
			const hq = loss <= HQ_MAX_LOSS_PCT ? 1 : 0;
			if (video) {
				f.videoStreams++;
				f.hqVideoStreams += hq;
				if (up) {
					f.upVideoStreams++;
					f.hqUpVideoStreams += hq;
				}
			} else {
				f.audioStreams++;
				f.hqAudioStreams += hq;
				if (up) {
					f.upAudioStreams++;
					f.hqUpAudioStreams += hq;
				}
			}
		}
		const dir = up ? 'uplink' : 'downlink';
		const kind = video ? 'Video' : 'Audio';
		worst(`${dir}${kind}Latency` as AlarmId, sum.rttMsAvg);
		worst(`${dir}${kind}Jitter` as AlarmId, sum.jitterMsAvg);
		worst(`${dir}${kind}Loss` as AlarmId, loss);
		if (up) continue;
		const minMs = video ? VIDEO_FREEZE_MIN_MS : AUDIO_FREEZE_MIN_MS;
		const counted = s.freezes.filter((fr) => (fr.durationMs ?? 0) >= minMs);
		const frozen = counted.reduce((total, fr) => total + (fr.durationMs ?? 0), 0);
		const first = counted.length > 0 ? Math.min(...counted.map((fr) => fr.at)) : null;
		if (video) {
			f.videoRecvMs += sum.durationS * 1000;
			f.videoFreezeMs += frozen;
			if (first !== null) f.firstVideoFreezeAt = Math.min(first, f.firstVideoFreezeAt ?? first);
		} else {
			f.audioRecvMs += sum.durationS * 1000;
			f.audioFreezeMs += frozen;
			if (first !== null) f.firstAudioFreezeAt = Math.min(first, f.firstAudioFreezeAt ?? first);
		}
	}
	if (f.videoRecvMs > 0) f.metrics.downlinkVideoFreeze = Math.min(100, (f.videoFreezeMs / f.videoRecvMs) * 100);
	if (f.audioRecvMs > 0) f.metrics.downlinkAudioFreeze = Math.min(100, (f.audioFreezeMs / f.audioRecvMs) * 100);
	return f;
}
