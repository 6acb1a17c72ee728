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

/** State-change operations and how their states rate. */
const STATE_EVENTS = new Set([
	'oniceconnectionstatechange',
	'onconnectionstatechange',
	'onsignalingstatechange',
	'onicegatheringstatechange',
	'iceConnectionStateChange',
	'connectionStateChange',
	'signalingStateChange',
	'iceGatheringStateChange'
]);

/**
 * When a peer connection was created and when its media first connected (ICE or connection
 * state `connected`/`completed`), UTC ms, with the client's platform text. The fleet views read
 * the join timing from it (sparkrtc-console-guide.txt §4.2 "Room loaded": join attempt → joined).
 */
export interface PcSetup {
	startAt: number;
	/** null when the connection never reached `connected` in the dump. */
	connectedAt: number | null;
	platform: string | null;
}

const MEDIA_STATE_EVENTS = new Set([
	'oniceconnectionstatechange',
	'onconnectionstatechange',
	'iceConnectionStateChange',
	'connectionStateChange'
]);

/** True for an ICE/connection state change to `connected` or `completed`. */
export function isConnectedState(type: string, value: unknown): boolean {
	if (!MEDIA_STATE_EVENTS.has(type)) return false;
	const text = typeof value === 'string' ? value.replace(/^"|"$/g, '') : '';
	return text === 'connected' || text === 'completed';
}

/** A webrtc operation or state change as a model event. */
export function webrtcEvent(
	session: SessionRef,
	input: { at: number; type: string; pcId?: string; value?: unknown; line: number }
): ParsedRecord {
	const isState = STATE_EVENTS.has(input.type);
	const text = boundedText(input.value);
	const state = isState && text ? text.replace(/^"|"$/g, '') : undefined;
	let severity: EventSeverity = 'info';
	if (state === 'failed' || /OnFailure$|Failure$/.test(input.type)) severity = 'error';
	else if (state === 'disconnected' || /candidateerror/i.test(input.type)) severity = 'warning';
	const detail: WebrtcDetail = { kind: 'webrtc' };
	if (input.pcId) detail.pcId = input.pcId;
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

/** A peer connection as a connection of the dump's session (start, and end when known). */
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
	}
): ParsedRecord {
	const event: ModelEvent = {
		at: input.at,
		type: input.phase === 'start' ? 'peerConnectionCreated' : 'peerConnectionClosed',
		category: 'connection',
		phase: input.phase,
		severity: input.reason === 'failed' ? 'error' : 'info',
		participantId: input.pcId,
		detail: {
			kind: 'connection',
			...(input.platform ? { platform: input.platform } : {}),
			...(input.url ? { clientData: shortUrl(input.url) } : {})
		},
		line: input.line
	};
	if (input.reason) event.reason = input.reason;
	return { scope: sessionScope(session.key), session, event };
}

/** Publication / subscription start and end events spanning a derived RTP stream's samples. */
export function streamLifecycle(
	session: SessionRef,
	stream: DerivedStream,
	line: number
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
	return [
		make('start', stream.t[0] as number),
		make('end', stream.t[stream.t.length - 1] as number)
	];
}

/** Hands over a peer connection's derived streams and their lifecycle events. */
export function emitStreams(
	sink: ParseSink,
	session: SessionRef,
	streams: DerivedStream[],
	line: number,
	pageUrl?: string | null,
	setup?: PcSetup
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
		for (const record of streamLifecycle(session, stream, line)) sink.record(record);
	}
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
	const short = url
		.replace(/^[a-z]+:\/\//i, '')
		.replace(/[?#].*$/, '')
		.replace(/\/+$/, '')
		.replace(/\/\/+/g, '/');
	return short.length > 60 ? `${short.slice(0, 59)}…` : short || url;
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
