import type { ImportId, Scope, SessionKey } from '../model/ids.js';
import type { ImportRecord } from '../model/imports.js';
import type { EventBlockRow, SessionRow } from '../model/rows.js';
import type { RtcscopeDb } from './db.js';
import { mergeSessionRows, summarizeEvents } from './session-row.js';
import { parseScope } from './scopes.js';

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
}

export async function commitWindow(
	db: RtcscopeDb,
	commit: WindowCommit,
	now: number
): Promise<void> {
	await db.transaction('rw', [db.sessions, db.eventBlocks, db.imports], async () => {
		const keys = commit.sessions.map((s) => s.key);
		const existing = await db.sessions.bulkGet(keys);
		const merged = commit.sessions.map((row, i) => mergeSessionRows(existing[i], row));
		await db.sessions.bulkPut(merged);
		await db.eventBlocks.bulkPut(commit.blocks);
		await db.imports.update(commit.importId, {
			...commit.patch,
			committedWindow: commit.seq,
			heartbeatAt: now
		});
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
 * events that remain.
 */
export async function deleteImport(db: RtcscopeDb, id: ImportId): Promise<void> {
	await db.transaction('rw', [db.sessions, db.eventBlocks, db.imports], async () => {
		const sessionKeys = (await db.sessions.where('importIds').equals(id).primaryKeys()) as string[];
		await db.eventBlocks.where('imp').equals(id).delete();
		for (const key of sessionKeys) {
			await rebuildSession(db, key as SessionKey);
		}
		await db.imports.delete(id);
	});
}

/** Recomputes one session row from its stored blocks (or deletes it when none remain). */
async function rebuildSession(db: RtcscopeDb, key: SessionKey): Promise<void> {
	const scope = `s:${key}` as Scope;
	const blocks = await db.eventBlocks.where('scope').equals(scope).toArray();
	if (blocks.length === 0) {
		await db.sessions.delete(key);
		return;
	}
	const parsed = parseScope(scope);
	if (parsed?.kind !== 'session') return;
	let row: SessionRow | undefined;
	for (const block of blocks) {
		row = mergeSessionRows(row, summarizeEvents(parsed.session, block.imp, block.events));
	}
	if (row) await db.sessions.put(row);
}

/** Deletes every table's rows (Settings → "delete everything"). */
export async function deleteEverything(db: RtcscopeDb): Promise<void> {
	await db.transaction('rw', [db.sessions, db.eventBlocks, db.imports], async () => {
		await Promise.all([db.sessions.clear(), db.eventBlocks.clear(), db.imports.clear()]);
	});
}
