import type { RtcscopeDb } from './db.js';
import { packByWeight } from '../util/pack.js';
import type { QualityStreamRow, SeriesChunkRow, SeriesPackRow } from '../model/rows.js';

/**
 * A pack of `seriesPacks` is closed once it holds this many values (each chunk's times and metric
 * columns): ~2 MB, well under what one IndexedDB value should be, and a stream of a long dump
 * still reads only the packs that hold its own chunks.
 */
export const SERIES_PACK_VALUES = 400_000;

/** Values a chunk weighs in a pack: its timestamps and each of its metric columns. */
function chunkValues(c: SeriesChunkRow): number {
	return c.t.length * (1 + Object.keys(c.cols).length);
}

/**
 * Packs a batch's chunks, in the order given, into `seriesPacks` rows (model/rows.ts
 * SeriesPackRow) and records on each stream row the keys of the packs holding its chunks (in
 * `rows`, changed in place). A chunk that would take a pack over `maxValues` starts a new one (a
 * chunk heavier than that alone gets a pack of its own). Chunks of a stream not in `rows` are
 * packed too; the caller hands over whole streams.
 */
export function packSeriesChunks(rows: readonly QualityStreamRow[], chunks: readonly SeriesChunkRow[], maxValues = SERIES_PACK_VALUES): SeriesPackRow[] {
	const packsOf = new Map<string, [string, number][]>();
	const packs = packByWeight(chunks, chunkValues, maxValues).map((run): SeriesPackRow => {
		const first = run[0] as SeriesChunkRow;
		const pack: SeriesPackRow = { stream: first.stream, seq: first.seq, chunks: run.map((c) => ({ stream: c.stream, seq: c.seq, t: c.t, cols: c.cols })) };
		for (const stream of new Set(run.map((c) => c.stream))) {
			const keys = packsOf.get(stream) ?? [];
			keys.push([pack.stream, pack.seq]);
			packsOf.set(stream, keys);
		}
		return pack;
	});
	for (const row of rows) row.packs = packsOf.get(row.key) ?? [];
	return packs;
}

/** Deletes an import's packs (inside the caller's transaction on `seriesPacks`): its stream keys all begin `<importId>|`. */
export async function deleteSeriesPacks(db: RtcscopeDb, importId: string): Promise<void> {
	const [from, to] = importKeyRange(importId);
	await db.seriesPacks.where('[stream+seq]').between([from, -Infinity], [to, Infinity], true, true).delete();
}

/**
 * The bounds of the stream keys of an import (quality/rows.ts streamKey `<importId>|…`): its
 * quality streams, overviews and series packs are one key range each, without an index.
 */
export function importKeyRange(importId: string): [string, string] {
	const prefix = `${importId}|`;
	return [prefix, `${prefix}\uffff`];
}
