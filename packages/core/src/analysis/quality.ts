import type { MetricName } from '../formats/webrtc-stats/types.js';
import type { QualityStreamRow } from '../model/rows.js';

/**
 * Quality thresholds of the Vonage Inspector's Quality Metrics (vonage-session-inspector.md):
 * video below 150 kbps and audio below 25 kbps "can generally be associated with poor quality",
 * packet loss over 3–5 % and latency over 300 ms hurt quality. Drawn as dashed lines.
 */
export const VONAGE_THRESHOLDS = {
	videoBitrateBps: 150_000,
	audioBitrateBps: 25_000,
	packetLossPct: 3,
	latencyMs: 300
} as const;

/** Vonage: "If a session includes more than 100 subscribers", subscribers leave the quality charts. */
export const LARGE_SESSION_SUBSCRIBERS = 100;

/** Which streams a quality chart shows: the Inspector's checkboxes and user filter. */
export interface StreamFilter {
	video: boolean;
	audio: boolean;
	/** Streams a participant sends (outbound). */
	publishers: boolean;
	/** Streams a participant receives (inbound). */
	subscribers: boolean;
	/** The connection itself (selected candidate pair: RTT, available bitrate). */
	connections: boolean;
	/** Only these participants; empty = everyone. */
	participantIds: readonly string[];
}

export const DEFAULT_STREAM_FILTER: StreamFilter = {
	video: true,
	audio: true,
	publishers: true,
	subscribers: true,
	connections: false,
	participantIds: []
};

export function visibleStreams(
	rows: readonly QualityStreamRow[],
	filter: StreamFilter
): QualityStreamRow[] {
	const people = new Set(filter.participantIds);
	return rows.filter((row) => {
		if (people.size > 0 && !people.has(row.participantId)) return false;
		if (row.direction === 'connection') return filter.connections;
		if (row.direction === 'outbound' && !filter.publishers) return false;
		if (row.direction === 'inbound' && !filter.subscribers) return false;
		if (row.kind === 'video' && !filter.video) return false;
		if (row.kind === 'audio' && !filter.audio) return false;
		return true;
	});
}

/** "sent video (screen)", "received audio", "connection": what a stream is, in words. */
export function streamRole(row: Pick<QualityStreamRow, 'direction' | 'kind' | 'source'>): string {
	if (row.direction === 'connection') return 'connection';
	const verb = row.direction === 'outbound' ? 'sent' : 'received';
	const what = row.kind ?? 'media';
	return row.kind === 'video' && row.source === 'screen'
		? `${verb} ${what} (screen)`
		: `${verb} ${what}`;
}

/** The metrics a chart shows, with their unit and how to scale the stored value for display. */
export interface MetricView {
	metric: MetricName;
	title: string;
	unit: string;
	/** Multiplier from the stored unit to the shown one. */
	scale: number;
}

export const QUALITY_CHARTS: readonly MetricView[] = [
	{ metric: 'bitrateBps', title: 'Bitrate', unit: 'kbps', scale: 0.001 },
	{ metric: 'packetLossPct', title: 'Packet loss', unit: '%', scale: 1 },
	{ metric: 'rttMs', title: 'Latency (round-trip time)', unit: 'ms', scale: 1 },
	{ metric: 'jitterMs', title: 'Jitter', unit: 'ms', scale: 1 },
	{ metric: 'fps', title: 'Frame rate', unit: 'fps', scale: 1 },
	{ metric: 'heightPx', title: 'Resolution (frame height)', unit: 'px', scale: 1 }
];

/**
 * Share of the stream's time spent frozen, in percent: Σ freeze durations ÷ stream duration
 * (SparkRTC's "freeze rate" per subscription). null when the stream has no duration.
 */
export function freezeRatePct(row: Pick<QualityStreamRow, 'summary'>): number | null {
	const { freezeDurationMs, durationS } = row.summary;
	return durationS > 0 ? Math.min(100, (freezeDurationMs / (durationS * 1000)) * 100) : null;
}
