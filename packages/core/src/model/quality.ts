import type { MetricName } from './stats.js';

/**
 * What a quality stream row keeps besides its series (model/rows.ts QualityStreamRow, and the
 * series overviews): computed by quality/summary.ts and quality/overview.ts from a derived stream,
 * stored as these shapes. Persisted: renaming a field needs a storage migration.
 */

/**
 * Resolution classes of Duration Statistics (DESIGN.md "Durations", after SparkRTC §5 billing):
 * SD below 1280×720 pixels, HD up to 1920×1080, UHD above (fleet/resolution.ts classifies).
 */
export type ResolutionClass = 'sd' | 'hd' | 'uhd';

/**
 * Per-stream averages over the whole capture, kept with the stream so lists and tables (user
 * details, later the fleet views) need no series read. null = no sample carried that metric.
 */
export interface StreamSummary {
	bitrateBpsAvg: number | null;
	packetLossPctAvg: number | null;
	jitterMsAvg: number | null;
	rttMsAvg: number | null;
	fpsAvg: number | null;
	widthPxMax: number | null;
	heightPxMax: number | null;
	freezeCount: number;
	/** Σ freeze durations, ms (freezes of unknown duration count 0). */
	freezeDurationMs: number;
	/** Seconds covered by samples. */
	durationS: number;
	/**
	 * Video only: runs of samples in the same resolution class (fleet/resolution.ts), UTC ms,
	 * for Duration Statistics' "from dumps, from frame width/height over time". Absent on rows
	 * written before 2026-11-23.
	 */
	resolutionRuns?: ResolutionRun[];
}

export interface ResolutionRun {
	startAt: number;
	endAt: number;
	cls: ResolutionClass;
}

export interface MetricOverview {
	t: Float64Array;
	v: Float32Array;
}

export type SeriesOverview = Partial<Record<MetricName, MetricOverview>>;
