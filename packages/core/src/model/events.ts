/**
 * The provider-neutral event: anything that happened at a time (DESIGN.md "event").
 * Parsers map their source lines onto this shape; analytics (participants, meetings, rates)
 * read only this shape, so a new provider needs a parser, not new analytics.
 *
 * Persisted inside event blocks: renaming a field needs a storage migration.
 */

export type EventCategory =
	| 'session'
	| 'connection'
	| 'publish'
	| 'subscribe'
	| 'recording'
	| 'node'
	| 'filter'
	| 'signal'
	| 'quality'
	| 'other';

export type EventSeverity = 'info' | 'warning' | 'error';

/**
 * The event's role in the lifecycle of the thing it describes: `start` and `end` pair up into
 * intervals (a connection, a stream), `status` is a state change, `point` stands alone.
 */
export type EventPhase = 'start' | 'end' | 'status' | 'point';

/** Video source as OpenVidu's `videoSource` names it (CAMERA, SCREEN; later also CUSTOM, IPCAM). */
export type VideoSource = 'camera' | 'screen' | 'custom' | 'ipcam';

/** Connection (participant) join/leave detail. Source: openvidu-cdr.txt participantJoined/Left. */
export interface ConnectionDetail {
	kind: 'connection';
	/** "CITY, COUNTRY" or "unknown" (OpenVidu Pro only). */
	location?: string;
	/** Free text, e.g. "Chrome 85.0.4183.121 on Linux 64-bit". */
	platform?: string;
	/** Untrusted text from the client: show as text only. */
	clientData?: string;
	/** Untrusted text from the application server: show as text only. */
	serverData?: string;
	/** When the connection started, UTC ms (on end events). */
	startAt?: number;
	/** Connection duration in seconds as the source reports it (on end events). */
	durationS?: number;
	/**
	 * The person (or browser tab) this connection belongs to, when the source says so: a dump's
	 * tab, an rtcstats client's identity. Connections with the same userId are one user
	 * (analysis/users.ts). Untrusted text.
	 */
	userId?: string;
	/** How the source names that user (rtcstats `displayName`, a dump's page origin). Untrusted text. */
	userName?: string;
	/** How the source names this connection ("localhost:8000 · PC 714-1"). Untrusted text. */
	name?: string;
	/** The page the connection was made from (a dump's PC `url`). Untrusted: link only http(s). */
	page?: string;
}

/** A media stream: a publication (outbound) or subscription (inbound). */
export interface StreamDetail {
	kind: 'stream';
	source?: VideoSource;
	hasAudio?: boolean;
	hasVideo?: boolean;
	/** Frames per second the stream was negotiated with. */
	framerateFps?: number;
	widthPx?: number;
	heightPx?: number;
	startAt?: number;
	durationS?: number;
}

/** Session created/destroyed detail. */
export interface SessionDetail {
	kind: 'session';
	startAt?: number;
	durationS?: number;
}

/** Recording status. Source: openvidu-cdr.txt recordingStatusChanged (and 2018 recordingStarted/Stopped). */
export interface RecordingDetail {
	kind: 'recording';
	recordingId: string;
	/** Lower-case status as written by the source: started, stopped, ready, failed (OpenVidu). */
	status: string;
	name?: string;
	/** COMPOSED, INDIVIDUAL, … as written by the source. */
	outputMode?: string;
	layout?: string;
	/** "1280x720" as written by the source. */
	resolution?: string;
	hasAudio?: boolean;
	hasVideo?: boolean;
	sizeBytes?: number;
	durationS?: number;
	startAt?: number;
	/** Untrusted; only link it after checking the scheme is http(s). */
	url?: string;
	/** File type as the provider names it: MP4, ZIP (individual streams), HLS. */
	format?: string;
	/** Where the file is stored (bucket, object path, region endpoint): untrusted text. */
	location?: string;
	/** The stream a per-stream recording records (SparkRTC `stream_name`). */
	streamName?: string;
	/** True when the status was not observed but implied (an archive listed as "available" was started at createdAt). */
	inferred?: boolean;
	/**
	 * True when the status was observed but not when it happened: a REST snapshot says
	 * "stopped" with no `updatedAt` and no duration yet. It is placed at createdAt for order only;
	 * no duration is measured from it.
	 */
	atUnknown?: boolean;
}

/** One media node's status change. Source: openvidu-cdr.txt mediaNodeStatusChanged. */
export interface NodeDetail {
	kind: 'node';
	nodeId: string;
	clusterId?: string;
	oldStatus?: string;
	newStatus: string;
	ip?: string;
	uri?: string;
	environmentId?: string;
}

/** A media node as listed inside an autoscaling event; `loadPct` is CPU load 0..100. */
export interface AutoscalingNode {
	id: string;
	status?: string;
	loadPct?: number;
	ip?: string;
	environmentId?: string;
}

/** Autoscaling decision and cluster load. Source: openvidu-cdr.txt autoscaling. */
export interface AutoscalingDetail {
	kind: 'autoscaling';
	clusterId?: string;
	reason?: string;
	launchTotal?: number;
	terminateTotal?: number;
	/** Active nodes (running or launching). */
	numNodes?: number;
	/** Sum of node loads, percent. */
	totalLoadPct?: number;
	/** totalLoad / numNodes: compared against minAvgLoad..maxAvgLoad. */
	avgLoadPct?: number;
	minNodes?: number;
	maxNodes?: number;
	minAvgLoadPct?: number;
	maxAvgLoadPct?: number;
	nodes: AutoscalingNode[];
}

/** A filter event (Kurento filters). `data` is kept as the text the server wrote (Java map text). */
export interface FilterDetail {
	kind: 'filter';
	filterType?: string;
	eventType?: string;
	data?: string;
}

/** A signal sent through the server. */
export interface SignalDetail {
	kind: 'signal';
	from?: string;
	to?: string[];
	signalType?: string;
	data?: string;
}

/** A quality sample that arrived as an event (OpenVidu Pro `webrtcStats` copies). */
export interface QualityDetail {
	kind: 'quality';
	mediaType?: string;
	fields: Record<string, number>;
}

/**
 * A peer-connection operation or state change from a dump (webrtc-internals `updateLog`,
 * rtcstats method calls): `createOffer`, `oniceconnectionstatechange`, `getUserMedia`, …
 */
export interface WebrtcDetail {
	kind: 'webrtc';
	/** The peer connection id in the dump (`92-1`, `PC_0`); absent for page-level calls. */
	pcId?: string;
	/** The new state of a state-change event (`connected`, `failed`, …). */
	state?: string;
	/** The call's argument or result as text, cut to a few KB (SDP, candidate, constraints). */
	value?: string;
	/** Pairs a getUserMedia/getDisplayMedia request with its result (rtcstats request id, webrtc-internals `rid-request_id`). */
	requestId?: string;
}

/** An event no parser understands: every field kept. */
export interface RawDetail {
	kind: 'raw';
	fields: Record<string, unknown>;
}

export type EventDetail =
	| ConnectionDetail
	| StreamDetail
	| SessionDetail
	| RecordingDetail
	| NodeDetail
	| AutoscalingDetail
	| FilterDetail
	| SignalDetail
	| QualityDetail
	| WebrtcDetail
	| RawDetail;

/**
 * One event as stored. `line` is the 1-based source line in the import the block belongs to.
 * Its identity (model/event-key.ts), which makes the same event from two files count once, is
 * derived from its fields when needed; only events nobody understands carry `key`, a hash of the
 * source line's text.
 */
export interface ModelEvent {
	/** When it happened, UTC ms. */
	at: number;
	/** The source's own name for the event, e.g. `participantLeft`. */
	type: string;
	category: EventCategory;
	phase: EventPhase;
	severity: EventSeverity;
	/** Connection id (OpenVidu participantId / connectionId). */
	participantId?: string;
	streamId?: string;
	/** INBOUND streams: the publishing participant (OpenVidu `receivingFrom`). */
	peerId?: string;
	/** The source's reason text, e.g. `networkDisconnect`. */
	reason?: string;
	detail: EventDetail;
	/** Fields of a known event that the parser does not map (e.g. OpenVidu Pro `elastic_type`). */
	extra?: Record<string, unknown>;
	line: number;
	key?: string;
}

/** A {@link ModelEvent} with the import it came from attached, as queries return it. */
export interface SourcedEvent extends ModelEvent {
	importId: string;
}
