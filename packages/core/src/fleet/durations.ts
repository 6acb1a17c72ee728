import { DAY_MS, type DurationTotals, type FleetDayRow } from './rollup.js';

/**
 * Duration Statistics (sparkrtc-console-guide.txt §5): audio minutes and video minutes by
 * resolution class per day, columnar for the chart. From CDR, each publication and subscription
 * (webrtcConnectionCreated → Destroyed) counts with its stream's `videoDimensions`; from dumps not
 * linked to a CDR session, each sent or received stream with its frame width × height over time.
 * A connection with video counts as video only (its audio is part of it).
 */
export const DURATION_SERIES = ['audio', 'sd', 'hd', 'uhd', 'video'] as const;
export type DurationSeries = (typeof DURATION_SERIES)[number];

export const DURATION_LABELS: Record<DurationSeries, string> = {
	audio: 'Audio',
	sd: 'Video SD',
	hd: 'Video HD',
	uhd: 'Video UHD',
	video: 'Video, resolution unknown'
};

export interface DurationStats {
	/** UTC midnight of each day, ms. */
	t: Float64Array;
	/** Minutes per day, aligned with `t`. */
	minutes: Record<DurationSeries, Float64Array>;
	/** Minutes over the range. */
	totals: Record<DurationSeries, number>;
}

/** @param from first day (UTC midnight); @param to exclusive end. Days without a row are 0. */
export function durationStats(rows: readonly FleetDayRow[], from: number, to: number): DurationStats {
	const days = Math.max(0, Math.round((to - from) / DAY_MS));
	const t = new Float64Array(days);
	const minutes = Object.fromEntries(DURATION_SERIES.map((s) => [s, new Float64Array(days)])) as Record<DurationSeries, Float64Array>;
	const totals = Object.fromEntries(DURATION_SERIES.map((s) => [s, 0])) as Record<DurationSeries, number>;
	const byDay = new Map<number, DurationTotals>(rows.map((r) => [r.day, r.rollup.durations]));
	for (let i = 0; i < days; i++) {
		const day = from + i * DAY_MS;
		t[i] = day;
		const d = byDay.get(day);
		if (!d) continue;
		for (const s of DURATION_SERIES) {
			const v = d[s] / 60_000;
			(minutes[s] as Float64Array)[i] = v;
			totals[s] += v;
		}
	}
	return { t, minutes, totals };
}
