import type { SessionSlice } from '../analysis/meeting-slice.js';
import type { MediaRequestRow } from '../analysis/media-requests.js';
import type { ThresholdOverrides } from '../fleet/thresholds.js';
import type { PcDetailRow } from '../model/pc-detail.js';
import type { QualityStreamRow } from '../model/rows.js';
import type { SessionModel } from '../model/session.js';
import type { MetricName } from '../formats/webrtc-stats/types.js';

/**
 * Observations (issue 13): conclusions about a call, each with the rule that made it, the value
 * that fired the rule, and the evidence a reader can open — the time range, the stream or
 * connection, the chart, the source file and line. Rules are pure functions over the stored
 * model (observe/rules/*.ts); a rule with no input for it says so ("not measurable from these
 * files") instead of passing silently.
 */

export type ObservationSeverity = 'info' | 'warning' | 'problem';

/** Where a rule's threshold and meaning come from. */
export type RuleSource =
	| 'W3C webrtc-pc'
	| 'W3C webrtc-stats'
	| 'W3C mediacapture-streams'
	| 'Vonage Session Inspector'
	| 'Vonage Archive Inspector'
	| 'SparkRTC Table 4-2'
	| 'SparkRTC §4.2'
	| 'OpenVidu CDR'
	| 'rtcStats features'
	| 'rtcscope';

export interface RuleInfo {
	id: RuleId;
	/** One line: what the rule looks for. */
	title: string;
	/** The rule in words, with its threshold ("packet loss above 3 % for at least 10 s"). */
	rule: string;
	source: RuleSource;
	/** What a rule needs from the files (for "not measurable from these files"). */
	needs: 'events' | 'dumps' | 'dump-forensics' | 'recordings' | 'cluster';
}

export type RuleId =
	| 'connection-failed'
	| 'never-connected'
	| 'slow-join'
	| 'ice-disconnected'
	| 'ice-restart'
	| 'relay'
	| 'quality-limited'
	| 'freezes'
	| 'network-thresholds'
	| 'loss-over-time'
	| 'latency-over-time'
	| 'low-bitrate'
	| 'received-below-sent'
	| 'media-stopped'
	| 'audio-only'
	| 'get-user-media-failed'
	| 'recording-failed'
	| 'node-crashed';

/** Evidence that opens a view: the charts zoomed, a connection's forensics, a source line. */
export interface Evidence {
	/** UTC ms: the range the observation is about. */
	from: number;
	to: number;
	/** The session connection (participant) it concerns. */
	participantId?: string;
	/** A quality stream key: the quality charts show its user, zoomed to [from, to]. */
	streamKey?: string;
	/** Which quality chart shows it. */
	metric?: MetricName;
	/** Dump forensics: connection, object and field to chart. */
	pcId?: string;
	objectId?: string;
	field?: string;
	view?: string;
	/** Source records: the import (file) and the lines. */
	importId?: string;
	lines?: number[];
}

export interface Observation {
	/** Stable within a session: rule + subject. */
	id: string;
	rule: RuleId;
	severity: ObservationSeverity;
	/** The conclusion in plain words, with its figures and units. */
	sentence: string;
	/** The value that fired the rule, with its threshold ("24.0 % > 20 %"). */
	fired: string;
	/** Who it is about, for grouping (a connection id), when one. */
	participantId?: string;
	evidence: Evidence[];
}

/** What happened with each rule on this input. */
export interface RuleStatus {
	rule: RuleId;
	status: 'fired' | 'passed' | 'not-measurable';
	/** Why it could not be measured, or what it checked. */
	note: string;
}

export interface ObserveResult {
	observations: Observation[];
	statuses: RuleStatus[];
}

/** A stream's samples for the time-resolved rules (one metric column aligned with `t`). */
export interface StreamSeries {
	t: Float64Array;
	cols: Partial<Record<MetricName, Float32Array>>;
}

/** Everything the rules read. All of it is in the store; the query worker gathers it. */
export interface ObserveInput {
	model: SessionModel;
	slice: SessionSlice;
	/** Quality streams shown with the session (its own and linked dumps'), participantId as in the session. */
	streams: QualityStreamRow[];
	/** Their samples by stream key (may be missing: the time-resolved rules then say so). */
	series: ReadonlyMap<string, StreamSeries>;
	details: PcDetailRow[];
	mediaRequests: MediaRequestRow[];
	/** Media-node status changes of the session's cluster during the session (OpenVidu Pro). */
	nodeEvents: { at: number; nodeId: string; status: string; importId?: string; line: number }[];
	thresholds: ThresholdOverrides;
	/** Who is named how: for sentences ("Ana's camera"). */
	labelOf: (participantId: string) => string;
	/** Wall clock for the 72-hour archive rule. */
	now: number;
}

/** A rule: what it is, and what it concludes (observations) or why it cannot. */
export interface Rule {
	info: RuleInfo;
	run(input: ObserveInput): { observations: Observation[]; status?: Omit<RuleStatus, 'rule'> };
}
