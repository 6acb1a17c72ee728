import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
	createClickHouseReads,
	appliedVersion,
	clickHouseFleetSource,
	createClickHouseClient,
	planWindow,
	ROOM_COLUMN_NAMES,
	migrate,
	MIGRATIONS,
	MIGRATIONS_TABLE,
	ONE_SERVER,
	SCHEMA_VERSION,
	tableStatements,
	unfinishedRuns,
	type ClickHouseClient
} from '@rtcscope/core/clickhouse';
import { ALL_APPS, diagnostics, realtime } from '@rtcscope/core/fleet';
import type { Problem } from '@rtcscope/core';
import { ingest } from '../src/ingest.js';

const REAL = resolve(import.meta.dirname, '../../../../shared/data/real');
const DOCS_CDR = join(REAL, 'openvidu-cdr/extracted/openvidu.io-docs__cdr-doc-examples-2018-2022.jsonl');
const GUILOSPANCK = join(REAL, 'webrtc-internals/Guilospanck-webrtc-stats-analyzer__webrtc_internals_dump.txt');

let client: ClickHouseClient;
let dir: string;

async function counts(c: ClickHouseClient) {
	const q = async (sql: string) => Number((await c.rows<{ n: number }>(sql))[0]?.n ?? 0);
	return {
		rooms: await q('SELECT count() AS n FROM rtcscope_rooms FINAL'),
		sessions: await q('SELECT count() AS n FROM rtcscope_sessions FINAL'),
		bundles: await q('SELECT count() AS n FROM rtcscope_bundles FINAL'),
		files: await q('SELECT count() AS n FROM rtcscope_files FINAL')
	};
}

beforeAll(async () => {
	client = createClickHouseClient({ url: inject('clickhouseUrl'), database: 'ingest_test' });
	await client.exec('DROP DATABASE IF EXISTS ingest_test', { database: false });
	dir = mkdtempSync(join(tmpdir(), 'rtcscope-ingest-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rtcscope-ingest on real files', () => {
	it('creates the schema once, from any number of processes', async () => {
		await Promise.all([migrate(client), migrate(client)]);
		expect(await appliedVersion(client)).toBe(SCHEMA_VERSION);
	});

	it('writes the docs CDR and a real dump, reports bad lines by file and line, and adds nothing the second time', async () => {
		// Read by hand in the docs CDR (26 lines): sessions fds4e07mdug1ga3h, TestSession,
		// ses_SuXO99zeb1, ses_Jd8tUyvhXO; ses_SuXO99zeb1 has one participant, con_ZTMYOmVuZB,
		// joined 1584008771500 and left 1584009224993 (lines 20–21, repeated on 23–24).
		// Guilospanck's dump is one browser: a session of its own, linked to no CDR session.
		// The copy with a broken line 3 and a line that is not JSON (line 27): 2 problems, the
		// other 25 lines import (the duplicate events add nothing).
		const lines = readFileSync(DOCS_CDR, 'utf8').trimEnd().split('\n');
		const broken = [...lines.slice(0, 2), lines[2]?.slice(0, 40), ...lines.slice(3), 'not json at all'].join('\n');
		const brokenPath = join(dir, 'broken-cdr.log.gz');
		writeFileSync(brokenPath, gzipSync(broken));
		const problems: { file: string; problem: Problem }[] = [];
		const first = await ingest([brokenPath, GUILOSPANCK], { client, onProblem: (file, problem) => problems.push({ file, problem }) });
		expect(first.notImported).toEqual([]);
		expect(problems.map((p) => `${p.file}:${p.problem.line}`)).toEqual(['broken-cdr.log.gz:3', 'broken-cdr.log.gz:27']);
		expect(first.pushed.sessions).toBe(5);
		const once = await counts(client);
		expect(once.sessions).toBe(5);
		expect(once.bundles).toBe(5);
		expect(once.files).toBe(2);
		const [room] = await client.rows<{ start_at: number; end_at: number; n: number }>(
			"SELECT start_at, end_at, length(p_user_key) AS n FROM rtcscope_rooms FINAL WHERE session_key = 'openvidu:ses_SuXO99zeb1'"
		);
		expect(room).toEqual({ start_at: 1584008771500, end_at: 1584009224993, n: 1 });

		const again = await ingest([brokenPath, GUILOSPANCK], { client });
		expect(again.pushed.sessions).toBe(5);
		expect(await counts(client)).toEqual(once);
		// Merged on disk too, not only hidden by FINAL.
		await client.exec('OPTIMIZE TABLE rtcscope_sessions FINAL');
		expect(Number((await client.rows<{ n: number }>('SELECT count() AS n FROM rtcscope_sessions'))[0]?.n)).toBe(5);
	});

	it('leaves an interrupted run marked unfinished, and a rerun over the same inputs completes and supersedes it', async () => {
		const controller = new AbortController();
		const run = ingest([GUILOSPANCK, DOCS_CDR], {
			client,
			signal: controller.signal,
			// Killed as the first batch is written (the process dies between two INSERTs).
			onPush: () => controller.abort()
		});
		await expect(run).rejects.toThrow();
		const open = await unfinishedRuns(client);
		expect(open.length).toBe(1);
		await ingest([GUILOSPANCK, DOCS_CDR], { client });
		expect(await unfinishedRuns(client)).toEqual([]);
		const rows = await client.rows<{ status: string }>(`SELECT status FROM rtcscope_runs FINAL WHERE run_id = '${open[0]?.runId}'`);
		expect(rows[0]?.status).toMatch(/^superseded by /);
	});

	it('migrates a version-1 database in place, and computes the windows of its old rooms from their facts', async () => {
		// Version 1 as it shipped: its tables and ledger, and the docs CDR's rooms as a version-1
		// ingest wrote them (the columns of migration 2 absent).
		const old = createClickHouseClient({ url: inject('clickhouseUrl'), database: 'ingest_v1' });
		await old.exec('DROP DATABASE IF EXISTS ingest_v1', { database: false });
		await old.exec('CREATE DATABASE ingest_v1', { database: false });
		const v1 = MIGRATIONS[0]?.tables?.() ?? [];
		for (const def of [MIGRATIONS_TABLE, ...v1]) for (const sql of tableStatements(def, 'ingest_v1', ONE_SERVER)) await old.exec(sql);
		await old.insert('rtcscope_migrations', [{ version: 1, applied_at: 1 }]);
		const columns = (await old.rows<{ name: string }>("SELECT name FROM system.columns WHERE database = 'ingest_v1' AND table = 'rtcscope_rooms'")).map((c) => c.name);
		expect(columns).not.toContain('p_attempted');
		const rooms = await client.rows<Record<string, unknown>>(`SELECT ${columns.join(', ')} FROM rtcscope_rooms FINAL`);
		expect(rooms.length).toBeGreaterThan(0);
		await old.insert('rtcscope_rooms', rooms);

		expect(await migrate(old)).toEqual({ from: 1, to: SCHEMA_VERSION });
		const after = (await old.rows<{ name: string }>("SELECT name FROM system.columns WHERE database = 'ingest_v1' AND table = 'rtcscope_rooms'")).map((c) => c.name);
		expect(after).toEqual(expect.arrayContaining(['p_attempted', 'p_loaded', 'p_load_ms', 'p_m_downlinkVideoFreeze', 'removed']));
		// ses_SuXO99zeb1's call (1584008771500–1584009224993, read by hand above) in a 24 h window.
		const [from, to] = [1584009224993 - 86_400_000, 1584009224993];
		expect((await planWindow(old, ALL_APPS, from, to)).legacy).toBe(1);
		const source = clickHouseFleetSource(old);
		const facts = await source.rooms(ALL_APPS, from, to);
		const rt = await source.realtime(ALL_APPS, from, to, {});
		expect(rt).toEqual(realtime(facts, from, to));
		expect(rt.dashboard.users).toBe(1);
		expect(await source.diagnostics(ALL_APPS, from, to, {})).toEqual(diagnostics(facts, from, to));
		// The same window where the rooms have the columns: counted by SQL, the same figures.
		expect((await planWindow(client, ALL_APPS, from, to)).legacy).toBe(0);
		expect(await clickHouseFleetSource(client).realtime(ALL_APPS, from, to, {})).toEqual(rt);
	});

	it('migrates a version-2 database in place: its rooms are copied in time order and counted by SQL', async () => {
		// Version 2 as it shipped: migration 1's tables with migration 2's columns, its ledger, and
		// the rooms of the docs CDR and the real dump as a version-2 ingest wrote them (no copy).
		const old = createClickHouseClient({ url: inject('clickhouseUrl'), database: 'ingest_v2' });
		await old.exec('DROP DATABASE IF EXISTS ingest_v2', { database: false });
		await old.exec('CREATE DATABASE ingest_v2', { database: false });
		for (const def of [MIGRATIONS_TABLE, ...(MIGRATIONS[0]?.tables?.() ?? [])]) for (const sql of tableStatements(def, 'ingest_v2', ONE_SERVER)) await old.exec(sql);
		for (const op of MIGRATIONS[1]?.columns?.() ?? []) for (const [name, type] of op.add) await old.exec(`ALTER TABLE ${op.table} ADD COLUMN ${name} ${type}`);
		await old.insert('rtcscope_migrations', [{ version: 1, applied_at: 1 }, { version: 2, applied_at: 2 }]);
		const rooms = await client.rows<Record<string, unknown>>(`SELECT ${ROOM_COLUMN_NAMES().join(', ')} FROM rtcscope_rooms FINAL`);
		expect(rooms.length).toBeGreaterThan(1);
		await old.insert('rtcscope_rooms', rooms);
		const [from, to] = [1584009224993 - 86_400_000, 1584009224993];
		const n = async (sql: string) => Number((await old.rows<{ n: number }>(sql))[0]?.n);
		expect(await n(`SELECT count() AS n FROM system.tables WHERE database = 'ingest_v2' AND name = 'rtcscope_room_times'`)).toBe(0);
		// The page's views would fail on the missing columns: Settings says what to run instead.
		const status = await createClickHouseReads().useClickHouse({ url: inject('clickhouseUrl'), database: 'ingest_v2' });
		expect(status).toEqual({ ok: false, message: expect.stringMatching(/at migration 2; this page reads migration \d+\. Migrate it with “rtcscope-ingest .*--schema-only”/) as unknown as string });

		expect(await migrate(old)).toEqual({ from: 2, to: SCHEMA_VERSION });
		expect(await n('SELECT count() AS n FROM rtcscope_room_times')).toBe(rooms.length);
		expect((await planWindow(old, ALL_APPS, from, to)).legacy).toBe(0);
		const source = clickHouseFleetSource(old);
		const facts = await source.rooms(ALL_APPS, from, to);
		expect(facts.length).toBe(1);
		expect(await source.realtime(ALL_APPS, from, to, {})).toEqual(realtime(facts, from, to));
		expect(await source.diagnostics(ALL_APPS, from, to, {})).toEqual(diagnostics(facts, from, to));
		// Migrating again copies nothing twice.
		expect(await migrate(old)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION });
		expect(await n('SELECT count() AS n FROM rtcscope_room_times')).toBe(rooms.length);
	});

	it('says why when ClickHouse is not there', async () => {
		const nowhere = createClickHouseClient({ url: 'http://127.0.0.1:9/', database: 'x' });
		await expect(ingest([DOCS_CDR], { client: nowhere })).rejects.toThrow(/Could not read ClickHouse at http:\/\/127\.0\.0\.1:9\//);
	});
});
