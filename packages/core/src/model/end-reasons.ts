import type { EventSeverity } from './events.js';

/**
 * How rtcscope classes the reasons a connection, stream or session ended, whichever source
 * wrote them. The model stores each source's own words; this table is the one place that says
 * which of them are failures.
 *
 * - failure: the platform or the network ended it — the user did not choose to leave;
 * - forced: the application or a moderator ended it — deliberate, but not the user's own
 *   action, so it is shown as an issue;
 * - normal: the user or the API ended it as intended (or the data just stops).
 */

/** OpenVidu (openvidu-cdr.txt: participantLeft, webrtcConnectionDestroyed `reason`). */
export const OPENVIDU_FAILURE_REASONS = [
	'networkDisconnect',
	'mediaServerDisconnect',
	'mediaServerReconnect',
	'openviduServerStopped',
	'nodeCrashed'
] as const;

/** OpenVidu forced ends. */
export const OPENVIDU_FORCED_REASONS = [
	'forceDisconnectByUser',
	'forceDisconnectByServer',
	'forceUnpublishByUser',
	'forceUnpublishByServer',
	'sessionClosedByServer'
] as const;

/** Vonage session monitoring (`connectionDestroyed` / `streamDestroyed` reason). */
export const VONAGE_FAILURE_REASONS = ['networkDisconnected'] as const;
export const VONAGE_FORCED_REASONS = ['forceDisconnected', 'forceUnpublished'] as const;

/**
 * Peer connections in dumps (webrtc-internals, rtcstats, about:webrtc): the W3C
 * `RTCPeerConnectionState` / `RTCIceConnectionState` / `RTCDtlsTransportState` reached `failed`
 * and never recovered (formats/webrtc-stats/lifecycle.ts).
 */
export const DUMP_FAILURE_REASONS = ['connectionFailed', 'iceFailed', 'dtlsFailed'] as const;

/** A dump's peer connection still open when the capture was taken: not an end at all. */
export const CAPTURE_ENDED = 'captureEnded';

/** A stream seen in one snapshot only (a saved about:webrtc page): it was there at that instant. */
export const SEEN_IN_SNAPSHOT = 'seenInSnapshot';

export const FAILURE_REASONS: ReadonlySet<string> = new Set<string>([
	...OPENVIDU_FAILURE_REASONS,
	...VONAGE_FAILURE_REASONS,
	...DUMP_FAILURE_REASONS
]);

export const FORCED_REASONS: ReadonlySet<string> = new Set<string>([
	...OPENVIDU_FORCED_REASONS,
	...VONAGE_FORCED_REASONS
]);

export type ReasonClass = 'failure' | 'forced' | 'normal';

export function classifyReason(reason: string | null | undefined): ReasonClass {
	if (!reason) return 'normal';
	if (FAILURE_REASONS.has(reason)) return 'failure';
	if (FORCED_REASONS.has(reason)) return 'forced';
	return 'normal';
}

/** Severity of an end event of a participant or stream, from its reason. */
export function endSeverity(reason: string | null | undefined): EventSeverity {
	const cls = classifyReason(reason);
	return cls === 'failure' ? 'error' : cls === 'forced' ? 'warning' : 'info';
}

/** How the views word a reason rtcscope itself wrote (the sources' own words are shown as written). */
export const REASON_WORDS: Readonly<Record<string, string>> = {
	connectionFailed: 'connection failed (connectionState “failed”)',
	iceFailed: 'ICE failed (iceConnectionState “failed”)',
	dtlsFailed: 'DTLS failed (dtlsState “failed”)',
	closed: 'closed',
	[CAPTURE_ENDED]: 'open when the dump was taken',
	noMedia: 'no media flowed',
	mediaStopped: 'media stopped (the stream stayed negotiated)',
	[SEEN_IN_SNAPSHOT]: 'seen in the page’s snapshot (start and end unknown)'
};
