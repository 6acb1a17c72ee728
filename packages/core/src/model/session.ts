import type { Provider, SessionKey } from './ids.js';
import type { SourcedEvent, VideoSource } from './events.js';

/**
 * The derived model of one session (DESIGN.md "One model for every provider"), built from its
 * events by analysis/session-model.ts. Times are UTC ms, durations are named with their unit.
 * Each record keeps the import and line of the event it starts from (`src`).
 */

export interface SourceRef {
	importId: string;
	line: number;
}

/** One connection of one user (OpenVidu participant, Vonage connection). */
export interface Participant {
	participantId: string;
	/** Groups connections of one person; see analysis/users.ts for the rule. */
	userKey: string;
	joinedAt: number;
	/** null while still connected at the end of the data. */
	leftAt: number | null;
	/** The source's leave reason, e.g. `disconnect`, `networkDisconnect`; null when not seen. */
	leaveReason: string | null;
	location: string | null;
	platform: string | null;
	clientData: string | null;
	serverData: string | null;
	/** The source's own user identity and names (ConnectionDetail.userId, userName, name, page). */
	userId: string | null;
	userName: string | null;
	name: string | null;
	page: string | null;
	/** True when the join was not in the data and `joinedAt` comes from the leave event's startTime. */
	joinInferred: boolean;
	/**
	 * True when no leave was in the data but the session was destroyed after the join: `leftAt`
	 * is the session's end (OpenVidu disconnects everyone when a session ends).
	 */
	leaveInferred: boolean;
	src: SourceRef;
}

/** A stream a participant sends (OpenVidu OUTBOUND webrtcConnection, Vonage stream). */
export interface Publication {
	/** Stream id, or a synthetic `<participantId>#<startAt>` for 2018 lines without one. */
	streamId: string;
	participantId: string;
	source: VideoSource | null;
	hasAudio: boolean | null;
	hasVideo: boolean | null;
	framerateFps: number | null;
	widthPx: number | null;
	heightPx: number | null;
	startedAt: number;
	endedAt: number | null;
	endReason: string | null;
	src: SourceRef;
}

/** A participant receiving a publication (OpenVidu INBOUND webrtcConnection, Vonage subscriber). */
export interface Subscription {
	/** `<subscriberId>><streamId>#<startAt>`: unique per subscribe attempt. */
	id: string;
	subscriberId: string;
	/** The publishing participant (OpenVidu `receivingFrom`). */
	publisherId: string | null;
	streamId: string | null;
	source: VideoSource | null;
	hasAudio: boolean | null;
	hasVideo: boolean | null;
	startedAt: number;
	endedAt: number | null;
	endReason: string | null;
	src: SourceRef;
}

export interface RecordingStatusChange {
	at: number;
	status: string;
	reason: string | null;
	/** Implied rather than observed (see RecordingDetail.inferred). */
	inferred?: boolean;
	/** Observed, but when is not known (see RecordingDetail.atUnknown). */
	atUnknown?: boolean;
	src: SourceRef;
}

/** A recording/archive with its status history. */
export interface Recording {
	/** `<recordingId>#<startAt>`: OpenVidu reuses the session id as recording id across runs. */
	key: string;
	recordingId: string;
	name: string | null;
	/** Last status seen. */
	status: string;
	history: RecordingStatusChange[];
	startedAt: number;
	durationS: number | null;
	sizeBytes: number | null;
	outputMode: string | null;
	layout: string | null;
	resolution: string | null;
	hasAudio: boolean | null;
	hasVideo: boolean | null;
	url: string | null;
	/** MP4 / ZIP / HLS as the provider says, or from the output mode. */
	format: string | null;
	/** Storage location text (bucket, path): untrusted. */
	location: string | null;
	streamName: string | null;
}

/** A part of a session between idle gaps (Vonage "Sessions vs. Meetings"). 1-based index. */
export interface Meeting {
	index: number;
	startAt: number;
	endAt: number;
	participantIds: string[];
}

export interface SessionModel {
	key: SessionKey;
	provider: Provider;
	sessionId: string;
	/** Every event, deduplicated by source-line hash, in time order (ties keep source order). */
	events: SourcedEvent[];
	participants: Participant[];
	publications: Publication[];
	subscriptions: Subscription[];
	recordings: Recording[];
	meetings: Meeting[];
	/** First and last event time, UTC ms. */
	firstAt: number;
	lastAt: number;
	/** When the session was destroyed, if the data says so. */
	destroyedAt: number | null;
}
