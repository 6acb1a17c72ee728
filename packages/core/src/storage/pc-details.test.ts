import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importFile } from '../import/pipeline.js';
import type { ImportId } from '../model/ids.js';
import type { PcDetailRow, StatsObjectSamples } from '../model/pc-detail.js';
import { statsObjectKey } from '../model/pc-detail.js';
import { freshDb, sharedPath, storeAtVersion } from '../test-support/helpers.js';
import { RtcscopeDb } from './db.js';
import { listPcDetails, loadAllStatsObjects, loadStatsObject, loadStatsObjects, pcDetailRows, sampleValues } from './pc-details.js';
import { querySessions } from './queries.js';
import { deleteImport } from './writer.js';

/**
 * A connection's stats objects packed a few per row (version 10, model/pc-detail.ts
 * StatsPackRow): every object reads back as it was parsed, whatever the parts, and a connection
 * imported before version 10 (one `statsObjects` row per object) still reads and deletes.
 */

const GUILOSPANCK = sharedPath('data/real/webrtc-internals/Guilospanck-webrtc-stats-analyzer__webrtc_internals_dump.txt');

async function importedGuilospanck() {
	const db = freshDb();
	const out = await importFile({ file: new File([readFileSync(GUILOSPANCK)], 'dump.txt'), name: 'dump.txt' }, { db });
	if (out.kind !== 'done') throw new Error(out.kind);
	const key = (await querySessions(db, { limit: 1 })).rows[0]?.key as string;
	const details = await listPcDetails(db, key as never);
	return { db, importId: out.importId, details };
}

/** One object's samples as a comparable string: lengths, sums of each numeric column, text runs. */
function digest(o: StatsObjectSamples): string {
	const sum = (c: Float64Array) => [...c].filter((v) => !Number.isNaN(v)).reduce((a, b) => a + b, 0);
	const numbers = Object.entries(o.numbers).map(([k, c]) => `${k}=${sum(c)}`);
	const texts = Object.entries(o.texts).map(([k, r]) => `${k}=${r.v.join('/')}@${r.at.length}`);
	return `${o.objectId}:${o.t.length}:${sum(o.t)}:${numbers.join(',')}:${texts.join(',')}`;
}

describe('stats objects packed per connection', () => {
	it('Guilospanck: each connection is one row holding its 24 objects, every one read back whole', async () => {
		const { db, details } = await importedGuilospanck();
		// Read in the file: PCs 92-1 (24 stats ids, 22,834 values in its series) and 94-1 (23 ids,
		// 22,003 values), computed series included: each far below one part's 100,000 values (PACK_VALUES).
		expect(details.map((d) => [d.pcId, d.objects.length])).toEqual([
			['92-1', 24],
			['94-1', 23]
		]);
		expect(await db.statsPacks.count()).toBe(2);
		expect(await db.statsObjects.count()).toBe(0);
		for (const d of details) {
			expect(new Set(Object.values(d.packOf ?? {}))).toEqual(new Set([0]));
			const all = await loadAllStatsObjects(db, d);
			expect(all.map((o) => o.objectId)).toEqual(d.objects.map((o) => o.id));
			// Every object's sample count is the catalogue's (what the picker says it holds).
			expect(all.map((o) => o.t.length)).toEqual(d.objects.map((o) => o.samples));
		}
		const pc = details[0] as PcDetailRow;
		const asked = [pc.objects[5]?.id, 'no-such-object', pc.objects[1]?.id] as string[];
		expect((await loadStatsObjects(db, pc, asked)).map((o) => o.objectId)).toEqual([asked[0], asked[2]]);
		expect(await loadStatsObject(db, pc, 'no-such-object')).toBeUndefined();
	});

	it('splits a connection into parts of bounded values and reads each object from its own part', async () => {
		const { db, details } = await importedGuilospanck();
		const pc = details[0] as PcDetailRow;
		const objects = await loadAllStatsObjects(db, pc);
		const { key: _k, sessionKey, importId: _i, packOf: _p, ...detail } = pc;
		const record = { session: { key: sessionKey, provider: 'webrtc' as const, sessionId: 'x' }, forensics: { detail, columns: objects as never } };
		const heaviest = Math.max(...objects.map(sampleValues));
		const rows = pcDetailRows('imp-small' as ImportId, record, heaviest);
		// No part above the limit unless one object alone is; every object in exactly one part.
		expect(rows.packs.length).toBeGreaterThan(2);
		for (const p of rows.packs) expect(p.objects.reduce((n, o) => n + sampleValues(o), 0)).toBeLessThanOrEqual(heaviest);
		expect(rows.packs.flatMap((p) => p.objects.map((o) => o.objectId))).toEqual(objects.map((o) => o.objectId));

		const other = freshDb();
		await other.pcDetails.put(rows.detail);
		await other.statsPacks.bulkPut(rows.packs);
		const ids = objects.map((o) => o.objectId).reverse();
		expect((await loadStatsObjects(other, rows.detail, ids)).map(digest)).toEqual([...objects].reverse().map(digest));
		const reads: number[] = [];
		const realBulkGet = other.statsPacks.bulkGet.bind(other.statsPacks);
		other.statsPacks.bulkGet = ((keys: [string, number][]) => {
			reads.push(keys.length);
			return realBulkGet(keys);
		}) as typeof realBulkGet;
		await loadStatsObject(other, rows.detail, objects[0]?.objectId as string);
		expect(reads).toEqual([1]);
	});

	it('deletes an import’s parts with it, and keeps another import’s', async () => {
		const { db, importId, details } = await importedGuilospanck();
		const pc = details[0] as PcDetailRow;
		const kept = { ...pc, key: `${pc.key}-other`, importId: 'imp-other' as ImportId };
		await db.pcDetails.put(kept);
		await db.statsPacks.put({ detail: kept.key, part: 0, objects: [] });
		await deleteImport(db, importId as ImportId);
		expect(await db.pcDetails.toCollection().primaryKeys()).toEqual([kept.key]);
		expect(await db.statsPacks.toCollection().primaryKeys()).toEqual([[kept.key, 0]]);
	});

	it('reads and deletes a connection stored by version 9, one statsObjects row per object', async () => {
		const { details, db: current } = await importedGuilospanck();
		const pc = details[0] as PcDetailRow;
		const objects = await loadAllStatsObjects(current, pc);
		const { packOf: _p, ...legacy } = { ...pc, importId: 'imp-v9' as ImportId };
		const { name, old } = storeAtVersion(9);
		await old.table('pcDetails').put(legacy);
		await old.table('statsObjects').bulkPut(objects.map((o) => ({ ...o, key: statsObjectKey(pc.key, o.objectId), detailKey: pc.key, importId: 'imp-v9' })));
		old.close();

		const db = new RtcscopeDb(name);
		const [stored] = await listPcDetails(db, pc.sessionKey);
		expect(stored?.packOf).toBeUndefined();
		const owner = stored as PcDetailRow;
		expect((await loadAllStatsObjects(db, owner)).map(digest).sort()).toEqual(objects.map(digest).sort());
		const two = [objects[3]?.objectId, objects[0]?.objectId] as string[];
		expect((await loadStatsObjects(db, owner, two)).map((o) => o.objectId)).toEqual(two);
		await deleteImport(db, 'imp-v9' as ImportId);
		expect([await db.pcDetails.count(), await db.statsObjects.count()]).toEqual([0, 0]);
	});
});
