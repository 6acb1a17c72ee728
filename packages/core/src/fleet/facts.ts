import { classifyReason } from '../model/end-reasons.js';
import type { MediaInterval, ParticipantFact, RoomFact, StatsFact } from '../model/fleet.js';
import type { QualityStreamRow } from '../model/rows.js';
import type { Participant, Publication, SessionModel, Subscription } from '../model/session.js';
import { parsePlatform } from '../analysis/platform.js';
import { networkOf, osOf, regionOf, sdkOf } from './dimensions.js';
import { resolutionClass } from './resolution.js';
import {
	AUDIO_FREEZE_MIN_MS,
	HQ_MAX_LOSS_PCT,
	VIDEO_FREEZE_MIN_MS,
	type AlarmId
} from './thresholds.js';

/**
 * Fleet facts: what the fleet views need from one room, reduced from its session model and the
 * quality streams of the dumps taken in it. Built by the ingest worker when it refreshes the
 * roll-ups (fleet/refresh.ts) and stored per day, so the views never parse events.
 *
 * The shapes are persisted in `fleetFacts` rows (model/fleet.ts).
 */

// The stored shapes are the model's (model/fleet.ts); building them from a session is here.
export type { FleetFactsRow, MediaInterval, ParticipantFact, RoomFact, StatsFact } from '../model/fleet.js';

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
