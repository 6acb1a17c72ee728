import { sessionScope, type ImportId, type SessionKey } from '../model/ids.js';
import type { ImportRecord } from '../model/imports.js';
import type { FeedCursor } from '../model/feeds.js';
import {
	blockEvents,
	blockRef,
	parseBlockRef,
	type EventBlockRow,
	type QualityStreamRow,
	type SeriesChunkRow,
	type SeriesOverviewRow,
	type SessionRow
} from '../model/rows.js';
import Dexie from 'dexie';
import type { PcDetailRow, StatsPackRow } from '../model/pc-detail.js';
import { importRange, type RtcscopeDb } from './db.js';
import { readBlocks } from './blocks.js';
import { redigest } from './livepeer.js';
import { mergeSessionRows, summarizeEvents } from './session-row.js';
import { addSessionCount } from './store-counts.js';
import { deleteStatsPacks } from './pc-details.js';
import { deleteSeriesPacks, importKeyRange, packSeriesChunks } from './series-packs.js';

/**
 * All writes of an import. A file is too big for one IndexedDB transaction (a Dexie transaction
 * commits as soon as its callback awaits anything that is not Dexie, such as reading the next
 * chunk of the file), so an import is a series of windows, each committed atomically together
 * with the import's checkpoint (`committedWindow`). A tab closed mid-import loses at most the
 * window in flight, and the import record still says `running`, never `done`.
 */

export interface WindowCommit {
	importId: ImportId;
	seq: number;
	blocks: EventBlockRow[];
	sessions: SessionRow[];
	/** Fields of the import record to update with this window (counts, problems so far). */
	patch: Partial<ImportRecord>;
	/**
	 * The import record itself when no earlier transaction stored it (a small file's first and
	 * only commit, import/pipeline.ts): put with the window instead of updated, so the file
	 * costs one transaction and is never visible before its rows are.
	 */
	create?: ImportRecord;
	/**
	 * A live feed's cursor after this window, stored in the same transaction: a tab closed after
	 * the commit can never resume from before it (and write the window's events again).
	 */
	feedCursor?: { feedId: string; cursor: FeedCursor };
	/**
	 * A file's last batch of end-of-file rows (a dump's quality streams and forensic detail,
	 * import/dump-writes.ts), stored with its final window: one transaction per small dump
	 * instead of three, and the import is `done` in the same commit that makes them visible.
	 */
	end?: EndRows;
}

/** Rows a format hands over at the end of a file, in one batch (see {@link WindowCommit.end}). */
export interface EndRows {
	streams: QualityStreamRow[];
	chunks: SeriesChunkRow[];
	overviews: SeriesOverviewRow[];
	details: PcDetailRow[];
	/** The details' stats samples, a few objects per row (model/pc-detail.ts StatsPackRow). */
	packs: StatsPackRow[];
}

/** An empty batch of end-of-file rows. */
export function emptyEndRows(): EndRows {
	return { streams: [], chunks: [], overviews: [], details: [], packs: [] };
}

/** The tables an end batch writes to (none for an empty one). */
function endTables(db: RtcscopeDb, end: EndRows | undefined): Dexie.Table[] {
	if (!end) return [];
	const tables: Dexie.Table[] = [];
	if (end.streams.length + end.chunks.length + end.overviews.length > 0) tables.push(db.qualityStreams, db.seriesPacks, db.seriesOverviews);
	if (end.details.length + end.packs.length > 0) tables.push(db.pcDetails, db.statsPacks);
	return tables;
}

/** Puts an end batch (inside the caller's transaction; empty tables are not touched). */
function putEndRows(db: RtcscopeDb, end: EndRows): Promise<unknown>[] {
	const puts: Promise<unknown>[] = [];
	// Packed first: it records on each stream row where its chunks go.
	const packs = packSeriesChunks(end.streams, end.chunks);
	if (end.streams.length > 0) puts.push(db.qualityStreams.bulkPut(end.streams));
	if (packs.length > 0) puts.push(db.seriesPacks.bulkPut(packs));
	if (end.overviews.length > 0) puts.push(db.seriesOverviews.bulkPut(end.overviews));
	if (end.details.length > 0) puts.push(db.pcDetails.bulkPut(end.details));
	if (end.packs.length > 0) puts.push(db.statsPacks.bulkPut(end.packs));
	return puts;
}

/** Writes an end batch in a transaction of its own (a batch too big for the final commit). */
export async function commitEndRows(db: RtcscopeDb, end: EndRows): Promise<void> {
	const tables = endTables(db, end);
	if (tables.length === 0) return;
	await db.transaction('rw', tables, async () => {
		await Promise.all(putEndRows(db, end));
	});
}

export async function commitWindow(
	db: RtcscopeDb,
	commit: WindowCommit,
	now: number
): Promise<void> {
	const tables = [db.sessions, db.eventBlocks, db.imports, db.storeCounts, ...(commit.feedCursor ? [db.feeds] : []), ...endTables(db, commit.end)];
	await db.transaction('rw', tables, async () => {
		// One batch of gets for the window's sessions, never a scan of the table (reading every
		// key per file made a thousand small files take minutes). A miss costs a lookup. Dexie's
		// `anyOf` walks a cursor from key to key (`continue` after each answer, ~600 per CDR
		// window): the 101 MB CDR's commits took 4.7 s with it, 2.5 s with bulkGet (bench/run.ts).
		const stored = commit.sessions.length > 0 ? await db.sessions.bulkGet(commit.sessions.map((row) => row.key)) : [];
		const merged: SessionRow[] = [];
		const fresh: SessionRow[] = [];
		commit.sessions.forEach((row, i) => {
			const before = stored[i];
			if (before) merged.push(mergeSessionRows(before, row));
			else fresh.push(row);
		});
		// Issued together: each await is a turn of the worker's event loop, which the parser of
		// the next window is keeping busy.
		const [, added] = await Promise.all([
			db.sessions.bulkPut(merged),
			addOrMerge(db, fresh),
			db.eventBlocks.bulkPut(commit.blocks),
			commit.create
				? db.imports.put({ ...commit.create, ...commit.patch, committedWindow: commit.seq, heartbeatAt: now })
				: db.imports.update(commit.importId, {
						...commit.patch,
						committedWindow: commit.seq,
						heartbeatAt: now
					}),
			commit.feedCursor ? db.feeds.update(commit.feedCursor.feedId, { cursor: commit.feedCursor.cursor }) : undefined,
			...(commit.end ? putEndRows(db, commit.end) : [])
		]);
		await addSessionCount(db, added);
	});
}

/**
 * Adds rows believed new. If another tab created one of them meanwhile, the add of that row
 * fails alone (Dexie's BulkError) and it is merged with the stored row instead.
 * @returns how many rows were added (the session count's change).
 */
async function addOrMerge(db: RtcscopeDb, rows: SessionRow[]): Promise<number> {
	if (rows.length === 0) return 0;
	try {
		await db.sessions.bulkAdd(rows);
		return rows.length;
	} catch (error) {
		if (!(error instanceof Dexie.BulkError)) throw error;
		const failed = Object.keys(error.failuresByPos).map((pos) => rows[Number(pos)] as SessionRow);
		const stored = await db.sessions.bulkGet(failed.map((row) => row.key));
		await db.sessions.bulkPut(failed.map((row, i) => mergeSessionRows(stored[i], row)));
		return rows.length - failed.length;
	}
}

/**
 * Writes quality streams and their columnar chunks (one transaction per call; the caller
 * batches). Keys are stable, so writing the same streams again overwrites them.
 */
export async function commitStreams(
	db: RtcscopeDb,
	rows: QualityStreamRow[],
	chunks: SeriesChunkRow[],
	overviews: SeriesOverviewRow[] = []
): Promise<void> {
	await commitEndRows(db, { ...emptyEndRows(), streams: rows, chunks, overviews });
}

/**
 * Links (or, with a null target, unlinks) the quality streams of a dump session to another
 * session, mapping each peer connection to one of its connections.
 */
export async function linkDumpSession(
	db: RtcscopeDb,
	sourceKey: SessionKey,
	targetKey: SessionKey | null,
	participants: Record<string, string | null>
): Promise<number> {
	return db.transaction('rw', [db.qualityStreams], async () => {
		const rows = await db.qualityStreams.where('sessionKey').equals(sourceKey).toArray();
		for (const row of rows) {
			row.linkSetBy = 'user';
			if (targetKey) {
				row.linkedSessionKey = targetKey;
				row.linkedParticipantId = participants[row.pcId] ?? null;
			} else {
				delete row.linkedSessionKey;
				delete row.linkedParticipantId;
			}
		}
		await db.qualityStreams.bulkPut(rows);
		return rows.length;
	});
}

export async function putImport(db: RtcscopeDb, record: ImportRecord): Promise<void> {
	await db.imports.put(record);
}

export async function updateImport(
	db: RtcscopeDb,
	id: ImportId,
	patch: Partial<ImportRecord>
): Promise<void> {
	await db.imports.update(id, patch);
}

/**
 * Removes an import and everything it wrote, in one transaction: its event blocks go, and each
 * session it touched is either deleted (no other import has events for it) or rebuilt from the
 * blocks of the other imports.
 *
 * @returns the first and last event time (UTC ms) of the sessions it touched, so the caller can
 *   refresh the fleet roll-ups of those days; null when it touched none.
 */
export async function deleteImport(
	db: RtcscopeDb,
	id: ImportId
): Promise<{ from: number; to: number } | null> {
	return db.transaction(
		'rw',
		[
			db.sessions,
			db.eventBlocks,
			db.imports,
			db.qualityStreams,
			db.seriesChunks,
			db.seriesPacks,
			db.seriesOverviews,
			db.livepeerEvents,
			db.livepeerDigests,
			db.healthSnapshots,
			db.pcDetails,
			db.statsObjects,
			db.statsPacks,
			db.storeCounts
		],
		async () => {
			const sessions = await db.sessions.where('importIds').equals(id).toArray();
			const livepeer = await db.livepeerEvents.where('importId').equals(id).toArray();
			const details = await db.pcDetails.where('importId').equals(id).primaryKeys();
			await deleteStatsPacks(db, details);
			await db.pcDetails.bulkDelete(details);
			await db.statsObjects.where('importId').equals(id).delete();
			await db.livepeerEvents.where('importId').equals(id).delete();
			await redigest(db, livepeer);
			await db.healthSnapshots.where('importId').equals(id).delete();
			const [from, to] = importKeyRange(id);
			await db.qualityStreams.where(':id').between(from, to, true, true).delete();
			await db.seriesChunks.where('importId').equals(id).delete();
			await deleteSeriesPacks(db, id);
			await db.seriesOverviews.where(':id').between(from, to, true, true).delete();
			const [lower, upper] = importRange(id);
			await db.eventBlocks.where(':id').between(lower, upper, true, true).delete();
			let deleted = 0;
			for (const row of sessions) if ((await rebuildSession(db, row, id)) === 'deleted') deleted++;
			await addSessionCount(db, -deleted);
			await db.imports.delete(id);
			if (sessions.length === 0) return null;
			return {
				from: Math.min(...sessions.map((r) => r.firstAt)),
				to: Math.max(...sessions.map((r) => r.lastAt))
			};
		}
	);
}

/** Recomputes a session row without one import's blocks (or deletes it when none remain). */
async function rebuildSession(db: RtcscopeDb, row: SessionRow, removed: ImportId): Promise<'kept' | 'deleted'> {
	const refs = row.blockRefs.filter((ref) => parseBlockRef(ref)[0] !== removed);
	if (refs.length === 0) {
		await db.sessions.delete(row.key);
		return 'deleted';
	}
	const scope = sessionScope(row.key);
	const session = { key: row.key, provider: row.provider, sessionId: row.sessionId };
	let rebuilt: SessionRow | undefined;
	for (const block of await readBlocks(db, refs)) {
		const ref = blockRef(block.imp, block.seq, block.part);
		rebuilt = mergeSessionRows(
			rebuilt,
			summarizeEvents(session, block.imp, blockEvents(block, scope), [ref])
		);
	}
	if (rebuilt) await db.sessions.put(rebuilt);
	else await db.sessions.delete(row.key);
	return rebuilt ? 'kept' : 'deleted';
}

/** Deletes every table's rows but the settings (Settings → "delete everything"). */
export async function deleteEverything(db: RtcscopeDb): Promise<void> {
	await db.transaction(
		'rw',
		[
			db.sessions,
			db.eventBlocks,
			db.imports,
			db.qualityStreams,
			db.seriesChunks,
			db.seriesPacks,
			db.seriesOverviews,
			db.fleetDays,
			db.fleetFacts,
			db.livepeerEvents,
			db.livepeerDigests,
			db.healthSnapshots,
			db.pcDetails,
			db.statsObjects,
			db.statsPacks,
			db.storeCounts
		],
		async () => {
			await Promise.all([
				db.livepeerDigests.clear(),
				db.pcDetails.clear(),
				db.statsObjects.clear(),
				db.statsPacks.clear(),
				db.livepeerEvents.clear(),
				db.healthSnapshots.clear(),
				db.sessions.clear(),
				db.eventBlocks.clear(),
				db.imports.clear(),
				db.qualityStreams.clear(),
				db.seriesChunks.clear(),
				db.seriesPacks.clear(),
				db.seriesOverviews.clear(),
				db.fleetDays.clear(),
				db.fleetFacts.clear(),
				db.storeCounts.clear()
			]);
		}
	);
}
