import type { StreamRecord } from '../formats/types.js';
import { METRICS, type DerivedStream, type MetricName } from '../formats/webrtc-stats/types.js';
import { METRIC_SCALE } from '../formats/bundle/codec.js';
import type { ImportId } from '../model/ids.js';
import {
	SERIES_CHUNK_POINTS,
	type QualityStreamRow,
	type SeriesChunkRow,
	type SeriesOverviewRow
} from '../model/rows.js';
import { buildOverview, OVERVIEW_MIN_POINTS } from './overview.js';
import { summarizeStream } from './summary.js';

/**
 * The stream with its samples on the storage grid: times to whole ms, metrics to the units of
 * METRIC_SCALE (1 bps, 0.001 %, 1 µs, 0.01 fps) — far below what any view shows, and exactly what
 * a case bundle writes, so a bundle restores the very same numbers.
 */
export function onGrid(stream: DerivedStream): DerivedStream {
	const t = Float64Array.from(stream.t, (v) => Math.round(v));
	const cols: DerivedStream['cols'] = {};
	for (const [name, values] of Object.entries(stream.cols) as [MetricName, Float32Array][]) {
		const scale = METRIC_SCALE[name];
		cols[name] = Float32Array.from(values, (v) => (Number.isFinite(v) ? Math.round(v * scale) / scale : Number.NaN));
	}
	return { ...stream, t, cols };
}

/**
 * The stable key of a stream of an import. The session is part of it: one import can hold
 * several dumps whose peer connections and stats ids coincide (a case bundle with both ends of a
 * call, an rtcstats room file), and without it the second dump's stream overwrote the first's.
 */
export function streamKey(importId: string, sessionKey: string, pcId: string, objectId: string): string {
	return `${importId}|${sessionKey}|${pcId}|${objectId}`;
}

/** A derived stream as its store row and columnar chunks of SERIES_CHUNK_POINTS samples. */
export function streamRows(
	importId: ImportId,
	record: StreamRecord
): { row: QualityStreamRow; chunks: SeriesChunkRow[]; overview: SeriesOverviewRow | null } {
	const s = onGrid(record.stream);
	const key = streamKey(importId, record.session.key, s.pcId, s.objectId);
	const metrics = METRICS.filter((m) => s.cols[m] !== undefined) as MetricName[];
	const row: QualityStreamRow = {
		key,
		importId,
		sessionKey: record.session.key,
		participantId: record.participantId,
		pcId: s.pcId,
		objectId: s.objectId,
		direction: s.direction,
		kind: s.kind,
		source: s.source,
		ssrc: s.ssrc,
		mid: s.mid,
		trackId: s.trackId,
		codec: s.codec,
		firstAt: s.t[0] ?? 0,
		lastAt: s.t[s.t.length - 1] ?? 0,
		points: s.t.length,
		droppedBeforeAt: s.droppedBeforeAt,
		metrics,
		freezes: s.freezes,
		summary: summarizeStream(s)
	};
	if (record.setup) row.setup = record.setup;
	if (s.selectedPair) row.selectedPair = s.selectedPair;
	if (s.candidates) row.candidates = s.candidates;
	const chunks: SeriesChunkRow[] = [];
	for (let from = 0, seq = 0; from < s.t.length; from += SERIES_CHUNK_POINTS, seq++) {
		const to = Math.min(s.t.length, from + SERIES_CHUNK_POINTS);
		const cols: SeriesChunkRow['cols'] = {};
		for (const m of metrics) cols[m] = (s.cols[m] as Float32Array).slice(from, to);
		chunks.push({ stream: key, seq, importId, t: s.t.slice(from, to), cols });
	}
	const overview =
		s.t.length >= OVERVIEW_MIN_POINTS
			? { stream: key, importId, overview: buildOverview(s.t, s.cols) }
			: null;
	return { row, chunks, overview };
}
