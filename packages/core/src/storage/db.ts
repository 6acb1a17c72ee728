import Dexie, { type Table } from 'dexie';
import type { ImportRecord } from '../model/imports.js';
import type { EventBlockRow, SessionRow } from '../model/rows.js';

/**
 * The one IndexedDB database of rtcscope (tldraw's LocalIndexedDb habit: one module owns it).
 *
 * EVERY NAME BELOW IS PERSISTED in users' browsers: renaming a table, an index or the database
 * needs a new `version(n)` with an upgrader, and the old versions stay declared.
 */
export const DB_NAME = 'rtcscope';

export const TABLES = {
	imports: 'imports',
	sessions: 'sessions',
	eventBlocks: 'eventBlocks'
} as const;

export class RtcscopeDb extends Dexie {
	imports!: Table<ImportRecord, string>;
	sessions!: Table<SessionRow, string>;
	eventBlocks!: Table<EventBlockRow, [string, string, number]>;

	constructor(name: string = DB_NAME) {
		super(name);
		// Version 1 (2026-11): sessions are searched by id, participant and time; events live in
		// blocks keyed [scope+imp+seq] so a session loads with one key range and an import
		// deletes with one index range.
		this.version(1).stores({
			[TABLES.imports]: 'id, status, startedAt',
			[TABLES.sessions]:
				'key, sessionId, firstAt, lastAt, durationMs, participantCount, *participantIds, *importIds',
			[TABLES.eventBlocks]: '[scope+imp+seq], scope, imp'
		});
	}
}

let shared: RtcscopeDb | null = null;

/**
 * The database for this context (a page or a worker), opened once. When another tab upgrades
 * the schema, this connection closes itself instead of blocking the upgrade, and `onVersionChange`
 * tells the UI to ask for a reload.
 */
export function openDb(options: { name?: string; onVersionChange?: () => void } = {}): RtcscopeDb {
	if (shared && shared.name === (options.name ?? DB_NAME)) return shared;
	const db = new RtcscopeDb(options.name);
	db.on('versionchange', () => {
		db.close();
		options.onVersionChange?.();
		return false;
	});
	shared = db;
	return db;
}
