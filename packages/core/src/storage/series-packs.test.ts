import { describe, expect, it, vi } from 'vitest';
import { importFile } from '../import/pipeline.js';
import type { ImportId } from '../model/ids.js';
import type { QualityStreamRow, SeriesChunkRow } from '../model/rows.js';
import { freshDb, readShared, storeAtVersion } from '../test-support/helpers.js';
import { RtcscopeDb } from './db.js';
import { listQualityStreams, loadSeries, seriesPackReader, streamChunks, type SeriesData } from './quality.js';
import { querySessions } from './queries.js';
import { deleteSeriesPacks, packSeriesChunks } from './series-packs.js';
import { deleteImport } from './writer.js';

/**
 * Quality series packed a batch per row (version 10, model/rows.ts SeriesPackRow): every stream
 * reads back as it was parsed whatever the packing, an import's packs delete with it and no
 * other's, and a stream stored before version 10 (one `seriesChunks` row per chunk) still reads
 * and deletes.
 */

const ANDREIDEN = readShared('data/real/webrtc-internals/AndreiDen-WebRTC_stats_parser__webrtc_internals_dump.txt');

async function importedAndreiDen() {
	const db = freshDb();
	const out = await importFile({ file: new File([ANDREIDEN], 'dump.txt'), name: 'dump.txt' }, { db });
	if (out.kind !== 'done') throw new Error(out.kind);
	const key = (await querySessions(db, { limit: 1 })).rows[0]?.key as string;
	return { db, importId: out.importId as ImportId, streams: await listQualityStreams(db, key as never) };
}

/** A series as comparable text: its times and every column, NaN as "-". */
function text(s: SeriesData): string {
	const col = (c: Float32Array | Float64Array) => [...c].map((v) => (Number.isNaN(v) ? '-' : v)).join(',');
	return [col(s.t), ...Object.entries(s.cols).map(([k, c]) => `${k}:${col(c)}`)].join('|');
}

/** A stream's chunks as the legacy table held them. */
async function legacyChunks(db: RtcscopeDb, row: QualityStreamRow): Promise<SeriesChunkRow[]> {
	return (await streamChunks(db, row)).map((c) => ({ ...c, importId: row.importId }));
}

describe('quality series packed per batch', () => {
	it('AndreiDen: 8 streams, 1,733 samples in one row; each reads back its own samples only', async () => {
		const { db, streams } = await importedAndreiDen();
		// Read in the file: PCs 18084-8 and 18084-9, 8 audio/video RTP streams between them, 1,733
		// samples in all (the import's counts), each stream one chunk (< 4,096 samples).
		expect(streams).toHaveLength(8);
		expect(streams.reduce((n, s) => n + s.points, 0)).toBe(1733);
		expect(await db.seriesPacks.count()).toBe(1);
		for (const s of streams) {
			const series = await loadSeries(db, s);
			expect(series.t.length).toBe(s.points);
			expect(series.t[0]).toBe(s.firstAt);
			expect(series.t.at(-1)).toBe(s.lastAt);
			expect(Object.keys(series.cols).sort()).toEqual([...s.metrics].sort());
		}
	});

	it('reads a pack once for all the streams that share it, each stream getting what it gets alone', async () => {
		const { db, streams } = await importedAndreiDen();
		const alone = await Promise.all(streams.map((s) => loadSeries(db, s)));
		const get = vi.spyOn(db.seriesPacks, 'get');
		const packs = seriesPackReader(db);
		const shared = await Promise.all(streams.map((s) => loadSeries(db, s, -Infinity, Infinity, packs)));
		// The 8 streams are in the one pack: one read, not 8.
		expect(get).toHaveBeenCalledTimes(1);
		expect(shared.map(text)).toEqual(alone.map(text));
	});

	it('splits a batch into packs of bounded values and reads every stream from its own packs', async () => {
		const { db, streams } = await importedAndreiDen();
		const chunks = (await Promise.all(streams.map((s) => legacyChunks(db, s)))).flat();
		const rows = streams.map((s) => ({ ...s }));
		const heaviest = Math.max(...chunks.map((c) => c.t.length * (1 + Object.keys(c.cols).length)));
		const packs = packSeriesChunks(rows, chunks, heaviest);
		expect(packs.length).toBeGreaterThan(2);
		for (const p of packs) expect(p.chunks.reduce((n, c) => n + c.t.length * (1 + Object.keys(c.cols).length), 0)).toBeLessThanOrEqual(heaviest);
		// Each pack is keyed by its first chunk; each row lists the packs of its chunks.
		for (const p of packs) expect([p.stream, p.seq]).toEqual([p.chunks[0]?.stream, p.chunks[0]?.seq]);
		for (const row of rows) expect(row.packs?.length).toBeGreaterThan(0);

		const other = freshDb();
		await other.seriesPacks.bulkPut(packs);
		for (const [i, row] of rows.entries()) expect(text(await loadSeries(other, row))).toBe(text(await loadSeries(db, streams[i] as QualityStreamRow)));
	});

	it('deletes an import’s packs with it, and keeps those of an import whose id begins the same', async () => {
		const { db, importId, streams } = await importedAndreiDen();
		const twin = `${importId}0` as ImportId;
		await db.seriesPacks.put({ stream: `${twin}|webrtc:x|pc|obj`, seq: 0, chunks: [] });
		await deleteImport(db, importId);
		expect(streams.length).toBeGreaterThan(0);
		expect(await db.seriesPacks.toCollection().primaryKeys()).toEqual([[`${twin}|webrtc:x|pc|obj`, 0]]);
		await db.transaction('rw', db.seriesPacks, () => deleteSeriesPacks(db, twin));
		expect(await db.seriesPacks.count()).toBe(0);
	});

	it('deletes an import’s streams and overviews by their key range (no importId index since version 11)', async () => {
		const { db, importId, streams } = await importedAndreiDen();
		const twin = `${importId}0` as ImportId;
		const twinStream = { ...(streams[0] as QualityStreamRow), key: `${twin}|webrtc:x|pc|obj`, importId: twin };
		await db.qualityStreams.put(twinStream);
		await db.seriesOverviews.bulkPut([
			{ stream: `${importId}|webrtc:x|pc|obj`, importId, overview: { t: new Float64Array(0), cols: {} } },
			{ stream: twinStream.key, importId: twin, overview: { t: new Float64Array(0), cols: {} } }
		] as never);
		expect(db.qualityStreams.schema.indexes.map((i) => i.name).sort()).toEqual(['linkedSessionKey', 'sessionKey']);
		expect(db.seriesOverviews.schema.indexes).toEqual([]);
		await deleteImport(db, importId);
		// AndreiDen's 8 streams and its overview are gone; the import whose id begins the same keeps its own.
		expect(await db.qualityStreams.toCollection().primaryKeys()).toEqual([twinStream.key]);
		expect(await db.seriesOverviews.toCollection().primaryKeys()).toEqual([twinStream.key]);
	});

	it('reads and deletes a stream stored by version 9, one seriesChunks row per chunk', async () => {
		const { db: current, streams } = await importedAndreiDen();
		const chunks = (await Promise.all(streams.map((s) => legacyChunks(current, s)))).flat();
		const legacy = streams.map(({ packs: _p, ...row }) => ({ ...row }));
		const { name, old } = storeAtVersion(9);
		await old.table('qualityStreams').bulkPut(legacy);
		await old.table('seriesChunks').bulkPut(chunks);
		old.close();

		const db = new RtcscopeDb(name);
		const stored = await listQualityStreams(db, streams[0]?.sessionKey as never);
		expect(stored.every((s) => s.packs === undefined)).toBe(true);
		for (const s of stored) {
			const was = streams.find((x) => x.key === s.key) as QualityStreamRow;
			expect(text(await loadSeries(db, s))).toBe(text(await loadSeries(current, was)));
		}
		await deleteImport(db, streams[0]?.importId as ImportId);
		expect([await db.qualityStreams.count(), await db.seriesChunks.count()]).toEqual([0, 0]);
	});
});
