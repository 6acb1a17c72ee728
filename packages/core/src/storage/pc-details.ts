import type { PcDetailRecord } from '../formats/types.js';
import type { ImportId, SessionKey } from '../model/ids.js';
import {
	pcDetailKey,
	statsObjectKey,
	type PcDetailRow,
	type StatsObjectSamples,
	type StatsPackRow
} from '../model/pc-detail.js';
import type { RtcscopeDb } from './db.js';
import { packByWeight } from '../util/pack.js';

/**
 * Reading and building the dump-forensics rows (model/pc-detail.ts). The inspector lists a
 * session's connections with {@link listPcDetails} (catalogues, descriptions, ICE, bands: no
 * samples), and loads the samples of a few stats objects with {@link loadStatsObjects} only when
 * one of their fields is charted.
 */

/**
 * A part of `statsPacks` is closed once it holds this many values (timestamps and numbers): about
 * 0.8 MB, over the ~64 KiB from which Chromium keeps a value outside its LevelDB (cheap per byte),
 * and small enough that charting one field of a long connection reads little besides it (at
 * 400,000 values a pick in the 49 MB mesh dump of `BENCH_ONLY=inspector` took 210 ms against 107 ms
 * one row per object). A typical dump's connection fits in one part.
 */
export const PACK_VALUES = 100_000;

/** Values a stats object's samples weigh in a part (its timestamps and every numeric column). */
export function sampleValues(o: StatsObjectSamples): number {
	return o.t.length * (1 + Object.keys(o.numbers).length);
}

/**
 * The storage rows of one parsed connection: its detail row and its samples' parts, objects in
 * the order parsed, a new part started when the next object would take the part over
 * `partValues` (an object heavier than that alone gets a part of its own).
 */
export function pcDetailRows(
	importId: ImportId,
	record: PcDetailRecord,
	partValues: number = PACK_VALUES
): { detail: PcDetailRow; packs: StatsPackRow[] } {
	const key = pcDetailKey(record.session.key, record.forensics.detail.pcId);
	const packOf: Record<string, number> = {};
	const packs = packByWeight(record.forensics.columns, sampleValues, partValues).map((run, part): StatsPackRow => {
		for (const c of run) packOf[c.objectId] = part;
		return { detail: key, part, objects: run.map((c) => ({ objectId: c.objectId, t: c.t, numbers: c.numbers, texts: c.texts })) };
	});
	return {
		detail: { ...record.forensics.detail, key, sessionKey: record.session.key, importId, packOf },
		packs
	};
}

/** A session's connections with forensic detail, in peer connection id order. */
export async function listPcDetails(db: RtcscopeDb, session: SessionKey): Promise<PcDetailRow[]> {
	const rows = await db.pcDetails.where('sessionKey').equals(session).toArray();
	return rows.sort((a, b) => a.pcId.localeCompare(b.pcId, 'en', { numeric: true }));
}

/** The connection's part of {@link loadStatsObjects}: which row says where its samples are. */
export type StatsOwner = Pick<PcDetailRow, 'key' | 'packOf'>;

/** One stats object's samples (every field), or undefined when it is not stored. */
export async function loadStatsObject(
	db: RtcscopeDb,
	detail: StatsOwner,
	objectId: string
): Promise<StatsObjectSamples | undefined> {
	return (await loadStatsObjects(db, detail, [objectId]))[0];
}

/**
 * Several stats objects of one connection at once (bands of bandwidth estimation need a few), in
 * the order asked; ids that are not stored are left out. Reads only the parts that hold them, or
 * the legacy `statsObjects` rows for a connection imported before version 10.
 */
export async function loadStatsObjects(
	db: RtcscopeDb,
	detail: StatsOwner,
	objectIds: readonly string[]
): Promise<StatsObjectSamples[]> {
	const packOf = detail.packOf;
	if (!packOf) {
		const rows = await db.statsObjects.bulkGet(objectIds.map((id) => statsObjectKey(detail.key, id)));
		return rows.filter((r): r is NonNullable<typeof r> => r !== undefined);
	}
	const parts = [...new Set(objectIds.map((id) => packOf[id]).filter((p): p is number => p !== undefined))];
	const packs = await db.statsPacks.bulkGet(parts.map((part) => [detail.key, part] as [string, number]));
	const byId = new Map<string, StatsObjectSamples>();
	for (const pack of packs) for (const o of pack?.objects ?? []) byId.set(o.objectId, o);
	return objectIds.map((id) => byId.get(id)).filter((o): o is StatsObjectSamples => o !== undefined);
}

/** Every stats object of one connection, in the order they were stored (the bundle export reads them all). */
export async function loadAllStatsObjects(db: RtcscopeDb, detail: StatsOwner): Promise<StatsObjectSamples[]> {
	if (!detail.packOf) return db.statsObjects.where('detailKey').equals(detail.key).toArray();
	const packs = await db.statsPacks.where('[detail+part]').between([detail.key, -Infinity], [detail.key, Infinity], true, true).toArray();
	return packs.flatMap((p) => p.objects);
}

/** Deletes a connection's parts (inside the caller's transaction on `statsPacks`). */
export async function deleteStatsPacks(db: RtcscopeDb, detailKeys: readonly string[]): Promise<void> {
	for (const key of detailKeys) await db.statsPacks.where('[detail+part]').between([key, -Infinity], [key, Infinity], true, true).delete();
}
