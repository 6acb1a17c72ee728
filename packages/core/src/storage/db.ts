import Dexie, { type Table } from 'dexie';
import type { ImportRecord } from '../model/imports.js';
import {
	LONG_SESSION_MS,
	type EventBlockRow,
	type QualityStreamRow,
	type SeriesChunkRow,
	type SeriesOverviewRow,
	type SeriesPackRow,
	type SessionRow,
	type StoreCountRow
} from '../model/rows.js';
import type { FleetDayRow, FleetFactsRow } from '../model/fleet.js';
import type { SettingRow } from '../model/settings.js';
import type { CaseRow } from '../model/cases.js';
import type { HealthSnapshotRow, LivepeerEventRow } from '../model/livepeer.js';
import { buildDigests, type LivepeerDigestRow } from '../model/livepeer-digest.js';
import type { FeedRow, FeedSecretRow } from '../model/feeds.js';
import type { PcDetailRow, StatsObjectRow, StatsPackRow } from '../model/pc-detail.js';

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
	eventBlocks: 'eventBlocks',
	qualityStreams: 'qualityStreams',
	seriesChunks: 'seriesChunks',
	seriesOverviews: 'seriesOverviews',
	fleetDays: 'fleetDays',
	fleetFacts: 'fleetFacts',
	settings: 'settings',
	cases: 'cases',
	livepeerEvents: 'livepeerEvents',
	healthSnapshots: 'healthSnapshots',
	feeds: 'feeds',
	feedSecrets: 'feedSecrets',
	pcDetails: 'pcDetails',
	statsObjects: 'statsObjects',
	livepeerDigests: 'livepeerDigests',
	storeCounts: 'storeCounts',
	statsPacks: 'statsPacks',
	seriesPacks: 'seriesPacks'
} as const;

export class RtcscopeDb extends Dexie {
	imports!: Table<ImportRecord, string>;
	sessions!: Table<SessionRow, string>;
	eventBlocks!: Table<EventBlockRow, [string, number, number]>;
	qualityStreams!: Table<QualityStreamRow, string>;
	seriesChunks!: Table<SeriesChunkRow, [string, number]>;
	seriesOverviews!: Table<SeriesOverviewRow, string>;
	fleetDays!: Table<FleetDayRow, [string, number]>;
	fleetFacts!: Table<FleetFactsRow, [string, number]>;
	settings!: Table<SettingRow, string>;
	cases!: Table<CaseRow, string>;
	livepeerEvents!: Table<LivepeerEventRow, string>;
	healthSnapshots!: Table<HealthSnapshotRow, [string, number]>;
	feeds!: Table<FeedRow, string>;
	feedSecrets!: Table<FeedSecretRow, string>;
	pcDetails!: Table<PcDetailRow, string>;
	statsObjects!: Table<StatsObjectRow, string>;
	livepeerDigests!: Table<LivepeerDigestRow, [string, number]>;
	storeCounts!: Table<StoreCountRow, string>;
	statsPacks!: Table<StatsPackRow, [string, number]>;
	seriesPacks!: Table<SeriesPackRow, [string, number]>;

	/**
	 * @param role `writer` for the ingest worker: no liveQuery cache (it would clone every row it
	 *   writes) and relaxed durability (Chromium then commits without flushing to disk each time;
	 *   a crash loses at most the last windows, which the import checkpoint already allows for).
	 */
	constructor(name: string = DB_NAME, role: 'reader' | 'writer' = 'reader') {
		super(
			name,
			role === 'writer' ? { cache: 'disabled', chromeTransactionDurability: 'relaxed' } : {}
		);
		// Version 1 (2026-11): the sessions list pages by start time and deleting an import finds
		// its sessions (sorting by duration or participants sorts the filtered rows in memory:
		// an index each would cost ~15 % of the import's write time, bench/run.ts); events live in blocks keyed [imp+seq+part] that
		// session rows point to (blockRefs), clusters find theirs by index, and an import's blocks
		// delete with one key range.
		// Every index costs a write per row (and multiEntry ones a write per value), and writes
		// are the import's bottleneck: index only what a query needs.
		this.version(1).stores({
			[TABLES.imports]: 'id, status, startedAt',
			[TABLES.sessions]: 'key, firstAt, *importIds',
			[TABLES.eventBlocks]: '[imp+seq+part], *clusterScopes',
			// Quality series from dumps: streams listed per session, samples in columnar chunks.
			[TABLES.qualityStreams]: 'key, sessionKey, importId, linkedSessionKey',
			[TABLES.seriesChunks]: '[stream+seq], importId',
			// Min/max copies of long streams, read first so a million-point chart draws at once.
			[TABLES.seriesOverviews]: 'stream, importId'
		});
		// Version 2 (2026-11): fleet views. Daily roll-ups per app (and "*" for all apps) and the
		// room facts of each day, both rebuilt by the worker for the days an import touches and
		// read by day range; user settings (threshold overrides). Existing data needs no upgrade:
		// the worker rebuilds the fleet tables when they are empty (storage/fleet.ts).
		// Sessions also index their recording ids (recordings list, archive search by id): a
		// multiEntry index costs a write per value, and only sessions with recordings have any.
		this.version(2).stores({
			[TABLES.sessions]: 'key, firstAt, *importIds, *recordingIds',
			[TABLES.fleetDays]: '[app+day], day',
			[TABLES.fleetFacts]: '[app+day], day',
			[TABLES.settings]: 'key'
		});
		// Version 3 (2026-11-23): saved sessions (cases), listed newest first, filtered by tag,
		// found per session; Livepeer stream health (events keyed by their own id so a resumed
		// SSE stream or a re-imported capture adds nothing twice; health responses keyed by
		// stream and probe time), read per stream by time; live feeds (settings and cursor, no
		// secret) and, only when the user opts in, their credentials in a table of their own
		// that no export reads.
		this.version(3).stores({
			[TABLES.cases]: 'id, sessionKey, savedAt, *tags',
			[TABLES.livepeerEvents]: 'id, [streamId+timestamp], streamId, importId',
			[TABLES.healthSnapshots]: '[streamId+probeAt], streamId, importId',
			[TABLES.feeds]: 'id',
			[TABLES.feedSecrets]: 'id'
		});
		// Version 4 (2026-12): dump forensics (model/pc-detail.ts). One detail row per peer
		// connection, listed per session when the inspector opens; one row per stats object with
		// every field's column, read only when one of its fields is charted. Dumps imported before
		// keep their quality streams and get forensics when imported again.
		this.version(4).stores({
			[TABLES.pcDetails]: 'key, sessionKey, importId',
			[TABLES.statsObjects]: 'key, detailKey, importId'
		});
		// Version 5 (2026-12-01): imports found by the fingerprint of their decoded content, so a
		// file imported plain and then gzipped (or the reverse) is one import. A plain file's content
		// id is its id; gzipped ones imported before stay unrecognised until imported again.
		this.version(5)
			.stores({ [TABLES.imports]: 'id, status, startedAt, contentId' })
			.upgrade((tx) =>
				tx
					.table(TABLES.imports)
					.toCollection()
					.modify((r: { id: string; gzip: boolean; contentId?: string }) => {
						if (!r.gzip) r.contentId = r.id;
					})
			);
		// Version 6 (2026-12-01): sessions longer than 7 days carry a sparse `longSpan` mark, so
		// the fleet roll-up counts their rooms on every day they overlap (a room whose first join
		// came weeks after the session's first event was counted on no day at all).
		this.version(6)
			.stores({ [TABLES.sessions]: 'key, firstAt, *importIds, *recordingIds, longSpan' })
			.upgrade((tx) =>
				tx
					.table(TABLES.sessions)
					.filter((r: { durationMs: number }) => r.durationMs > LONG_SESSION_MS)
					.modify((r: { longSpan?: 1 }) => {
						r.longSpan = 1;
					})
			);
		// Version 7 (2026-12-01): each Livepeer stream's events digested per 10 minutes
		// (model/livepeer-digest.ts), what the Stream Health view reads; built here from the events
		// already stored.
		this.version(7)
			.stores({ [TABLES.livepeerDigests]: '[streamId+bucket]' })
			.upgrade(async (tx) => {
				const events = (await tx.table(TABLES.livepeerEvents).toArray()) as LivepeerEventRow[];
				await tx.table(TABLES.livepeerDigests).bulkPut(buildDigests(events));
			});
		// Version 8 (2026-12-02): a fleet facts row holds its rooms as one JSON string (fleet/facts.ts
		// FleetFactsRow: structured-cloning the room objects was a fifth of the roll-up's time).
		this.version(8)
			.stores({})
			.upgrade((tx) =>
				tx
					.table(TABLES.fleetFacts)
					.toCollection()
					.modify((r: { rooms?: unknown; roomsJson?: string }) => {
						if (r.roomsJson !== undefined) return;
						r.roomsJson = JSON.stringify(r.rooms ?? []);
						delete r.rooms;
					})
			);
		// Version 9 (2026-12-02): the number of session rows kept as a row of its own, changed in
		// the transactions that add or delete sessions (storage/store-counts.ts). Chrome counts a
		// store by walking it: 133–169 ms for the demo fleet's 21,293 sessions, on every page load
		// and every 10 s of an import, competing with the import's and the views' own reads.
		this.version(9)
			.stores({ [TABLES.storeCounts]: 'key' })
			.upgrade(async (tx) => {
				const n = await tx.table(TABLES.sessions).count();
				await tx.table(TABLES.storeCounts).put({ key: 'sessions', n } satisfies StoreCountRow);
			});
		// Version 10 (2026-12-03): fewer, larger rows per dump. A dump wrote ~30 rows, each costing
		// the store 0.25–0.6 ms of CPU however small (bench BENCH_ONLY=store), most of them far
		// below the ~64 KiB over which Chromium keeps a value outside its LevelDB (much cheaper):
		// - a connection's stats objects are packed a few per row (model/pc-detail.ts StatsPackRow),
		//   keyed by the connection and the part's number, no other index (was ~12 rows and 24 index
		//   entries per connection); each object's part is on its detail row (`packOf`), and an
		//   import's parts are found through its detail rows;
		// - the chunks of the streams a batch writes are packed into rows of `seriesPacks`
		//   (model/rows.ts SeriesPackRow), keyed by their first chunk's [stream+seq]: a stream row
		//   lists its packs (`packs`), and an import's packs are the key range of its stream keys
		//   (`<importId>|…`), so no index either.
		// Rows stored before keep their `statsObjects` / `seriesChunks` rows, still read and deleted
		// there (no upgrade copies them: a store of long dumps holds gigabytes of samples).
		this.version(10).stores({ [TABLES.statsPacks]: '[detail+part]', [TABLES.seriesPacks]: '[stream+seq]' });
		// Version 11 (2026-12-04): no `importId` index on quality streams and their overviews. Their
		// keys begin with the import id (quality/rows.ts streamKey: `<importId>|…`), so an import's
		// rows are a key range, as its series packs are; the index cost a write per stream (a dump
		// writes ~6), i.e. ~6 of a dump's ~26 index entries. Dexie drops the indexes on upgrade.
		this.version(11).stores({ [TABLES.qualityStreams]: 'key, sessionKey, linkedSessionKey', [TABLES.seriesOverviews]: 'stream' });
	}
}

/** Primary-key bounds of every block of an import. */
export function importRange(imp: string): [[string, number, number], [string, number, number]] {
	return [
		[imp, -Infinity, -Infinity],
		[imp, Infinity, Infinity]
	];
}

let shared: RtcscopeDb | null = null;

/**
 * The database for this context (a page or a worker), opened once. When another tab upgrades
 * the schema, this connection closes itself instead of blocking the upgrade, and `onVersionChange`
 * tells the UI to ask for a reload.
 */
export function openDb(
	options: {
		name?: string;
		role?: 'reader' | 'writer';
		onVersionChange?: () => void;
		onBlocked?: () => void;
	} = {}
): RtcscopeDb {
	if (shared && shared.name === (options.name ?? DB_NAME)) return shared;
	const db = new RtcscopeDb(options.name, options.role);
	db.on('versionchange', () => {
		db.close();
		options.onVersionChange?.();
		return false;
	});
	// This tab wants a newer schema but an older tab keeps the database open: say so.
	db.on('blocked', () => options.onBlocked?.());
	shared = db;
	return db;
}
