import type { ModelEvent } from './events.js';

/**
 * Which events a session's span (its start, end and duration) is measured over.
 *
 * Everything counts except a dump's page-level operations (a `getUserMedia` call, a
 * `getDisplayMedia`, an rtcstats `identity` record: webrtc events with no peer connection).
 * Those belong to the page, not to a connection, and a page can call getUserMedia hours before
 * the call (webrtc-internals/AndreiDen-…_dump.txt: 16:17:50, the call 18:34–18:38 UTC); they
 * stay in the event log, shown as outside the call, and never stretch it. A session with
 * nothing else is measured over all its events.
 */
export const SPAN_RULE =
	'Duration: from the first to the last event of a connection, stream, recording or the session itself. Page-level operations of a dump (getUserMedia before the call) are listed but do not stretch it.';

export function extendsSpan(e: Pick<ModelEvent, 'detail' | 'participantId'>): boolean {
	return !(e.detail.kind === 'webrtc' && !e.participantId);
}

/**
 * The times an event says something happened: its own time, and for an end that reports when
 * its thing started (OpenVidu `sessionDestroyed.startTime`), that start too — a file holding only
 * the end of a 32-second session is 32 seconds long, not a moment.
 */
export function spanTimes(e: Pick<ModelEvent, 'at' | 'detail' | 'phase' | 'category'>): number[] {
	const start = spanStart(e);
	return start === e.at ? [e.at] : [start, e.at];
}

/**
 * The earliest of {@link spanTimes} (the event's own time unless it is an end that reports its
 * start), without building the list: for loops over every event of a file.
 */
export function spanStart(e: Pick<ModelEvent, 'at' | 'detail' | 'phase' | 'category'>): number {
	const d = e.detail;
	if (e.category === 'session' && e.phase === 'end' && d.kind === 'session' && d.startAt !== undefined && d.startAt <= e.at) return d.startAt;
	return e.at;
}
