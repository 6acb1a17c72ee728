import type { QualityStreamRow } from '../model/rows.js';
import type { SessionModel } from '../model/session.js';
import { peakConcurrency, unionIntervals, type Interval } from '../util/intervals.js';
import { dumpRoomFacts, roomFacts, type DumpStreams, type RoomFact } from './facts.js';
import { qualityRates, type QualityRates } from './insights.js';
import { addCounters, emptyCounters, participantCounters } from './rollup.js';

/**
 * SparkRTC's room profile (sparkrtc-console-guide.txt §4.1 "Room profile": total users, maximum
 * online users, success rates of joining the room and of joining it in 5 s, stream push and
 * pull, audio and video freeze rates) for one session — computed from the same room facts and
 * the same counters as the fleet views (facts.ts, rollup.ts), so a room's figures and the day's
 * figures it counts in never disagree.
 */
export interface RoomProfile {
	/** Distinct users (analysis/users.ts). */
	users: number;
	/** Most users online at once (a user's connections merged first). */
	maxOnlineUsers: number;
	/** Users with a failed join, a failed push or pull, or a frozen received stream. */
	usersWithIssues: number;
	rates: QualityRates;
	/**
	 * Per connection, SparkRTC's user-list columns the inputs can fill (dimensions.ts): network
	 * type (from a dump's selected candidate pair) and SDK (the endpoint, as the fleet views split
	 * by it); null where the inputs do not say. Carrier: no input rtcscope reads records one.
	 */
	connections: { participantId: string; network: string | null; sdk: string | null }[];
}

/**
 * @param streams the session's quality streams: its own (a dump session) or the dumps linked to
 *   it (a provider session), as the inspector lists them.
 */
export function roomProfile(model: SessionModel, app: string, streams: readonly QualityStreamRow[]): RoomProfile | null {
	const fact = roomFactOf(model, app, streams);
	if (!fact) return null;
	const counters = emptyCounters();
	const intervals = new Map<string, Interval[]>();
	const troubled = new Set<string>();
	for (const p of fact.participants) {
		const c = participantCounters(p);
		addCounters(counters, c);
		intervals.set(p.userKey, [...(intervals.get(p.userKey) ?? []), { start: p.joinAt, end: p.leftAt }]);
		if (c.loaded < c.attempts || c.pushOk < c.pushes || c.pullOk < c.pulls || c.videoFreezeMs > 0 || c.audioFreezeMs > 0) troubled.add(p.userKey);
	}
	const online = [...intervals.values()].flatMap((list) => unionIntervals(list));
	return {
		users: intervals.size,
		maxOnlineUsers: peakConcurrency(online, fact.startAt, fact.endAt + 1),
		usersWithIssues: troubled.size,
		rates: qualityRates(counters),
		connections: fact.participants.map((p) => ({ participantId: p.participantId, network: p.network, sdk: p.sdk }))
	};
}

function roomFactOf(model: SessionModel, app: string, streams: readonly QualityStreamRow[]): RoomFact | null {
	if (model.provider === 'webrtc') return dumpRoomFacts(model, app, streams.filter((s) => s.sessionKey === model.key));
	const byDump = new Map<string, QualityStreamRow[]>();
	for (const s of streams) if (s.sessionKey !== model.key) byDump.set(s.sessionKey, [...(byDump.get(s.sessionKey) ?? []), s]);
	const dumps: DumpStreams[] = [...byDump].map(([dumpKey, list]) => ({ dumpKey, streams: list }));
	return roomFacts(model, app, dumps);
}
