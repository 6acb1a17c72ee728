import { DIMENSIONS } from '../fleet/dimensions.js';
import { emptyCounters, type QualityCounters } from '../fleet/rollup.js';
import { ALARM_IDS } from '../fleet/thresholds.js';

/**
 * rtcscope's ClickHouse schema: the tables, as versioned migrations (migrate.ts applies them,
 * on one server or on a cluster). Every table is a ReplacingMergeTree keyed by what a record
 * *is* (a room's app and session key, a session key, a file's content id), versioned by the
 * ingest run's time: importing a file twice, or two processes writing the same room, leaves one
 * row once merged, and every read uses FINAL so an unmerged duplicate is never counted.
 *
 * Times are Float64 UTC ms: the very values JavaScript holds (a dump's times have fractions).
 *
 * Accepted by ClickHouse 18.16 (Debian 12) and current releases: no JSON types, no Nullable
 * keys, arrays of scalars only.
 */

/** The quality counters, in the order of fleet/rollup.ts: one array column each (`p_q_<name>`). */
export const COUNTER_KEYS = Object.keys(emptyCounters()) as (keyof QualityCounters)[];

/** The names the reads use: on a cluster, the Distributed tables (each over `<name>_local`). */
export const TABLES = {
	migrations: 'rtcscope_migrations',
	rooms: 'rtcscope_rooms',
	roomTimes: 'rtcscope_room_times',
	sessions: 'rtcscope_sessions',
	bundles: 'rtcscope_bundles',
	files: 'rtcscope_files',
	runs: 'rtcscope_runs'
} as const;

/**
 * One table: its columns (the DDL between the parentheses), its engine clause, and the
 * expression a Distributed table shards it by. The shard key is a hash of the dedup key (or of
 * a part of it), so every version of a record lands on one shard and FINAL merges it there; the
 * tables of one session shard alike (by its key), so a session's rows sit together.
 */
export interface TableDef {
	name: string;
	columns: string;
	engine: string;
	shardBy: string;
}

/** A column list as [name, type] pairs: the DDL is made from it, and the copy's column names. */
type Columns = [string, string][];

const ddl = (columns: Columns): string => columns.map(([n, t]) => `\n\t${n} ${t}`).join(',');

/** The rooms' columns as migration 1 created them. */
const roomColumns = (): Columns => [
	['app', 'String'],
	['session_key', 'String'],
	['session_id', 'String'],
	['version', 'UInt64'],
	['first_at', 'Float64'],
	['start_at', 'Float64'],
	['end_at', 'Float64'],
	['fact', 'String'],
	['p_user_key', 'Array(String)'],
	['p_join_at', 'Array(Float64)'],
	['p_left_at', 'Array(Float64)'],
	['p_video', 'Array(UInt8)'],
	['p_stats', 'Array(UInt8)'],
	['p_load', 'Array(UInt8)'],
	...DIMENSIONS.map((d): [string, string] => [`p_${d}`, 'Array(Nullable(String))']),
	...COUNTER_KEYS.map((k): [string, string] => [`p_q_${k}`, 'Array(Float64)']),
	['m_start', 'Array(Float64)'],
	['m_end', 'Array(Float64)'],
	['m_cls', 'Array(String)'],
	['r_start', 'Array(Float64)'],
	['r_end', 'Array(Float64)'],
	['u_start', 'Array(Float64)'],
	['u_end', 'Array(Float64)']
];

/** The ledger of migrations applied (on a cluster, each server keeps its own: see migrate.ts). */
export const MIGRATIONS_TABLE: TableDef = {
	name: TABLES.migrations,
	columns: 'version UInt32, applied_at Int64',
	engine: 'ReplacingMergeTree(applied_at) ORDER BY version',
	shardBy: 'version'
};

/** Columns a migration adds to a table that exists: [name, type]. */
export interface AddColumns {
	table: string;
	add: [string, string][];
}

/** The Table 4-2 metrics (fleet/thresholds.ts), one column each (`p_m_<id>`, null when not measured). */
export const METRIC_COLUMNS = ALARM_IDS;

/** The columns migration 2 added to the rooms (and migration 3's time-ordered copy has from its start). */
const participantColumns = (): Columns => [
	['p_attempted', 'Array(UInt8)'],
	['p_loaded', 'Array(UInt8)'],
	['p_load_ms', 'Array(Nullable(Float64))'],
	...METRIC_COLUMNS.map((id): [string, string] => [`p_m_${id}`, 'Array(Nullable(Float64))'])
];

/** Every column of a rooms row since migration 2, in table order (migration 3's copy is made of them). */
export const ROOM_COLUMN_NAMES = (): string[] => [...roomColumns(), ...participantColumns()].map(([n]) => n);

/** A condition on rooms rows that ran migration 2's writer: one entry per participant in its columns. */
export const HAS_PARTICIPANT_COLUMNS = 'length(p_attempted) = length(p_user_key)';

/**
 * A copy operation of a migration: `INSERT INTO into (columns) SELECT columns FROM from WHERE`.
 * On a cluster each server copies its own `_local` rows (both tables shard alike), or, with
 * distributed DDL, the initiator copies through the Distributed tables.
 */
export interface CopyRows {
	into: string;
	from: string;
	columns: string[];
	where: string;
}

/** Migration n is applied once; never edit one that shipped, add the next. */
export const MIGRATIONS: readonly { version: number; tables?: () => TableDef[]; columns?: () => AddColumns[]; copies?: () => CopyRows[] }[] = [
	{
		version: 1,
		tables: () => [
			{ name: TABLES.rooms, columns: ddl(roomColumns()), engine: 'ReplacingMergeTree(version) ORDER BY (app, session_key)', shardBy: 'cityHash64(session_key)' },
			{
				name: TABLES.sessions,
				columns: `
				session_key String,
				provider String,
				session_id String,
				app String,
				version UInt64,
				first_at Float64,
				last_at Float64,
				duration_ms Float64,
				participant_count UInt32,
				client_data Array(String),
				issues UInt32,
				recordings UInt32,
				ended_at Nullable(Float64)
			`,
				engine: 'ReplacingMergeTree(version) ORDER BY session_key',
				shardBy: 'cityHash64(session_key)'
			},
			{
				name: TABLES.bundles,
				columns: 'session_key String, version UInt64, bytes UInt64, bundle String',
				engine: 'ReplacingMergeTree(version) ORDER BY session_key',
				shardBy: 'cityHash64(session_key)'
			},
			{
				name: TABLES.files,
				columns: 'content_id String, name String, format String, bytes UInt64, lines UInt64, problems UInt64, run_id String, version UInt64',
				engine: 'ReplacingMergeTree(version) ORDER BY content_id',
				shardBy: 'cityHash64(content_id)'
			},
			{
				name: TABLES.runs,
				columns: 'run_id String, host String, started_at Int64, finished_at Int64, status String, files UInt64, version UInt64',
				engine: 'ReplacingMergeTree(version) ORDER BY run_id',
				shardBy: 'cityHash64(run_id)'
			}
		]
	},
	{
		// Real-time and Diagnostics as SQL (realtime-sql.ts, diagnostics-sql.ts): each
		// participant's join attempt, load and Table 4-2 metrics. Rooms written before have these
		// arrays empty; the reads find them by length and compute those windows from the facts.
		version: 2,
		columns: () => [{ table: TABLES.rooms, add: participantColumns() }]
	},
	{
		// The window views (Real-time, Diagnostics, a window's rooms) read the rooms of a few
		// hours; `rtcscope_rooms` is ordered by room, so each of its FINAL reads decompressed the
		// whole table (10x the demo fleet: 3.3 s for the last 24 h). This copy is ordered by start:
		// a window reads the granules of its hours. Versions of a room with the same start merge
		// (a rerun adds nothing once merged); one whose start moved between runs stays at its old
		// place, so the reads keep only the versions current in `rtcscope_rooms` (a narrow FINAL)
		// and a superseded version is never counted. Rooms written before it are copied in when
		// they carry migration 2's columns.
		version: 3,
		tables: () => [
			{
				name: TABLES.roomTimes,
				columns: ddl([...roomColumns(), ...participantColumns()]),
				engine: 'ReplacingMergeTree(version) ORDER BY (start_at, app, session_key) SETTINGS index_granularity = 1024',
				shardBy: 'cityHash64(session_key)'
			}
		],
		copies: () => [{ into: TABLES.roomTimes, from: TABLES.rooms, columns: ROOM_COLUMN_NAMES(), where: HAS_PARTICIPANT_COLUMNS }]
	},
	{
		// Each run's app and the span of its sessions (UTC ms), once its inputs are read: a run
		// finds the runs that went at the same time over the same app and hours (ingest's
		// overlap check). Runs written before have '' and 0, 0: they overlap nothing.
		version: 4,
		columns: () => [
			{
				table: TABLES.runs,
				add: [
					['app', 'String'],
					['from_at', 'Float64'],
					['to_at', 'Float64']
				]
			}
		]
	},
	{
		// A room a later run found is not one: a dump ingested before its call's CDR counts as a
		// room of its own until a run brings the call, and then counts inside the call's room
		// (import/link-waiting.ts). ClickHouse deletes only by rewriting parts (18.16's ALTER
		// DELETE is a mutation of the whole table), so that run writes a newer version of the
		// room's key with `removed = 1` (room-row.ts retiredRoomRow), and every FINAL read of
		// the rooms keeps LIVE_ROOM rows only. The time-ordered copy gets no such row: its reads
		// keep only the versions current and live in `rtcscope_rooms` (window-sql.ts).
		version: 5,
		columns: () => [{ table: TABLES.rooms, add: [['removed', 'UInt8']] }]
	}
];

/**
 * The condition every `rtcscope_rooms FINAL` read adds (migration 5): the room's newest version
 * is not a tombstone. FINAL merges first, then WHERE filters, so a tombstone hides the
 * versions it supersedes (checked on 18.16: a WHERE on a non-key column is applied after the
 * merge; current releases keep that for FINAL unless optimize_move_to_prewhere_if_final is set).
 */
export const LIVE_ROOM = 'removed = 0';

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
