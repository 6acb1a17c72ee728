import * as Comlink from 'comlink';
import { metricChartData, type MetricChartData } from './analysis/chart-lines.js';
import { QUALITY_CHARTS } from './analysis/quality.js';
import { openDb, type RtcscopeDb } from './storage/db.js';
import { loadSeriesView, seriesPackReader, type SeriesRef } from './storage/quality.js';
import { observe, observationCounts, type ObserveResult } from './observe/index.js';
import { gatherObserveInput } from './observe/gather.js';
import type { SessionKey } from './model/ids.js';
import { stitchStreams } from './observe/stitch.js';
import { clockOffsets, clockPairs, type ClockOffset, type ClockPair } from './observe/clock-offset.js';
import { listPcDetails, loadStatsObjects } from './storage/pc-details.js';
import { listQualityStreams } from './storage/quality.js';
import type { QualityStreamRow as StreamRow } from './model/rows.js';
import { createClickHouseReads } from './clickhouse/fleet-api.js';

/**
 * What the views ask the query worker (read-only; the ingest worker writes): work that reads many
 * rows and computes over them, so the page's thread only draws. Runs in-process under Vitest.
 */
export interface QualityChartsRequest {
	streams: SeriesRef[];
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
	/** Counts per session, valid while the session row is unchanged (its last event and imports). */
	const counts = new Map<string, { stamp: string; counts: ReturnType<typeof observationCounts> }>();
	return {
		/** The fleet views over ClickHouse (clickhouse/fleet-api.ts), when Settings selects it. */
		...createClickHouseReads(),

		/**
		 * The observations of a session, one meeting of it (1-based) or one connection: every
		 * rule's conclusions with evidence, and what each rule checked (observe/index.ts).
		 */
		async observations(request: { sessionKey: string; meeting?: number | null; participantIds?: string[]; now?: number }): Promise<ObserveResult | null> {
			const input = await gatherObserveInput(db, request.sessionKey as SessionKey, request.meeting ?? null, request.now);
			if (!input) return null;
			const result = observe(input, request.participantIds);
			// Evidence and sentences are plain data: no function crosses the worker boundary.
			return result;
		},

		/**
		 * Both ends of the session's streams (observe/stitch.ts) and, per receiving connection, the
		 * peer clock's offset estimated from its RTCP sender reports (observe/clock-offset.ts).
		 */
		async bothEnds(sessionKey: string): Promise<{ pairs: { sender: StreamRow; receiver: StreamRow }[]; clocks: ClockPair[] }> {
			const streams = await listQualityStreams(db, sessionKey as SessionKey);
			const pairs = stitchStreams(streams);
			const dumpKeys = [sessionKey, ...new Set(streams.map((s) => s.sessionKey).filter((k) => k !== sessionKey))];
			const offsets: (ClockOffset & { sessionKey: string })[] = [];
			for (const key of dumpKeys) {
				for (const detail of await listPcDetails(db, key as SessionKey)) {
					const ids = detail.objects.filter((o) => o.type === 'remote-outbound-rtp' || (o.type === 'candidate-pair' && detail.ice.pairs.some((p) => p.selected && p.id === o.id))).map((o) => o.id);
					if (ids.length === 0) continue;
					const rows = new Map((await loadStatsObjects(db, detail, ids)).map((r) => [r.objectId, r]));
					for (const o of clockOffsets(detail, rows)) offsets.push({ ...o, sessionKey: key });
				}
			}
			const senders = new Map(pairs.map((p) => [p.sender.ssrc, { sessionKey: p.sender.sessionKey, pcId: p.sender.pcId, participantId: p.sender.participantId }]));
			return { pairs, clocks: clockPairs(offsets, (ssrc) => senders.get(ssrc) ?? null) };
		},

		/** Problems and warnings per session, for the Sessions list (computed as the inspector does). */
		async observationCounts(keys: string[]): Promise<Record<string, ReturnType<typeof observationCounts>>> {
			const out: Record<string, ReturnType<typeof observationCounts>> = {};
			const rows = await db.sessions.bulkGet(keys);
			for (const [i, key] of keys.entries()) {
				const row = rows[i];
				if (!row) continue;
				const stamp = `${row.lastAt}|${row.importIds.join(',')}`;
				const cached = counts.get(key);
				if (cached && cached.stamp === stamp) {
					out[key] = cached.counts;
					continue;
				}
				const input = await gatherObserveInput(db, key as SessionKey, null);
				if (!input) continue;
				const c = observationCounts(observe(input));
				counts.set(key, { stamp, counts: c });
				out[key] = c;
			}
			return out;
		},

		/**
		 * The inspector's quality charts for a set of streams over [from, to]: every stream's
		 * samples read once, each chart's lines computed (analysis/chart-lines.ts).
		 */
		async qualityCharts(request: QualityChartsRequest): Promise<QualityChartsResult> {
			const t0 = performance.now();
			// One read transaction for all the streams (one per stream cost more than the reads).
			const views = await db.transaction('r', [db.seriesChunks, db.seriesPacks, db.seriesOverviews], () => {
				// The streams of one dump share packs: each pack is read once for all of them.
				const packs = seriesPackReader(db);
				return Promise.all(request.streams.map((s) => loadSeriesView(db, s, request.from, request.to, undefined, packs)));
			});
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
