import type { Meeting } from '../model/session.js';

/**
 * Meetings: Vonage Inspector, "Sessions vs. Meetings" and "Data Retention and Latency"
 * (../shared/spec/sources/vonage-session-inspector.md): a meeting ends when all participants have
 * disconnected; a new meeting starts when the session was out of use for 10 minutes.
 * So connections whose intervals overlap, or are separated by less than 10 minutes, are one
 * meeting.
 */
export const MEETING_IDLE_GAP_MS = 10 * 60 * 1000;

export const MEETING_RULE =
	'A meeting ends when everyone has left; if someone joins again within 10 minutes it is the same meeting, after 10 idle minutes a new one starts (Vonage Inspector rule).';

export interface PresenceInterval {
	id: string;
	startAt: number;
	/** UTC ms; for a connection still open at the end of the data, the end of the data. */
	endAt: number;
}

/**
 * Splits presence intervals into meetings (1-based, in time order). With no intervals there is
 * no meeting.
 */
export function splitMeetings(
	intervals: readonly PresenceInterval[],
	idleGapMs = MEETING_IDLE_GAP_MS,
	runs: readonly { startAt: number; endAt: number }[] = []
): Meeting[] {
	// No connection and no run the source reports: no meeting. An archive list or a page's
	// getUserMedia is not a call, and a meeting built from listing times would be a figure the
	// data never said. A reported run (OpenVidu sessionDestroyed with its startTime) in which no
	// connection of the data was present is a meeting of its own (nobody's join is in the data);
	// a run with connections in it is measured by them, idle gaps included (Vonage's rule).
	const empty = runs.filter((r) => !intervals.some((i) => i.startAt <= r.endAt && i.endAt >= r.startAt));
	const all = [...intervals, ...empty.map((r) => ({ id: '', startAt: r.startAt, endAt: r.endAt }))];
	if (all.length === 0) return [];
	const sorted = all.sort((a, b) => a.startAt - b.startAt || a.endAt - b.endAt);
	const meetings: Meeting[] = [];
	let current: Meeting | null = null;
	for (const interval of sorted) {
		if (current && interval.startAt - current.endAt < idleGapMs) {
			current.endAt = Math.max(current.endAt, interval.endAt);
			if (interval.id && !current.participantIds.includes(interval.id)) current.participantIds.push(interval.id);
			continue;
		}
		current = {
			index: meetings.length + 1,
			startAt: interval.startAt,
			endAt: Math.max(interval.startAt, interval.endAt),
			participantIds: interval.id ? [interval.id] : []
		};
		meetings.push(current);
	}
	return meetings;
}

/**
 * Which meeting an event at `at` belongs to: the meeting containing it, else the nearer one
 * (the midpoint between two meetings is the boundary), so `sessionCreated` before the first
 * join belongs to the first meeting and a late `recordingStatusChanged: ready` to the last.
 * Returns the 0-based position in `meetings`.
 */
export function meetingIndexAt(meetings: readonly Meeting[], at: number): number {
	let lo = 0;
	let hi = meetings.length - 1;
	while (lo < hi) {
		const mid = (lo + hi + 1) >> 1;
		if ((meetings[mid] as Meeting).startAt <= at) lo = mid;
		else hi = mid - 1;
	}
	const m = meetings[lo] as Meeting;
	const next = meetings[lo + 1];
	if (at > m.endAt && next && at - m.endAt > next.startAt - at) return lo + 1;
	return lo;
}
