import type {
	EventCategory,
	EventPhase,
	EventSeverity,
	ModelEvent,
	WebrtcDetail
} from '../../model/events.js';
import { sessionKey, sessionScope } from '../../model/ids.js';
import type { ParsedRecord, ParseSink, SessionRef } from '../types.js';
import type { DerivedStream } from './types.js';
import { endSeverity } from '../../model/end-reasons.js';
import { stateKindOf, stateValue } from './lifecycle.js';

/**
 * Turning a dump into a session: a dump (or, for rtcstats, a conference) becomes a session of
 * provider `webrtc`; each peer connection is one of its connections; each RTP stream sent or
 * received becomes a publication or subscription spanning its samples, so the inspector's
 * statistics work on dumps too.
 */
export function dumpSession(sessionId: string): SessionRef {
	return { key: sessionKey('webrtc', sessionId), provider: 'webrtc', sessionId };
}

/** Longest text kept from an operation's argument (SDP and the like). */
const MAX_VALUE_CHARS = 4096;

export function boundedText(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…` : text;
}

export type { PcSetup } from '../../model/stats.js';
import type { PcSetup } from '../../model/stats.js';

/** A webrtc operation or state change as a model event. */
export function webrtcEvent(
	session: SessionRef,
	input: { at: number; type: string; pcId?: string; value?: unknown; line: number; requestId?: string }
): ParsedRecord {
	const isState = stateKindOf(input.type) !== null;
	const text = boundedText(input.value);
	const state = isState ? (stateValue(input.value) ?? undefined) : undefined;
	let severity: EventSeverity = 'info';
	if (state === 'failed' || /OnFailure$|Failure$/.test(input.type)) severity = 'error';
	else if (state === 'disconnected' || /candidateerror/i.test(input.type)) severity = 'warning';
	const detail: WebrtcDetail = { kind: 'webrtc' };
	if (input.pcId) detail.pcId = input.pcId;
	if (input.requestId) detail.requestId = input.requestId;
	if (state) detail.state = state;
	else if (text) detail.value = text;
	const category: EventCategory = isState ? 'connection' : 'other';
	const event: ModelEvent = {
		at: input.at,
		type: input.type,
		category,
		phase: isState ? 'status' : 'point',
		severity,
		detail,
		line: input.line
	};
	if (input.pcId) event.participantId = input.pcId;
	return { scope: sessionScope(session.key), session, event };
}

/** Who a dump's connection belongs to: the user (browser tab or rtcstats client) and names. */
export interface DumpIdentity {
	/** Stable within the session: `tab:<renderer>` for webrtc-internals, `client:<…>` for rtcstats. */
	userId: string;
	userName: string;
	/** The connection's own name, e.g. "localhost:8000 · PC 714-1". */
	name: string;
}

/**
 * The user a peer connection id belongs to in a webrtc-internals dump (and in rtcstats files
 * Chrome exports from it): ids are `<renderer>-<n>`, one renderer per tab, so every PC of a tab
 * is one user. Null for other ids (`PC_0`: one rtcstats client per file).
 */
export function tabOf(pcId: string): string | null {
	return /^(\d+)-\d+$/.exec(pcId)?.[1] ?? null;
}

/**
 * How a page is named in labels: its host and the last segment of its path, no query —
 * "localhost:8000/ctrl.html", "meet.jit.si/MyRoom", "pre.vocalviews.com/…/online". Null
 * without a URL.
 */
export function pageName(url: string | null | undefined): string | null {
	if (!url) return null;
	const short = bareUrl(url) || url;
	const [host, ...path] = short.split('/');
	if (path.length === 0) return (host || short).slice(0, 60);
	const last = path[path.length - 1] as string;
	const name = path.length === 1 ? `${host}/${last}` : `${host}/…/${last}`;
	return name.length > 60 ? `${name.slice(0, 59)}…` : name;
}

/** A peer connection as a connection of the dump's session: its start, or its one end. */
export function connectionEvent(
	session: SessionRef,
	input: {
		at: number;
		pcId: string;
		phase: 'start' | 'end';
		platform?: string | null;
		url?: string | null;
		line: number;
		reason?: string;
		identity?: DumpIdentity;
	}
): ParsedRecord {
	const identity = input.identity;
	const event: ModelEvent = {
		at: input.at,
		type: input.phase === 'start' ? 'peerConnectionCreated' : 'peerConnectionEnded',
		category: 'connection',
		phase: input.phase,
		// A dump's failure is already an issue in the state changes that show it (ICE and
		// connection state "failed"); the end records the outcome without counting it again.
		severity: input.phase === 'end' && input.identity ? 'info' : endSeverity(input.reason),
		participantId: input.pcId,
		detail: {
			kind: 'connection',
			...(input.platform ? { platform: input.platform } : {}),
			// Without its query and fragment: a page URL can carry a room token or a JWT.
			...(input.url ? { page: (boundedText(input.url.replace(/[?#].*$/s, '')) ?? input.url).slice(0, 500) } : {}),
			...(identity
				? { userId: identity.userId, userName: identity.userName, name: identity.name }
				: {})
		},
		line: input.line
	};
	if (input.reason) event.reason = input.reason;
	return { scope: sessionScope(session.key), session, event };
}

/**
 * When media flowed on a stream: from its first sample to the last sample whose byte counter
 * moved (an RTP stream object can outlive its media by minutes — a paused sender, a stopped
 * track — and those minutes are not media delivered). Both null when no byte ever moved.
 */
export function mediaSpan(stream: Pick<DerivedStream, 't' | 'cols'>): { startAt: number; lastMediaAt: number | null } {
	const bitrate = stream.cols.bitrateBps ?? stream.cols.sendBitrateBps;
	let last: number | null = null;
	if (bitrate) {
		for (let i = bitrate.length - 1; i >= 0; i--) {
			if ((bitrate[i] as number) > 0) {
				last = stream.t[i] as number;
				break;
			}
		}
	}
	return { startAt: stream.t[0] as number, lastMediaAt: last };
}

/**
 * Publication / subscription start and end events of a derived RTP stream: it starts at its
 * first sample and ends at the last one that carried media ({@link mediaSpan}). `peerId` is the
 * connection that sent a received stream, when that sender is in the same dump (P2P SSRCs match).
 */
export function streamLifecycle(
	session: SessionRef,
	stream: DerivedStream,
	line: number,
	peerId?: string
): ParsedRecord[] {
	if (stream.direction === 'connection' || stream.t.length === 0) return [];
	const category: EventCategory = stream.direction === 'outbound' ? 'publish' : 'subscribe';
	const streamId = `${stream.pcId}/${stream.objectId}`;
	const widthPx = lastFinite(stream.cols.widthPx);
	const heightPx = lastFinite(stream.cols.heightPx);
	const make = (phase: EventPhase, at: number): ParsedRecord => ({
		scope: sessionScope(session.key),
		session,
		event: {
			at,
			type:
				phase === 'start' ? `${stream.direction}StreamStarted` : `${stream.direction}StreamEnded`,
			category,
			phase,
			severity: 'info',
			participantId: stream.pcId,
			streamId,
			...(peerId ? { peerId } : {}),
			detail: {
				kind: 'stream',
				...(stream.kind === 'video'
					? { hasVideo: true, hasAudio: false, source: stream.source ?? 'camera' }
					: { hasAudio: true, hasVideo: false }),
				...(widthPx ? { widthPx } : {}),
				...(heightPx ? { heightPx } : {})
			},
			line
		}
	});
	const span = mediaSpan(stream);
	const end = make('end', span.lastMediaAt ?? span.startAt);
	if (span.lastMediaAt === null) end.event.reason = 'noMedia';
	else if (span.lastMediaAt < (stream.t[stream.t.length - 1] as number)) end.event.reason = 'mediaStopped';
	return [make('start', span.startAt), end];
}

/** Hands over a peer connection's derived streams and their lifecycle events. */
export function emitStreams(
	sink: ParseSink,
	session: SessionRef,
	streams: DerivedStream[],
	line: number,
	pageUrl?: string | null,
	setup?: PcSetup,
	senderOf?: (stream: DerivedStream) => string | undefined
): void {
	const linkHints = pageUrl ? urlWords(pageUrl) : [];
	for (const stream of streams) {
		sink.stream({
			session,
			participantId: stream.pcId,
			stream,
			...(linkHints.length > 0 ? { linkHints } : {}),
			...(setup ? { setup } : {})
		});
		for (const record of streamLifecycle(session, stream, line, senderOf?.(stream))) sink.record(record);
	}
}

/**
 * For streams received in one dump that another connection of the same dump sent (two tabs of
 * one P2P call: the receiver's `inbound-rtp` SSRC is the sender's `outbound-rtp` SSRC), the
 * sending connection. SFUs rewrite SSRCs, so only an exact match within the dump counts.
 */
export function sendersBySsrc(
	pcs: readonly { pcId: string; streams: readonly DerivedStream[] }[]
): (stream: DerivedStream) => string | undefined {
	const sender = new Map<string, string>();
	for (const pc of pcs)
		for (const s of pc.streams) if (s.direction === 'outbound' && s.ssrc) sender.set(s.ssrc, pc.pcId);
	return (stream) => {
		if (stream.direction !== 'inbound' || !stream.ssrc) return undefined;
		const pcId = sender.get(stream.ssrc);
		return pcId && pcId !== stream.pcId ? pcId : undefined;
	};
}

function lastFinite(col: Float32Array | undefined): number | undefined {
	if (!col) return undefined;
	for (let i = col.length - 1; i >= 0; i--) {
		const v = col[i] as number;
		if (Number.isFinite(v)) return v;
	}
	return undefined;
}

/** "meet.jit.si/Room" from "https://meet.jit.si/Room?x=1": how a page is named in labels. */
export function shortUrl(url: string): string {
	const short = bareUrl(url);
	return short.length > 60 ? `${short.slice(0, 59)}…` : short || url;
}

/** The URL without scheme, query, fragment and trailing slashes. */
function bareUrl(url: string): string {
	return url
		.replace(/^[a-z]+:\/\//i, '')
		.replace(/[?#].*$/, '')
		.replace(/\/+$/, '')
		.replace(/\/\/+/g, '/');
}

/** Path segments and query values of a URL that could be a session id (3+ characters). */
export function urlWords(url: string): string[] {
	try {
		const parsed = new URL(url);
		const words = [
			...parsed.pathname.split('/').map((p) => decodeURIComponent(p)),
			...[...parsed.searchParams.values()],
			...parsed.hash.replace(/^#/, '').split(/[/?&=]/)
		];
		return [...new Set(words.filter((w) => w.length >= 3 && w.length <= 200))];
	} catch {
		return [];
	}
}
