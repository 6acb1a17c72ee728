import * as Comlink from 'comlink';
import { metricChartData, type MetricChartData } from './analysis/chart-lines.js';
import { QUALITY_CHARTS } from './analysis/quality.js';
import type { QualityStreamRow } from './model/rows.js';
import { openDb, type RtcscopeDb } from './storage/db.js';
import { loadSeriesView } from './storage/quality.js';

/**
 * What the views ask the query worker (read-only; the ingest worker writes): work that reads many
 * rows and computes over them, so the page's thread only draws. Runs in-process under Vitest.
 */
export interface QualityChartsRequest {
	streams: Pick<QualityStreamRow, 'key' | 'points' | 'firstAt' | 'lastAt'>[];
	/** UTC ms. */
	from: number;
	to: number;
	maxLines?: number;
	worst?: number;
}

export interface QualityChartsResult {
	/** One per QUALITY_CHARTS entry, in its order. */
	charts: MetricChartData[];
	/** True when a long stream was read from its min/max overview (zoom in for every sample). */
	overview: boolean;
	/** Where the worker's time went, ms (the bench prints them). */
	timings: { readMs: number; computeMs: number };
}

export function createQueryApi(db: RtcscopeDb = openDb()) {
	return {
		/**
		 * The inspector's quality charts for a set of streams over [from, to]: every stream's
		 * samples read once, each chart's lines computed (analysis/chart-lines.ts).
		 */
		async qualityCharts(request: QualityChartsRequest): Promise<QualityChartsResult> {
			const t0 = performance.now();
			// One read transaction for all the streams (one per stream cost more than the reads).
			const views = await db.transaction('r', [db.seriesChunks, db.seriesOverviews], () =>
				Promise.all(request.streams.map((s) => loadSeriesView(db, s, request.from, request.to)))
			);
			const t1 = performance.now();
			const options = { maxLines: request.maxLines ?? 12, worst: request.worst ?? 5 };
			const charts = QUALITY_CHARTS.map((view) => metricChartData(view, views.map((v) => v.metrics[view.metric]), options));
			const result = {
				charts,
				overview: views.some((v) => v.resolution === 'overview'),
				timings: { readMs: t1 - t0, computeMs: performance.now() - t1 }
			};
			return Comlink.transfer(result, charts.map((c) => c.x.buffer as ArrayBuffer));
		}
	};
}

export type QueryApi = ReturnType<typeof createQueryApi>;
