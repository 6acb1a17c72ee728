import { LIVE_ROOM, retiredRoomRow, roomRow, sqlString, TABLES, type ClickHouseClient, type RetiredRoom, type RoomRow } from '@rtcscope/core/clickhouse';
import type { RoomFact } from '@rtcscope/core/fleet';
import type { SessionRow } from '@rtcscope/core/model';
import { BlockCache, exportBundle, factRooms, readImportApps, sessionApp, type RtcscopeDb } from '@rtcscope/core/storage';
import { KEYS_PER_QUERY } from './pull.js';

/** Characters of JSON per INSERT (~8 Mi): large enough to amortize a request, small enough to retry. */
const BATCH_CHARS = 8 * 1024 * 1024;

export interface PushCounts {
	rooms: number;
	/** Rooms the server held that this run found are no rooms (a dump now inside its call's): tombstones written. */
	retired: number;
	sessions: number;
	bundles: number;
	bundleBytes: number;
	files: number;
}

export interface PushOptions {
	/** The run's version (its start, UTC ms): every row of the run carries it. */
	version: number;
	runId: string;
	/** Imports in the store that are not the run's inputs (merged bundles): kept out of the file ledger. */
	notInputs?: ReadonlySet<string>;
	signal?: AbortSignal;
	/** Called after each INSERT with what has been written so far. */
	onBatch?: (counts: PushCounts, table: string) => void;
}

/** Collects rows and INSERTs them in batches of about BATCH_CHARS, into each of `tables` in turn. */
class Batcher {
	private rows: object[] = [];
	private chars = 0;
	constructor(
		private readonly client: ClickHouseClient,
		private readonly tables: readonly string[],
		private readonly options: PushOptions,
		private readonly counts: PushCounts
	) {}
	async add(row: object, size: number): Promise<void> {
		this.rows.push(row);
		this.chars += size;
		if (this.chars >= BATCH_CHARS) await this.flush();
	}
	async flush(): Promise<void> {
		if (this.rows.length === 0) return;
		const rows = this.rows;
		this.rows = [];
		this.chars = 0;
		for (const table of this.tables) await this.client.insert(table, rows, this.options.signal);
		this.options.onBatch?.(this.counts, this.tables[this.tables.length - 1] ?? '');
	}
}

/**
 * Writes a tombstone for each live room the server holds for `sessionKeys` (sessions of the run
 * that have no room in its store): a dump that an earlier run wrote as a room of its own and that
 * this run linked into its call (link-earlier.ts), or one ingested alone again after its call's
 * CDR. Written after the run's rooms, so a reader in between may count such a dump twice (in its
 * call's room and in its own), never neither. @returns how many were retired. @throws ClickHouseError
 */
async function retireRooms(client: ClickHouseClient, sessionKeys: readonly string[], options: PushOptions): Promise<number> {
	let retired = 0;
	for (let i = 0; i < sessionKeys.length; i += KEYS_PER_QUERY) {
		const keys = sessionKeys.slice(i, i + KEYS_PER_QUERY).map(sqlString);
		const live = await client.rows<RetiredRoom>(
			`SELECT app, session_key, session_id, first_at, start_at, end_at FROM ${TABLES.rooms} FINAL WHERE ${LIVE_ROOM} AND session_key IN (${keys.join(', ')})`,
			options.signal
		);
		if (live.length === 0) continue;
		await client.insert(TABLES.rooms, live.map((r) => retiredRoomRow(r, options.version)), options.signal);
		retired += live.length;
	}
	return retired;
}

/** base64 of bytes (Node's Buffer: the ingest command runs under Node only). */
function base64(bytes: Uint8Array): string {
	return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/**
 * Writes what one ingest run put in its (in-memory) store to ClickHouse: the fleet's rooms (each
 * room once, with the day-spanning facts the browser's roll-up computed), every session row for
 * search, each session's case bundle (so the browser can open it as if imported), and the files.
 * Tables are ReplacingMergeTree by record key: writing the same store twice adds nothing.
 * The store is the truth for the sessions it holds: a room the server holds for one of them
 * that the store's roll-up has none of is retired (retireRooms).
 * @throws ClickHouseError
 */
export async function pushStore(db: RtcscopeDb, client: ClickHouseClient, options: PushOptions): Promise<PushCounts> {
	const counts: PushCounts = { rooms: 0, retired: 0, sessions: 0, bundles: 0, bundleBytes: 0, files: 0 };
	const imports = await db.imports.toArray();
	const apps = await readImportApps(db);

	// Rooms: each once, though a room spanning midnight is in two day rows. The time-ordered copy
	// first: a version in the copy is read only once `rtcscope_rooms` holds it too, so a reader in
	// between sees the previous version whole (or, for a new room, none yet).
	const rooms = new Batcher(client, [TABLES.roomTimes, TABLES.rooms], options, counts);
	const seen = new Set<string>();
	const facts: RoomFact[] = [];
	await db.fleetFacts.each((row) => {
		for (const room of factRooms(row)) {
			const id = `${room.app}\u0000${room.sessionKey}`;
			if (seen.has(id)) continue;
			seen.add(id);
			facts.push(room);
		}
	});
	const sessionRows = (await db.sessions.bulkGet(facts.map((f) => f.sessionKey))) as (SessionRow | undefined)[];
	for (const [i, room] of facts.entries()) {
		const row: RoomRow = roomRow(room, sessionRows[i]?.firstAt ?? room.startAt, options.version);
		counts.rooms++;
		await rooms.add(row, row.fact.length * 2);
	}
	await rooms.flush();
	// Sessions in the order of their first event block, so each block is parsed about once.
	const rows = (await db.sessions.toArray()).sort((a, b) => ((a.blockRefs[0] ?? '') < (b.blockRefs[0] ?? '') ? -1 : (a.blockRefs[0] ?? '') > (b.blockRefs[0] ?? '') ? 1 : 0));
	const withRoom = new Set<string>(facts.map((f) => f.sessionKey));
	counts.retired = await retireRooms(client, rows.map((s) => s.key as string).filter((k) => !withRoom.has(k)), options);
	if (counts.retired > 0) options.onBatch?.(counts, TABLES.rooms);

	const sessions = new Batcher(client, [TABLES.sessions], options, counts);
	const bundles = new Batcher(client, [TABLES.bundles], options, counts);
	const cache = new BlockCache(db);
	for (const s of rows) {
		const app = sessionApp(s, apps);
		counts.sessions++;
		await sessions.add(
			{
				session_key: s.key,
				provider: s.provider,
				session_id: s.sessionId,
				app,
				version: options.version,
				first_at: s.firstAt,
				last_at: s.lastAt,
				duration_ms: s.durationMs,
				participant_count: s.participantCount,
				client_data: s.clientData,
				issues: s.issueKeys.length,
				recordings: s.recordingIds.length,
				ended_at: s.endedAt ?? null
			},
			256
		);
		const bundle = await exportBundle(db, { sessionKeys: [s.key] }, options.version, { events: (row) => cache.sessionEvents(row) });
		const b64 = base64(bundle.bytes);
		counts.bundles++;
		counts.bundleBytes += bundle.bytes.byteLength;
		await bundles.add({ session_key: s.key, version: options.version, bytes: bundle.bytes.byteLength, bundle: b64 }, b64.length);
	}
	await sessions.flush();
	await bundles.flush();

	const files = imports.filter((i) => !options.notInputs?.has(i.id)).map((i) => ({
		content_id: i.contentId ?? i.id,
		name: i.name,
		format: i.format ?? '',
		bytes: i.bytes,
		lines: i.counts.lines,
		problems: i.problems.length + i.problemsOmitted,
		run_id: options.runId,
		version: options.version
	}));
	counts.files = files.length;
	await client.insert(TABLES.files, files, options.signal);
	return counts;
}
