import type { MetricName } from '../formats/webrtc-stats/types.js';
import type { QualityStreamRow, SeriesChunkSamples, SeriesPackRow } from '../model/rows.js';
import type { SessionKey } from '../model/ids.js';
import type { RtcscopeDb } from './db.js';

/**
 * Quality streams of a session: those of dumps imported as that session, and those of dumps
 * linked to it, seen from the linked session (their participant is the linked connection when
 * known, else the peer connection id).
 */
export async function listQualityStreams(
	db: RtcscopeDb,
	key: SessionKey
): Promise<QualityStreamRow[]> {
	const [own, linked] = await Promise.all([
		db.qualityStreams.where('sessionKey').equals(key).toArray(),
		db.qualityStreams.where('linkedSessionKey').equals(key).toArray()
	]);
	const rows = [
		...own,
		...linked.map((row) => ({
			...row,
			participantId: row.linkedParticipantId ?? row.participantId
		}))
	];
	return rows.sort((a, b) => a.firstAt - b.firstAt || a.key.localeCompare(b.key));
}

/** The link of a dump session's streams: the target session and each peer connection's participant. */
export interface DumpLink {
	targetKey: SessionKey | null;
	participants: Record<string, string | null>;
}

export async function getDumpLink(db: RtcscopeDb, key: SessionKey): Promise<DumpLink> {
	const rows = await db.qualityStreams.where('sessionKey').equals(key).toArray();
	const participants: Record<string, string | null> = {};
	let targetKey: SessionKey | null = null;
	for (const row of rows) {
		targetKey ??= row.linkedSessionKey ?? null;
		if (!(row.pcId in participants)) participants[row.pcId] = row.linkedParticipantId ?? null;
	}
	return { targetKey, participants };
}

/** A stream's samples as aligned columns: `t` in UTC ms, NaN for gaps. */
export interface SeriesData {
	t: Float64Array;
	cols: Partial<Record<MetricName, Float32Array>>;
}

/** What {@link loadSeries} needs of a stream row: its key and where its chunks are. */
export type SeriesOwner = Pick<QualityStreamRow, 'key' | 'packs'>;

/**
 * What a chart request needs of a stream row (sent to the query worker): `packs` is a required key
 * here, so a request built field by field cannot leave it out (the stream would then be read from
 * the legacy table and come back empty).
 */
export interface SeriesRef {
	key: string;
	packs: QualityStreamRow['packs'] | undefined;
	points: number;
	firstAt: number;
	lastAt: number;
}

/** A stream row's {@link SeriesRef}. */
export function seriesRef(row: Pick<QualityStreamRow, 'key' | 'packs' | 'points' | 'firstAt' | 'lastAt'>): SeriesRef {
	return { key: row.key, packs: row.packs, points: row.points, firstAt: row.firstAt, lastAt: row.lastAt };
}

/**
 * A stream's samples, optionally limited to chunks overlapping [fromAt, toAt] (UTC ms). The
 * columns come back as typed arrays ready for a chart. Reads the stream's packs (version 10), or
 * its `seriesChunks` rows for a stream stored before.
 */
export async function loadSeries(
	db: RtcscopeDb,
	stream: SeriesOwner,
	fromAt = -Infinity,
	toAt = Infinity,
	packs?: SeriesPackReader
): Promise<SeriesData> {
	const chunks = (await streamChunks(db, stream, packs)).filter(
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

/**
 * Reads `seriesPacks` rows, each once however many streams share it: a pack holds the chunks of
 * every stream of its batch (up to ~2 MB), so reading 576 streams of one dump pack by pack for
 * each stream deserialized the same packs hundreds of times (bench `BENCH_ONLY=inspector`). One
 * reader per request; it keeps what it read until dropped.
 */
export type SeriesPackReader = (keys: readonly [string, number][]) => Promise<(SeriesPackRow | undefined)[]>;

/** A {@link SeriesPackReader} over `db` (inside the caller's transaction, if any). */
export function seriesPackReader(db: RtcscopeDb): SeriesPackReader {
	const read = new Map<string, Promise<SeriesPackRow | undefined>>();
	return (keys) =>
		Promise.all(
			keys.map((key) => {
				const id = `${key[1]}|${key[0]}`;
				let pack = read.get(id);
				if (!pack) {
					pack = db.seriesPacks.get(key);
					read.set(id, pack);
				}
				return pack;
			})
		);
}

/** Every chunk of a stream, in order: from its packs (through `packs`, shared by a request's streams), or from the legacy `seriesChunks` rows. */
export async function streamChunks(db: RtcscopeDb, stream: SeriesOwner, packs?: SeriesPackReader): Promise<SeriesChunkSamples[]> {
	if (!stream.packs) {
		return db.seriesChunks.where('[stream+seq]').between([stream.key, -Infinity], [stream.key, Infinity], true, true).toArray();
	}
	const rows = await (packs ?? seriesPackReader(db))(stream.packs);
	return rows.flatMap((p) => (p?.chunks ?? []).filter((c) => c.stream === stream.key)).sort((a, b) => a.seq - b.seq);
}

/** Per-metric samples for a chart: each metric with its own times (overviews differ per metric). */
export type MetricSeries = Partial<Record<MetricName, { t: Float64Array; v: Float32Array }>>;

export interface SeriesView {
	metrics: MetricSeries;
	/** `full`: every sample of the range; `overview`: min/max per run (zoom in for full resolution). */
	resolution: 'full' | 'overview';
}

/**
 * What a chart of [fromAt, toAt] needs: every sample when the range holds at most `maxPoints`,
 * else the stream's overview (quality/overview.ts) cut to the range.
 */
export async function loadSeriesView(
	db: RtcscopeDb,
	row: Pick<QualityStreamRow, 'key' | 'packs' | 'points' | 'firstAt' | 'lastAt'>,
	fromAt = -Infinity,
	toAt = Infinity,
	maxPoints = 20_000,
	packs?: SeriesPackReader
): Promise<SeriesView> {
	const from = Math.max(fromAt, row.firstAt);
	const to = Math.min(toAt, row.lastAt);
	const span = Math.max(1, row.lastAt - row.firstAt);
	const estimate = row.points * Math.max(0, Math.min(1, (to - from) / span));
	if (estimate > maxPoints) {
		const stored = await db.seriesOverviews.get(row.key);
		if (stored) {
			const metrics: MetricSeries = {};
			for (const [name, o] of Object.entries(stored.overview) as [
				MetricName,
				{ t: Float64Array; v: Float32Array }
			][]) {
				const [a, b] = indexRange(o.t, fromAt, toAt);
				metrics[name] = { t: o.t.subarray(a, b), v: o.v.subarray(a, b) };
			}
			return { metrics, resolution: 'overview' };
		}
	}
	const data = await loadSeries(db, row, fromAt, toAt, packs);
	const [a, b] = indexRange(data.t, fromAt, toAt);
	const t = data.t.subarray(a, b);
	const metrics: MetricSeries = {};
	for (const [name, v] of Object.entries(data.cols) as [MetricName, Float32Array][])
		metrics[name] = { t, v: v.subarray(a, b) };
	return { metrics, resolution: 'full' };
}

function indexRange(t: Float64Array, fromAt: number, toAt: number): [number, number] {
	/** First index whose time is ≥ value (strict: false) or > value (strict: true). */
	const bound = (value: number, strict: boolean) => {
		let lo = 0;
		let hi = t.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			const x = t[mid] as number;
			if (x < value || (strict && x === value)) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	};
	return [bound(fromAt, false), bound(toAt, true)];
}
