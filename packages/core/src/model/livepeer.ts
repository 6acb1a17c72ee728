/**
 * Livepeer stream health as stored (DESIGN.md "stream health"; source:
 * ../shared/spec/sources/livepeer-stream-health.txt, field names as the Stream Health API writes
 * them). All times are UTC ms since the Unix epoch, as in the API.
 *
 * Persisted in the `livepeerEvents` and `healthSnapshots` tables: renaming a field needs a
 * migration.
 */

/** The condition types the health API reports; others are kept as they come. */
export const CONDITION_TYPES = [
	'Active',
	'Transcoding',
	'TranscodeRealTime',
	'TranscodeNoErrors',
	'Multistreaming'
] as const;

/** `frequency`: the ratio (0..1) of probes with `status: true` over the window before lastProbeTime. */
export type Frequency = Partial<Record<'1m' | '10m' | '60m', number>>;

/** One condition (or the top-level `healthy`) of a health response. */
export interface HealthCondition {
	type: string;
	/** Last reading; null when the check does not apply (Multistreaming without targets). */
	status: boolean | null;
	frequency: Frequency | null;
	lastProbeTime: number | null;
	/** The API's `lastTransitionsTime`: when `status` last changed. */
	lastTransitionsTime: number | null;
	extraData: Record<string, unknown> | null;
}

/** One metric reading: `last` is `[timestamp ms, value]`. Experimental in the API. */
export interface HealthMetric {
	name: string;
	dimensions: Record<string, string>;
	at: number;
	value: number;
}

/** One health response (`GET /data/stream/{id}/health`), as read at one probe. */
export interface HealthSnapshotRow {
	streamId: string;
	/** `healthy.lastProbeTime`, or the newest condition probe; the row's time. */
	probeAt: number;
	importId: string;
	/** Source line (1-based) in the imported file; 0 for a live poll. */
	line: number;
	healthy: HealthCondition | null;
	conditions: HealthCondition[];
	/** Every metric, known (MediaTimeMillis, TranscodeRealtimeRatio) or not. */
	metrics: HealthMetric[];
}

/**
 * One low-level event of `/data/stream/{id}/events` (`transcode`, `media_server_metrics`,
 * `stream_state`, `webhook_event` with multistream events, and any other type, kept whole).
 */
export interface LivepeerEventRow {
	/** The event's `id` (the SSE id), or `nid:<hash of the object>` when it had none. */
	id: string;
	streamId: string;
	type: string;
	/** `timestamp`, UTC ms. */
	timestamp: number;
	importId: string;
	line: number;
	/** The event object as received (at most MAX_EVENT_CHARS of JSON; bigger ones are cut). */
	data: Record<string, unknown>;
}

export const MAX_EVENT_CHARS = 16 * 1024;

/** Which key the health tables use for a stream when the file does not say. */
export const UNKNOWN_STREAM = '(unknown stream)';
