import type { EventSeverity } from '../../model/events.js';

/**
 * How rtcscope classes OpenVidu's end reasons (openvidu-cdr.txt: participantLeft,
 * webrtcConnectionDestroyed, sessionDestroyed and recordingStatusChanged `reason`).
 *
 * - failure: the platform or network ended it — the user did not choose to leave;
 * - forced: the application or a moderator ended it (forceDisconnectBy*, forceUnpublishBy*,
 *   sessionClosedByServer) — deliberate, but not the user's own action, so it is shown as an issue;
 * - normal: the user or the API ended it as intended.
 */
export const FAILURE_REASONS: ReadonlySet<string> = new Set([
	'networkDisconnect',
	'mediaServerDisconnect',
	'mediaServerReconnect',
	'openviduServerStopped',
	'nodeCrashed'
]);

export const FORCED_REASONS: ReadonlySet<string> = new Set([
	'forceDisconnectByUser',
	'forceDisconnectByServer',
	'forceUnpublishByUser',
	'forceUnpublishByServer',
	'sessionClosedByServer'
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
