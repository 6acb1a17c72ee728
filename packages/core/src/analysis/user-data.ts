import type { Participant, Publication, Subscription } from '../model/session.js';
import type { SessionSlice } from './meeting-slice.js';
import { parsePlatform } from './platform.js';

/**
 * The inspector's User Data (vonage-session-inspector.md "User Data"): one row per user with
 * location, platform and issues; drill-down to its connections, the streams each published,
 * and who subscribed to each stream ("who successfully subscribed").
 */
export interface SubscriberEntry {
	subscription: Subscription;
	subscriberLabel: string;
}

export interface PublicationEntry {
	publication: Publication;
	subscribers: SubscriberEntry[];
}

export interface ConnectionEntry {
	participant: Participant;
	/** ms; a connection still open counts until the selection's end of data. */
	durationMs: number;
	publications: PublicationEntry[];
	/** Streams this connection received. */
	subscriptions: Subscription[];
	issues: number;
}

export interface UserRow {
	userKey: string;
	label: string;
	location: string | null;
	/** "Chrome 120 · Windows 10" */
	platform: string | null;
	connections: ConnectionEntry[];
	joinedAt: number;
	/** null while a connection is still open at the end of the data. */
	leftAt: number | null;
	/**
	 * Time with at least one connection open, ms: the union of the connections' intervals, so
	 * two overlapping peer connections of one browser count once (never more than the session).
	 */
	durationMs: number;
	/** Reason of the last connection's end. */
	leaveReason: string | null;
	issues: number;
}

const NAME_FIELDS = [
	'clientData',
	'name',
	'username',
	'userName',
	'user',
	'nickname',
	'displayName'
];

/**
 * A readable name from OpenVidu clientData, which apps fill with free text or JSON such as
 * `{"clientData":"Alice"}`; falls back to the connection id. Returns text, never markup.
 */
export function userLabel(
	p: Pick<Participant, 'clientData' | 'participantId'> & Partial<Pick<Participant, 'name'>>
): string {
	if (p.name?.trim()) return p.name.trim().slice(0, 120);
	const raw = p.clientData?.trim();
	if (!raw) return p.participantId;
	if (raw.startsWith('{')) {
		try {
			const parsed: unknown = JSON.parse(raw);
			if (parsed && typeof parsed === 'object') {
				for (const field of NAME_FIELDS) {
					const value = (parsed as Record<string, unknown>)[field];
					if (typeof value === 'string' && value.trim()) return value.trim().slice(0, 80);
				}
			}
		} catch {
			// not JSON: use the text
		}
	}
	return raw.length > 80 ? `${raw.slice(0, 80)}…` : raw;
}

export function userRows(slice: SessionSlice): UserRow[] {
	const labelOf = new Map(slice.participants.map((p) => [p.participantId, userLabel(p)]));
	const issuesOf = new Map<string, number>();
	for (const e of slice.events) {
		if (e.severity !== 'info' && e.participantId)
			issuesOf.set(e.participantId, (issuesOf.get(e.participantId) ?? 0) + 1);
	}
	const subscribersOf = (pub: Publication): SubscriberEntry[] =>
		slice.subscriptions
			.filter((s) =>
				s.streamId && !pub.streamId.includes('#')
					? s.streamId === pub.streamId
					: s.publisherId === pub.participantId &&
						(s.source ?? null) === (pub.source ?? null) &&
						s.startedAt >= pub.startedAt &&
						(pub.endedAt === null || s.startedAt <= pub.endedAt)
			)
			.map((s) => ({
				subscription: s,
				subscriberLabel: labelOf.get(s.subscriberId) ?? s.subscriberId
			}));

	const byUser = new Map<string, ConnectionEntry[]>();
	for (const p of slice.participants) {
		const entry: ConnectionEntry = {
			participant: p,
			durationMs: Math.max(0, (p.leftAt ?? slice.horizonAt) - p.joinedAt),
			publications: slice.publications
				.filter((pub) => pub.participantId === p.participantId)
				.map((publication) => ({ publication, subscribers: subscribersOf(publication) })),
			subscriptions: slice.subscriptions.filter((s) => s.subscriberId === p.participantId),
			issues: issuesOf.get(p.participantId) ?? 0
		};
		const list = byUser.get(p.userKey);
		if (list) list.push(entry);
		else byUser.set(p.userKey, [entry]);
	}
	const rows: UserRow[] = [];
	for (const [userKey, connections] of byUser) {
		connections.sort((a, b) => a.participant.joinedAt - b.participant.joinedAt);
		const first = connections[0] as ConnectionEntry;
		const last = connections[connections.length - 1] as ConnectionEntry;
		const info = parsePlatform(first.participant.platform);
		const open = connections.some((c) => c.participant.leftAt === null);
		rows.push({
			userKey,
			label:
				first.participant.userName?.trim() ||
				(labelOf.get(first.participant.participantId) ?? first.participant.participantId),
			location: first.participant.location,
			platform: info ? [info.endpoint, info.os].filter(Boolean).join(' · ') : null,
			connections,
			joinedAt: first.participant.joinedAt,
			leftAt: open ? null : Math.max(...connections.map((c) => c.participant.leftAt as number)),
			durationMs: unionMs(
				connections.map((c) => [c.participant.joinedAt, c.participant.leftAt ?? slice.horizonAt])
			),
			leaveReason: last.participant.leaveReason,
			issues: connections.reduce((sum, c) => sum + c.issues, 0)
		});
	}
	return rows.sort((a, b) => a.joinedAt - b.joinedAt);
}

/** Length of the union of [start, end] intervals, ms. */
export function unionMs(intervals: readonly (readonly [number, number])[]): number {
	const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
	let total = 0;
	let runStart = -Infinity;
	let runEnd = -Infinity;
	for (const [a, b] of sorted) {
		if (a > runEnd) {
			if (runEnd > runStart) total += runEnd - runStart;
			runStart = a;
			runEnd = b;
		} else if (b > runEnd) runEnd = b;
	}
	if (runEnd > runStart) total += runEnd - runStart;
	return total;
}
