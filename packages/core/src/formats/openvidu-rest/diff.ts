import * as v from 'valibot';

/**
 * OpenVidu REST polling → CDR events. `GET /openvidu/api/sessions?pendingConnections=true`
 * (OpenVidu 2.x REST API) answers with every open session and its connections; two successive
 * answers differ by what was created or ended in between, and those differences are written as
 * the CDR events OpenVidu itself would have written (openvidu-cdr.txt), so the same parser,
 * model and views handle them.
 *
 * Times: creations carry OpenVidu's own `createdAt` / `activeAt` (UTC ms); an end is only seen
 * as an absence, so ended events take the time of the first poll that missed the object (at most
 * one poll interval late) and their `reason` says so.
 */

const millis = v.pipe(v.number(), v.finite());
const publisherSchema = v.looseObject({
	streamId: v.string(),
	createdAt: v.optional(millis),
	mediaOptions: v.optional(
		v.looseObject({
			hasAudio: v.optional(v.boolean()),
			hasVideo: v.optional(v.boolean()),
			audioActive: v.optional(v.boolean()),
			videoActive: v.optional(v.boolean()),
			typeOfVideo: v.optional(v.nullable(v.string())),
			frameRate: v.optional(v.nullable(v.number())),
			videoDimensions: v.optional(v.nullable(v.string()))
		})
	)
});
const subscriberSchema = v.looseObject({ streamId: v.string(), createdAt: v.optional(millis) });
const connectionSchema = v.looseObject({
	id: v.optional(v.string()),
	connectionId: v.optional(v.string()),
	status: v.optional(v.string()),
	createdAt: v.optional(millis),
	activeAt: v.optional(v.nullable(millis)),
	location: v.optional(v.nullable(v.string())),
	platform: v.optional(v.nullable(v.string())),
	clientData: v.optional(v.nullable(v.string())),
	serverData: v.optional(v.nullable(v.string())),
	publishers: v.optional(v.nullable(v.array(publisherSchema))),
	subscribers: v.optional(v.nullable(v.array(subscriberSchema)))
});
const sessionSchema = v.looseObject({
	id: v.optional(v.string()),
	sessionId: v.optional(v.string()),
	createdAt: millis,
	connections: v.optional(v.looseObject({ content: v.array(connectionSchema) }))
});
export const sessionsResponseSchema = v.looseObject({
	numberOfElements: v.optional(v.number()),
	content: v.array(sessionSchema)
});

export type SessionsResponse = v.InferOutput<typeof sessionsResponseSchema>;

interface SeenStream {
	createdAt: number;
	/** Publisher: the connection publishing it; subscriber: the stream's publisher connection. */
	from: string | null;
}
interface SeenConnection {
	joinedAt: number;
	publishers: Record<string, SeenStream>;
	subscribers: Record<string, SeenStream>;
	meta: {
		location?: string | null;
		platform?: string | null;
		clientData?: string | null;
		serverData?: string | null;
	};
}
interface SeenSession {
	createdAt: number;
	/** Active connections only (pending ones have not joined). */
	connections: Record<string, SeenConnection>;
}
/** What a poll saw, kept in the feed's cursor so a reload does not replay it. */
export type RestSnapshot = Record<string, SeenSession>;

export const ENDED_REASON = 'ended between two polls (OpenVidu REST does not say why)';

/**
 * Validates a response body and returns the CDR events (`{eventName: payload}` objects) since
 * `previous`, and the new snapshot.
 * @throws Error with a message for the user when the body is not a sessions list
 */
export function diffSessions(
	previous: RestSnapshot,
	body: unknown,
	now: number
): { events: Record<string, unknown>[]; snapshot: RestSnapshot } {
	const parsed = v.safeParse(sessionsResponseSchema, body);
	if (!parsed.success) {
		const issue = parsed.issues[0];
		throw new Error(
			`The answer is JSON but not an OpenVidu sessions list (${issue?.path?.map((p) => String(p.key)).join('.') || 'top level'}: ${issue?.message ?? 'unexpected shape'}).`
		);
	}
	const events: Record<string, unknown>[] = [];
	const snapshot: RestSnapshot = {};
	for (const s of parsed.output.content) {
		const sessionId = s.sessionId ?? s.id;
		if (!sessionId) continue;
		const before = previous[sessionId];
		if (!before) events.push({ sessionCreated: { sessionId, timestamp: s.createdAt } });
		const seen: SeenSession = { createdAt: before?.createdAt ?? s.createdAt, connections: {} };
		snapshot[sessionId] = seen;
		const connections = (s.connections?.content ?? []).filter(
			(c) => (c.status ?? 'active') === 'active'
		);
		// Which connection publishes which stream, for subscribers' `receivingFrom`.
		const owner = new Map<string, string>();
		for (const c of connections)
			for (const p of c.publishers ?? []) owner.set(p.streamId, (c.connectionId ?? c.id) as string);
		for (const c of connections) {
			const participantId = c.connectionId ?? c.id;
			if (!participantId) continue;
			const old = before?.connections[participantId];
			const meta = {
				location: c.location,
				platform: c.platform,
				clientData: c.clientData,
				serverData: c.serverData
			};
			const joinedAt = old?.joinedAt ?? c.activeAt ?? c.createdAt ?? now;
			if (!old)
				events.push({
					participantJoined: { sessionId, participantId, timestamp: joinedAt, ...clean(meta) }
				});
			const conn: SeenConnection = { joinedAt, publishers: {}, subscribers: {}, meta };
			seen.connections[participantId] = conn;
			for (const p of c.publishers ?? []) {
				const prior = old?.publishers[p.streamId];
				conn.publishers[p.streamId] = prior ?? {
					createdAt: p.createdAt ?? now,
					from: participantId
				};
				if (prior) continue;
				const m = p.mediaOptions ?? {};
				events.push({
					webrtcConnectionCreated: clean({
						sessionId,
						participantId,
						timestamp: p.createdAt ?? now,
						connection: 'OUTBOUND',
						streamId: p.streamId,
						audioEnabled: m.hasAudio,
						videoEnabled: m.hasVideo,
						videoSource: m.typeOfVideo,
						videoFramerate: m.frameRate,
						videoDimensions: m.videoDimensions
					})
				});
			}
			for (const sub of c.subscribers ?? []) {
				const prior = old?.subscribers[sub.streamId];
				const from = prior?.from ?? owner.get(sub.streamId) ?? null;
				conn.subscribers[sub.streamId] = prior ?? { createdAt: sub.createdAt ?? now, from };
				if (prior) continue;
				events.push({
					webrtcConnectionCreated: clean({
						sessionId,
						participantId,
						timestamp: sub.createdAt ?? now,
						connection: 'INBOUND',
						streamId: sub.streamId,
						receivingFrom: from
					})
				});
			}
			if (old) ended(events, sessionId, participantId, old, conn, now);
		}
		if (before) {
			for (const [participantId, old] of Object.entries(before.connections)) {
				if (seen.connections[participantId]) continue;
				ended(events, sessionId, participantId, old, null, now);
				events.push({
					participantLeft: {
						sessionId,
						participantId,
						timestamp: now,
						...clean(old.meta),
						startTime: old.joinedAt,
						duration: seconds(old.joinedAt, now),
						reason: ENDED_REASON
					}
				});
			}
		}
	}
	for (const [sessionId, old] of Object.entries(previous)) {
		if (snapshot[sessionId]) continue;
		for (const [participantId, c] of Object.entries(old.connections)) {
			ended(events, sessionId, participantId, c, null, now);
			events.push({
				participantLeft: {
					sessionId,
					participantId,
					timestamp: now,
					...clean(c.meta),
					startTime: c.joinedAt,
					duration: seconds(c.joinedAt, now),
					reason: ENDED_REASON
				}
			});
		}
		events.push({
			sessionDestroyed: {
				sessionId,
				timestamp: now,
				startTime: old.createdAt,
				duration: seconds(old.createdAt, now),
				reason: ENDED_REASON
			}
		});
	}
	return { events, snapshot };
}

/** Streams of `old` that `current` (null: the connection is gone) no longer has. */
function ended(
	events: Record<string, unknown>[],
	sessionId: string,
	participantId: string,
	old: SeenConnection,
	current: SeenConnection | null,
	now: number
): void {
	for (const [streamId, s] of Object.entries(old.subscribers)) {
		if (current?.subscribers[streamId]) continue;
		events.push({
			webrtcConnectionDestroyed: clean({
				sessionId,
				participantId,
				timestamp: now,
				connection: 'INBOUND',
				streamId,
				receivingFrom: s.from,
				startTime: s.createdAt,
				duration: seconds(s.createdAt, now),
				reason: ENDED_REASON
			})
		});
	}
	for (const [streamId, s] of Object.entries(old.publishers)) {
		if (current?.publishers[streamId]) continue;
		events.push({
			webrtcConnectionDestroyed: {
				sessionId,
				participantId,
				timestamp: now,
				connection: 'OUTBOUND',
				streamId,
				startTime: s.createdAt,
				duration: seconds(s.createdAt, now),
				reason: ENDED_REASON
			}
		});
	}
}

/** CDR `duration` is whole seconds. */
function seconds(from: number, to: number): number {
	return Math.max(0, Math.round((to - from) / 1000));
}

function clean<T extends Record<string, unknown>>(o: T): T {
	const out: Record<string, unknown> = {};
	for (const [k, val] of Object.entries(o)) if (val !== undefined && val !== null) out[k] = val;
	return out as T;
}
