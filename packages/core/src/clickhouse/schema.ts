import { DIMENSIONS } from '../fleet/dimensions.js';
import { emptyCounters, type QualityCounters } from '../fleet/rollup.js';
import { sqlString, type ClickHouseClient } from './http.js';

/**
 * rtcscope's ClickHouse schema, as versioned migrations applied in order and recorded in
 * `rtcscope_migrations`. Every table is a ReplacingMergeTree keyed by what a record *is* (a
 * room's app and session key, a session key, a file's content id), versioned by the ingest run's
 * time: importing a file twice, or two processes writing the same room, leaves one row once
 * merged, and every read uses FINAL so an unmerged duplicate is never counted.
 *
 * Times are Float64 UTC ms: the very values JavaScript holds (a dump's times have fractions).
 *
 * Accepted by ClickHouse 18.16 (Debian 12) and current releases: no JSON types, no Nullable
 * keys, arrays of scalars only.
 */

/** The quality counters, in the order of fleet/rollup.ts: one array column each (`p_q_<name>`). */
export const COUNTER_KEYS = Object.keys(emptyCounters()) as (keyof QualityCounters)[];

export const TABLES = {
	migrations: 'rtcscope_migrations',
	rooms: 'rtcscope_rooms',
	sessions: 'rtcscope_sessions',
	bundles: 'rtcscope_bundles',
	files: 'rtcscope_files',
	runs: 'rtcscope_runs'
} as const;

const roomsDdl = (): string => `CREATE TABLE IF NOT EXISTS ${TABLES.rooms} (
	app String,
	session_key String,
	session_id String,
	version UInt64,
	first_at Float64,
	start_at Float64,
	end_at Float64,
	fact String,
	p_user_key Array(String),
	p_join_at Array(Float64),
	p_left_at Array(Float64),
	p_video Array(UInt8),
	p_stats Array(UInt8),
	p_load Array(UInt8),
	${DIMENSIONS.map((d) => `p_${d} Array(Nullable(String)),`).join('\n\t')}
	${COUNTER_KEYS.map((k) => `p_q_${k} Array(Float64),`).join('\n\t')}
	m_start Array(Float64),
	m_end Array(Float64),
	m_cls Array(String),
	r_start Array(Float64),
	r_end Array(Float64),
	u_start Array(Float64),
	u_end Array(Float64)
) ENGINE = ReplacingMergeTree(version) ORDER BY (app, session_key)`;

/** Migration n is applied once; never edit one that shipped, add the next. */
export const MIGRATIONS: readonly { version: number; statements: () => string[] }[] = [
	{
		version: 1,
		statements: () => [
			roomsDdl(),
			`CREATE TABLE IF NOT EXISTS ${TABLES.sessions} (
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
			) ENGINE = ReplacingMergeTree(version) ORDER BY session_key`,
			`CREATE TABLE IF NOT EXISTS ${TABLES.bundles} (
				session_key String,
				version UInt64,
				bytes UInt64,
				bundle String
			) ENGINE = ReplacingMergeTree(version) ORDER BY session_key`,
			`CREATE TABLE IF NOT EXISTS ${TABLES.files} (
				content_id String,
				name String,
				format String,
				bytes UInt64,
				lines UInt64,
				problems UInt64,
				run_id String,
				version UInt64
			) ENGINE = ReplacingMergeTree(version) ORDER BY content_id`,
			`CREATE TABLE IF NOT EXISTS ${TABLES.runs} (
				run_id String,
				host String,
				started_at Int64,
				finished_at Int64,
				status String,
				files UInt64,
				version UInt64
			) ENGINE = ReplacingMergeTree(version) ORDER BY run_id`
		]
	}
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

/**
 * Creates the database and applies the migrations it lacks. Safe to run from several ingest
 * processes at once: every statement is IF NOT EXISTS, and a migration is recorded after its
 * statements ran.
 * @throws ClickHouseError
 */
export async function migrate(client: ClickHouseClient): Promise<{ from: number; to: number }> {
	await client.exec(`CREATE DATABASE IF NOT EXISTS ${client.config.database}`, { database: false });
	await client.exec(
		`CREATE TABLE IF NOT EXISTS ${TABLES.migrations} (version UInt32, applied_at Int64) ENGINE = ReplacingMergeTree(applied_at) ORDER BY version`
	);
	const done = await appliedVersion(client);
	for (const m of MIGRATIONS) {
		if (m.version <= done) continue;
		for (const sql of m.statements()) await client.exec(sql);
		await client.insert(TABLES.migrations, [{ version: m.version, applied_at: Date.now() }]);
	}
	return { from: done, to: SCHEMA_VERSION };
}

/** The highest migration applied, 0 for an empty database. @throws ClickHouseError */
export async function appliedVersion(client: ClickHouseClient): Promise<number> {
	const exists = await client.rows<{ n: number }>(
		`SELECT count() AS n FROM system.tables WHERE database = ${sqlString(client.config.database)} AND name = ${sqlString(TABLES.migrations)}`
	);
	if (!exists[0]?.n) return 0;
	const rows = await client.rows<{ v: number }>(`SELECT max(version) AS v FROM ${TABLES.migrations}`);
	return Number(rows[0]?.v ?? 0);
}
