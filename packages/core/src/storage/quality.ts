import type { MetricName } from '../formats/webrtc-stats/types.js';
import type { QualityStreamRow } from '../model/rows.js';
import type { SessionKey } from '../model/ids.js';
import type { RtcscopeDb } from './db.js';

/** Quality streams of a session (from dumps imported as, or linked to, that session). */
export async function listQualityStreams(
	db: RtcscopeDb,
	key: SessionKey
): Promise<QualityStreamRow[]> {
	const rows = await db.qualityStreams.where('sessionKey').equals(key).toArray();
	return rows.sort((a, b) => a.firstAt - b.firstAt || a.key.localeCompare(b.key));
}

/** A stream's samples as aligned columns: `t` in UTC ms, NaN for gaps. */
export interface SeriesData {
	t: Float64Array;
	cols: Partial<Record<MetricName, Float32Array>>;
}

/**
 * A stream's samples, optionally limited to chunks overlapping [fromAt, toAt] (UTC ms). The
 * columns come back as typed arrays ready for a chart.
 */
export async function loadSeries(
	db: RtcscopeDb,
	stream: string,
	fromAt = -Infinity,
	toAt = Infinity
): Promise<SeriesData> {
	const chunks = (
		await db.seriesChunks
			.where('[stream+seq]')
			.between([stream, -Infinity], [stream, Infinity], true, true)
			.toArray()
	).filter(
		(c) => c.t.length > 0 && (c.t[c.t.length - 1] as number) >= fromAt && (c.t[0] as number) <= toAt
	);
	const total = chunks.reduce((n, c) => n + c.t.length, 0);
	const t = new Float64Array(total);
	const cols: SeriesData['cols'] = {};
	let at = 0;
	for (const chunk of chunks) {
		t.set(chunk.t, at);
		for (const [name, values] of Object.entries(chunk.cols) as [MetricName, Float32Array][]) {
			(cols[name] ??= new Float32Array(total).fill(Number.NaN)).set(values, at);
		}
		at += chunk.t.length;
	}
	return { t, cols };
}
