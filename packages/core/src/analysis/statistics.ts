import { SEEN_IN_SNAPSHOT } from '../model/end-reasons.js';
import { callType, type CallType } from './call-type.js';
import type { SessionSlice } from './meeting-slice.js';
import { parsePlatform } from './platform.js';

/**
 * The inspector's Summary and Statistics (vonage-session-inspector.md "Summary and Statistics"),
 * computed from a slice. Minutes are real minutes (not rounded); counts are distinct.
 */
export interface LabelCount {
	label: string;
	/** Distinct users with this value. */
	users: number;
}

export interface SessionStatistics {
	callType: CallType;
	users: number;
	connections: number;
	publishedStreams: number;
	/** Subscribe attempts that started (OpenVidu INBOUND webrtcConnectionCreated). */
	subscriptions: number;
	/** Users with a publication, or whose stream someone subscribed to. */
	publishingUsers: number;
	/**
	 * Senders that are not in the data, seen only through the streams received from them (a
	 * dump knows only its own browser): the most received streams of one kind (audio, or camera
	 * video) open at one moment whose sender is not a connection of the data (a dump; a CDR
	 * file that starts after the publisher joined). A lower bound.
	 */
	remoteSenders: number;
	/**
	 * Connection ids the data names (a signal's sender or receivers, a stats sample's connection)
	 * that have no join, leave or stream in it: they existed, but when is not in the data.
	 */
	namedConnections: number;
	/** Σ subscription durations, minutes: media minutes delivered to subscribers. */
	streamedMinutes: number;
	/** Σ publication durations, minutes. */
	publishedMinutes: number;
	/** Events with severity warning or error (abnormal ends, failed recordings). */
	issues: number;
	/** Browser + major version per user ("Chrome 85"): Vonage's "endpoints". */
	endpoints: LabelCount[];
	/** Operating systems per user. */
	platforms: LabelCount[];
	locations: LabelCount[];
	/** Duration of the selection, ms (first event to last event or session end). */
	durationMs: number;
	/**
	 * Users connected through SIP (Vonage Session Inspector: "If there are SIP users connected to
	 * the meeting, the number of SIP users is also listed"): a connection whose platform or
	 * clientData names SIP ({@link isSipConnection}). 0 when no input marks one.
	 */
	sipUsers: number;
}

/**
 * Whether a connection is a SIP one, as the inputs mark it: OpenVidu's SIP gateway writes its
 * connections' `platform` as "SIP" (or a SIP user agent), Vonage SIP dial callbacks put "sip"
 * in the connection data; a word "SIP" (or a `sip:` URI) in either field counts.
 */
export function isSipConnection(p: { platform: string | null; clientData: string | null }): boolean {
	return SIP.test(p.platform ?? '') || SIP.test(p.clientData ?? '');
}
const SIP = /(^|[^a-z])sip([^a-z]|$)/i;

export const STREAMED_MINUTES_RULE =
	'Streamed minutes: the sum of every subscription’s duration (media minutes delivered to subscribers); a subscription still open counts until the end of the data.';

export function sessionStatistics(slice: SessionSlice): SessionStatistics {
	const users = new Set(slice.participants.map((p) => p.userKey));
	const userOf = new Map(slice.participants.map((p) => [p.participantId, p.userKey]));
	const publishingUsers = new Set<string>();
	for (const pub of slice.publications) {
		const user = userOf.get(pub.participantId);
		if (user) publishingUsers.add(user);
	}
	// A subscription proves its publisher published, even when the OUTBOUND line is missing.
	for (const sub of slice.subscriptions) {
		const user = sub.publisherId ? userOf.get(sub.publisherId) : undefined;
		if (user) publishingUsers.add(user);
	}
	const minutes = (list: { startedAt: number; endedAt: number | null }[]) =>
		list.reduce((sum, s) => sum + Math.max(0, (s.endedAt ?? slice.horizonAt) - s.startedAt), 0) /
		60_000;

	const endpoints = new Map<string, Set<string>>();
	const platforms = new Map<string, Set<string>>();
	const locations = new Map<string, Set<string>>();
	for (const p of slice.participants) {
		const info = parsePlatform(p.platform);
		add(endpoints, info?.endpoint ?? null, p.userKey);
		add(platforms, info?.os ?? null, p.userKey);
		add(locations, p.location, p.userKey);
	}
	const remoteSenders = remoteSendersSeen(slice);
	return {
		callType: callType(
			users.size + remoteSenders,
			publishingUsers.size + remoteSenders,
			slice.publications.length + slice.subscriptions.length
		),
		users: users.size,
		remoteSenders,
		namedConnections: namedOnly(slice),
		connections: slice.participants.length,
		publishedStreams: slice.publications.length,
		subscriptions: slice.subscriptions.length,
		publishingUsers: publishingUsers.size,
		streamedMinutes: minutes(slice.subscriptions),
		publishedMinutes: minutes(slice.publications),
		issues: slice.events.filter((e) => e.severity !== 'info').length,
		endpoints: counts(endpoints),
		platforms: counts(platforms),
		locations: counts(locations),
		durationMs: Math.max(0, slice.endAt - slice.startAt),
		sipUsers: new Set(slice.participants.filter(isSipConnection).map((p) => p.userKey)).size
	};
}

function add(map: Map<string, Set<string>>, label: string | null, user: string): void {
	if (!label) return;
	let set = map.get(label);
	if (!set) map.set(label, (set = new Set()));
	set.add(user);
}

function counts(map: Map<string, Set<string>>): LabelCount[] {
	return [...map.entries()]
		.map(([label, users]) => ({ label, users: users.size }))
		.sort((a, b) => b.users - a.users || a.label.localeCompare(b.label));
}

export const REMOTE_SENDERS_RULE =
	'Remote senders: parties not in the data, seen only through what it received — the most received streams of one kind (audio, or camera video) open at one moment whose sender is unknown. A dump shows only its own browser, so this is a lower bound.';

/** See {@link SessionStatistics.remoteSenders}. */
function remoteSendersSeen(slice: SessionSlice): number {
	const known = new Set(slice.participants.map((p) => p.participantId));
	const unknown = slice.subscriptions.filter((s) => !s.publisherId || !known.has(s.publisherId));
	if (unknown.length === 0) return 0;
	const kindOf = (s: (typeof unknown)[number]) =>
		s.hasVideo ? (s.source === 'screen' ? null : 'video') : s.hasAudio ? 'audio' : null;
	let most = 0;
	for (const kind of ['audio', 'video'] as const) {
		const edges: [number, number][] = [];
		for (const s of unknown) {
			if (kindOf(s) !== kind) continue;
			// A stream seen in one snapshot only (about:webrtc) is there at that instant.
			const instant = s.endReason === SEEN_IN_SNAPSHOT ? 0.001 : 0;
			edges.push([s.startedAt, 1], [Math.max(s.startedAt + instant, s.endedAt ?? slice.horizonAt), -1]);
		}
		edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
		let open = 0;
		for (const [, d] of edges) {
			open += d;
			most = Math.max(most, open);
		}
	}
	// Only screen shares received: at least one sender.
	return Math.max(most, unknown.some((s) => s.source === 'screen') ? 1 : 0);
}

/** See {@link SessionStatistics.namedConnections}. */
function namedOnly(slice: SessionSlice): number {
	const known = new Set(slice.participants.map((p) => p.participantId));
	const named = new Set<string>();
	for (const e of slice.events) {
		if (e.category === 'signal' && e.detail.kind === 'signal') {
			for (const id of [e.detail.from, ...(e.detail.to ?? [])]) if (id) named.add(id);
		} else if ((e.category === 'quality' || e.category === 'filter') && e.participantId)
			named.add(e.participantId);
	}
	let n = 0;
	for (const id of named) if (!known.has(id)) n++;
	return n;
}
