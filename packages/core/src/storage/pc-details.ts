import type { PcDetailRecord } from '../formats/types.js';
import type { ImportId, SessionKey } from '../model/ids.js';
import {
	pcDetailKey,
	statsObjectKey,
	type PcDetailRow,
	type StatsObjectRow
} from '../model/pc-detail.js';
import type { RtcscopeDb } from './db.js';

/**
 * Reading and building the dump-forensics rows (model/pc-detail.ts). The inspector lists a
 * session's connections with {@link listPcDetails} (catalogues, descriptions, ICE, bands: no
 * samples), and loads the samples of one stats object with {@link loadStatsObject} only when one
 * of its fields is charted.
 */

/** The storage rows of one parsed connection. */
export function pcDetailRows(
	importId: ImportId,
	record: PcDetailRecord
): { detail: PcDetailRow; objects: StatsObjectRow[] } {
	const key = pcDetailKey(record.session.key, record.forensics.detail.pcId);
	return {
		detail: { ...record.forensics.detail, key, sessionKey: record.session.key, importId },
		objects: record.forensics.columns.map((c) => ({
			key: statsObjectKey(key, c.objectId),
			detailKey: key,
			importId,
			objectId: c.objectId,
			t: c.t,
			numbers: c.numbers,
			texts: c.texts
		}))
	};
}

/** A session's connections with forensic detail, in peer connection id order. */
export async function listPcDetails(db: RtcscopeDb, session: SessionKey): Promise<PcDetailRow[]> {
	const rows = await db.pcDetails.where('sessionKey').equals(session).toArray();
	return rows.sort((a, b) => a.pcId.localeCompare(b.pcId, 'en', { numeric: true }));
}

/** One stats object's samples (every field), or undefined when it is not stored. */
export async function loadStatsObject(
	db: RtcscopeDb,
	detailKey: string,
	objectId: string
): Promise<StatsObjectRow | undefined> {
	return db.statsObjects.get(statsObjectKey(detailKey, objectId));
}

/** Several stats objects of one connection at once (bands of bandwidth estimation need a few). */
export async function loadStatsObjects(
	db: RtcscopeDb,
	detailKey: string,
	objectIds: readonly string[]
): Promise<StatsObjectRow[]> {
	const rows = await db.statsObjects.bulkGet(objectIds.map((id) => statsObjectKey(detailKey, id)));
	return rows.filter((r): r is StatsObjectRow => r !== undefined);
}
