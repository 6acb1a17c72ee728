import type { SourcedEvent } from '../model/events.js';
import type {
	Meeting,
	Participant,
	Publication,
	Recording,
	SessionModel,
	Subscription
} from '../model/session.js';
import { meetingIndexAt } from './meetings.js';

/**
 * What the inspector shows for a selection: the whole session (`meeting` null) or one meeting.
 * Every figure of the inspector is computed from a slice, so they all follow the selection.
 */
export interface SessionSlice {
	meeting: Meeting | null;
	startAt: number;
	endAt: number;
	/** The end used for anything still open (the session's or the meeting's end of data). */
	horizonAt: number;
	participants: Participant[];
	publications: Publication[];
	subscriptions: Subscription[];
	recordings: Recording[];
	events: SourcedEvent[];
}

/** `meetingIndex` is 1-based as shown to users; null or out of range selects all meetings. */
export function sliceSession(model: SessionModel, meetingIndex: number | null): SessionSlice {
	const horizon = Math.max(model.lastAt, model.destroyedAt ?? model.lastAt);
	const meeting =
		meetingIndex !== null && model.meetings.length > 1
			? (model.meetings.find((m) => m.index === meetingIndex) ?? null)
			: null;
	if (!meeting) {
		return {
			meeting: null,
			startAt: model.firstAt,
			endAt: horizon,
			horizonAt: horizon,
			participants: model.participants,
			publications: model.publications,
			subscriptions: model.subscriptions,
			recordings: model.recordings,
			events: model.events
		};
	}
	const position = meeting.index - 1;
	const inMeeting = (at: number) => meetingIndexAt(model.meetings, at) === position;
	const ids = new Set(meeting.participantIds);
	const events = model.events.filter((e) => inMeeting(e.at));
	return {
		meeting,
		startAt: meeting.startAt,
		endAt: meeting.endAt,
		horizonAt: Math.min(
			horizon,
			Math.max(meeting.endAt, events[events.length - 1]?.at ?? meeting.endAt)
		),
		participants: model.participants.filter((p) => ids.has(p.participantId)),
		publications: model.publications.filter(
			(p) => ids.has(p.participantId) && inMeeting(p.startedAt)
		),
		subscriptions: model.subscriptions.filter(
			(s) => ids.has(s.subscriberId) && inMeeting(s.startedAt)
		),
		recordings: model.recordings.filter((r) => inMeeting(r.startedAt)),
		events
	};
}

/**
 * Events of a selection that lie outside its span: a dump's page-level operations (a
 * getUserMedia call hours before the call) are listed in the event log but do not stretch the
 * session (model/span.ts). The inspector names them.
 */
export function eventsOutside(slice: SessionSlice): { before: SourcedEvent[]; after: SourcedEvent[] } {
	return {
		before: slice.events.filter((e) => e.at < slice.startAt),
		after: slice.events.filter((e) => e.at > slice.endAt)
	};
}
