import type { SourcedEvent, StreamDetail } from '../model/events.js';
import { parseSessionKey, type SessionKey } from '../model/ids.js';
import type {
	Participant,
	Publication,
	Recording,
	SessionModel,
	SourceRef,
	Subscription
} from '../model/session.js';
import { extendsSpan, spanTimes } from '../model/span.js';
import { orderedUniqueEvents } from '../model/event-key.js';
import { splitMeetings } from './meetings.js';
import { userKeyOf } from './users.js';

/**
 * Builds the session model (participants, publications, subscriptions, recordings, meetings)
 * from a session's events. Pure; runs wherever the events are (page or worker).
 *
 * Pairing rules, because real files are incomplete:
 * - a leave without a join (the file starts mid-session) creates the participant from the
 *   leave's `startTime` and marks the join as inferred;
 * - a stream end pairs with the open stream of the same stream id, else the same participant
 *   and start time, else the latest open one of the participant with the same source;
 * - anything still open at the end of the data has a null end (the views show "still open").
 */
export function buildSessionModel(
	key: SessionKey,
	rawEvents: readonly SourcedEvent[]
): SessionModel {
	const parsed = parseSessionKey(key);
	const events = orderedUniqueEvents(rawEvents);
	const participants = new Map<string, Participant>();
	const publications: Publication[] = [];
	const subscriptions: Subscription[] = [];
	const recordings: Recording[] = [];
	let destroyedAt: number | null = null;
	const sessionEnds: number[] = [];
	/** Runs of the session the source reports (OpenVidu sessionCreated → sessionDestroyed). */
	const runs: { startAt: number; endAt: number }[] = [];
	let runStart: number | null = null;

	const participant = (id: string, e: SourcedEvent): Participant => {
		let p = participants.get(id);
		if (!p) {
			p = {
				participantId: id,
				userKey: '',
				joinedAt: e.at,
				leftAt: null,
				leaveReason: null,
				location: null,
				platform: null,
				clientData: null,
				serverData: null,
				userId: null,
				userName: null,
				name: null,
				page: null,
				joinInferred: true,
				leaveInferred: false,
				src: ref(e)
			};
			participants.set(id, p);
		}
		return p;
	};

	for (const e of events) {
		const d = e.detail;
		switch (e.category) {
			case 'session':
				if (e.phase === 'start') runStart = e.at;
				if (e.phase === 'end') {
					destroyedAt = e.at;
					sessionEnds.push(e.at);
					const start = (d.kind === 'session' ? d.startAt : undefined) ?? runStart;
					if (start !== null && start !== undefined && start <= e.at) runs.push({ startAt: start, endAt: e.at });
					runStart = null;
				}
				break;
			case 'connection': {
				if (!e.participantId || d.kind !== 'connection') break;
				const p = participant(e.participantId, e);
				p.location ??= d.location ?? null;
				p.platform ??= d.platform ?? null;
				p.clientData ??= d.clientData ?? null;
				p.serverData ??= d.serverData ?? null;
				p.userId ??= d.userId ?? null;
				p.userName ??= d.userName ?? null;
				p.name ??= d.name ?? null;
				p.page ??= d.page ?? null;
				if (e.phase === 'start') {
					p.joinedAt = e.at;
					p.joinInferred = false;
					p.src = ref(e);
				} else if (e.phase === 'end') {
					p.leftAt = e.at;
					p.leaveReason = e.reason ?? null;
					if (p.joinInferred && d.startAt !== undefined)
						p.joinedAt = Math.min(p.joinedAt, d.startAt);
				}
				break;
			}
			case 'publish': {
				if (!e.participantId || d.kind !== 'stream') break;
				participant(e.participantId, e);
				if (e.phase === 'start') publications.push(newPublication(e, d));
				else if (e.phase === 'end')
					endStream(
						publications,
						e,
						d,
						(x) => x.participantId === e.participantId,
						() => newPublication(e, d)
					);
				break;
			}
			case 'subscribe': {
				if (!e.participantId || d.kind !== 'stream') break;
				participant(e.participantId, e);
				if (e.phase === 'start') subscriptions.push(newSubscription(e, d));
				else if (e.phase === 'end')
					endStream(
						subscriptions,
						e,
						d,
						(x) =>
							x.subscriberId === e.participantId && (x.publisherId ?? null) === (e.peerId ?? null),
						() => newSubscription(e, d)
					);
				break;
			}
			case 'recording': {
				if (d.kind !== 'recording') break;
				const startAt = d.startAt ?? null;
				let rec =
					startAt !== null
						? recordings.find((r) => r.recordingId === d.recordingId && r.startedAt === startAt)
						: undefined;
				// 2018 recordingStopped has no startTime: it belongs to the latest run of that id.
				if (!rec && startAt === null) {
					rec = findLast(recordings, (r) => r.recordingId === d.recordingId && r.startedAt <= e.at);
				}
				if (!rec) {
					rec = {
						key: `${d.recordingId}#${startAt ?? e.at}`,
						recordingId: d.recordingId,
						name: null,
						status: d.status,
						history: [],
						startedAt: startAt ?? e.at,
						durationS: null,
						sizeBytes: null,
						outputMode: null,
						layout: null,
						resolution: null,
						hasAudio: null,
						hasVideo: null,
						url: null,
						format: null,
						location: null,
						streamName: null
					};
					recordings.push(rec);
				}
				rec.status = d.status;
				rec.history.push({
					at: e.at,
					status: d.status,
					reason: e.reason ?? null,
					...(d.inferred ? { inferred: true } : {}),
					...(d.atUnknown ? { atUnknown: true } : {}),
					src: ref(e)
				});
				rec.format = d.format ?? rec.format;
				rec.location = d.location ?? rec.location;
				rec.streamName = d.streamName ?? rec.streamName;
				rec.name = d.name ?? rec.name;
				// Later events carry the final figures (duration and size are 0 until "ready").
				if (d.durationS !== undefined && (d.durationS > 0 || rec.durationS === null))
					rec.durationS = d.durationS;
				if (d.sizeBytes !== undefined && (d.sizeBytes > 0 || rec.sizeBytes === null))
					rec.sizeBytes = d.sizeBytes;
				rec.outputMode = d.outputMode ?? rec.outputMode;
				rec.layout = d.layout ?? rec.layout;
				rec.resolution = d.resolution ?? rec.resolution;
				rec.hasAudio = d.hasAudio ?? rec.hasAudio;
				rec.hasVideo = d.hasVideo ?? rec.hasVideo;
				rec.url = d.url ?? rec.url;
				break;
			}
			default:
				break;
		}
	}

	const list = [...participants.values()];
	closeAtSessionEnd(list, publications, subscriptions, sessionEnds);
	for (const p of list) p.userKey = userKeyOf(p);
	const { firstAt, lastAt } = sessionSpan(events);
	const horizon = Math.max(lastAt, destroyedAt ?? lastAt);
	const meetings = splitMeetings(
		list.map((p) => ({ id: p.participantId, startAt: p.joinedAt, endAt: p.leftAt ?? horizon })),
		undefined,
		runs
	);
	return {
		key,
		provider: parsed?.provider ?? 'openvidu',
		sessionId: parsed?.sessionId ?? key,
		events,
		participants: list.sort((a, b) => a.joinedAt - b.joinedAt),
		publications,
		subscriptions,
		recordings,
		meetings,
		firstAt,
		lastAt,
		destroyedAt
	};
}

/**
 * A session's end ends everything in it: what is still open at a sessionDestroyed (its leave
 * lines missing from the data) closes there. Sessions reuse ids, so each interval closes at the
 * first session end after it started.
 */
/**
 * The session's span: its first and last event that extends it (model/span.ts: everything but
 * a dump's page-level operations), or of all events when none does. A getUserMedia call hours
 * before the call stays in the event log without stretching the session.
 */
function sessionSpan(events: readonly SourcedEvent[]): { firstAt: number; lastAt: number } {
	let firstAt = Infinity;
	let lastAt = -Infinity;
	let anyFirst = Infinity;
	let anyLast = -Infinity;
	for (const e of events) {
		for (const t of spanTimes(e)) {
			if (t < anyFirst) anyFirst = t;
			if (t > anyLast) anyLast = t;
			if (!extendsSpan(e)) continue;
			if (t < firstAt) firstAt = t;
			if (t > lastAt) lastAt = t;
		}
	}
	if (firstAt <= lastAt) return { firstAt, lastAt };
	return anyFirst <= anyLast ? { firstAt: anyFirst, lastAt: anyLast } : { firstAt: 0, lastAt: 0 };
}

function closeAtSessionEnd(
	participants: Participant[],
	publications: Publication[],
	subscriptions: Subscription[],
	ends: number[]
): void {
	if (ends.length === 0) return;
	const endAfter = (at: number) => ends.find((end) => end >= at) ?? null;
	for (const p of participants) {
		if (p.leftAt !== null) continue;
		const end = endAfter(p.joinedAt);
		if (end !== null) {
			p.leftAt = end;
			p.leaveInferred = true;
		}
	}
	for (const s of [...publications, ...subscriptions]) {
		if (s.endedAt === null) s.endedAt = endAfter(s.startedAt);
	}
}

function ref(e: SourcedEvent): SourceRef {
	return { importId: e.importId, line: e.line };
}

function newPublication(e: SourcedEvent, d: StreamDetail): Publication {
	const startedAt = e.phase === 'start' ? e.at : (d.startAt ?? e.at);
	return {
		streamId: e.streamId ?? `${e.participantId}#${startedAt}`,
		participantId: e.participantId as string,
		source: d.source ?? null,
		hasAudio: d.hasAudio ?? null,
		hasVideo: d.hasVideo ?? null,
		framerateFps: d.framerateFps ?? null,
		widthPx: d.widthPx ?? null,
		heightPx: d.heightPx ?? null,
		startedAt,
		endedAt: null,
		endReason: null,
		src: ref(e)
	};
}

function newSubscription(e: SourcedEvent, d: StreamDetail): Subscription {
	const startedAt = e.phase === 'start' ? e.at : (d.startAt ?? e.at);
	return {
		id: `${e.participantId}>${e.streamId ?? e.peerId ?? '?'}#${startedAt}`,
		subscriberId: e.participantId as string,
		publisherId: e.peerId ?? null,
		streamId: e.streamId ?? null,
		source: d.source ?? null,
		hasAudio: d.hasAudio ?? null,
		hasVideo: d.hasVideo ?? null,
		startedAt,
		endedAt: null,
		endReason: null,
		src: ref(e)
	};
}

interface StreamLike {
	streamId: string | null;
	source: string | null;
	startedAt: number;
	endedAt: number | null;
	endReason: string | null;
}

function endStream<T extends StreamLike>(
	list: T[],
	e: SourcedEvent,
	d: StreamDetail,
	sameOwner: (x: T) => boolean,
	create: () => T
): void {
	const open = (x: T) => x.endedAt === null && sameOwner(x);
	const match =
		(e.streamId ? findLast(list, (x) => open(x) && x.streamId === e.streamId) : undefined) ??
		(d.startAt !== undefined
			? findLast(list, (x) => open(x) && x.startedAt === d.startAt)
			: undefined) ??
		findLast(list, (x) => open(x) && (x.source ?? null) === (d.source ?? null));
	const target = match ?? create();
	if (!match) list.push(target);
	target.endedAt = e.at;
	target.endReason = e.reason ?? null;
}

function findLast<T>(list: readonly T[], predicate: (x: T) => boolean): T | undefined {
	for (let i = list.length - 1; i >= 0; i--) {
		const item = list[i] as T;
		if (predicate(item)) return item;
	}
	return undefined;
}
