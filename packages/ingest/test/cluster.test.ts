import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
	clickHouseFleetSource,
	createClickHouseClient,
	migrate,
	SCHEMA_VERSION,
	searchServerSessions,
	storedLayout,
	tableStatements,
	TABLES,
	type ClickHouseClient,
	type SchemaLayout
} from '@rtcscope/core/clickhouse';
import { ALL_APPS, DAY_MS, diagnostics, durationStats, realtime, summarizeInsights } from '@rtcscope/core/fleet';
import { ingest } from '../src/ingest.js';
import { writeDemoFiles, type FilesOnDisk } from '../src/demo.js';
import { startClickHouseCluster, type RunningCluster } from '../src/local-server.js';
import { expectClose } from './close.js';

/**
 * Issue 16 "a cluster with Distributed tables": two ClickHouse servers on this machine form the
 * cluster `rtcscope_two` (one shard each). The schema goes on each server in turn (this cluster has no
 * ZooKeeper for ON CLUSTER: cluster-ddl.test.ts has one); the two apps of a small demo fleet are ingested at once, one
 * process through each server; a one-server database gets the same fleet. Every fleet figure
 * read through either server of the cluster must equal the one server's, each shard must hold
 * a part of the rows and none twice, and a rerun adds nothing.
 */

const OPTIONS = { days: 8, sessionsPerDay: 40, dumpEvery: 12 };
const CLUSTER = 'rtcscope_two';
const LAYOUT: SchemaLayout = { kind: 'cluster', cluster: CLUSTER, ddl: 'this-server' };

let cluster: RunningCluster;
let fleet: FilesOnDisk;
let one: ClickHouseClient;
let shards: ClickHouseClient[];

const count = async (c: ClickHouseClient, table: string, final = true) =>
	Number((await c.rows<{ n: number }>(`SELECT count() AS n FROM ${table}${final ? ' FINAL' : ''}`))[0]?.n ?? 0);

beforeAll(async () => {
	[cluster, fleet] = [await startClickHouseCluster(CLUSTER, 2), writeDemoFiles('fleet', OPTIONS)];
	one = createClickHouseClient({ url: inject('clickhouseUrl'), database: 'cluster_reference' });
	await one.exec('DROP DATABASE IF EXISTS cluster_reference', { database: false });
	shards = cluster.urls.map((url) => createClickHouseClient({ url, database: 'fleet' }));
	for (const s of shards) await migrate(s, LAYOUT);
	const apps = [...fleet.apps];
	const runs = await Promise.all([
		...apps.map(([app, dir], i) => ingest([dir], { client: shards[i % shards.length] as ClickHouseClient, app })),
		...apps.map(([app, dir]) => ingest([dir], { client: one, app }))
	]);
	expect(runs.every((r) => r.notImported.length === 0)).toBe(true);
});

afterAll(async () => {
	await cluster?.stop();
	if (fleet) rmSync(fleet.dir, { recursive: true, force: true });
});

describe('the fleet on a two-server cluster', () => {
	it('creates <table>_local and a Distributed table over them on each server', async () => {
		for (const s of shards) {
			expect(await storedLayout(s)).toBe('cluster');
			const tables = await s.rows<{ name: string; engine: string }>("SELECT name, engine FROM system.tables WHERE database = 'fleet' ORDER BY name");
			for (const name of Object.values(TABLES)) {
				expect(tables).toContainEqual({ name, engine: 'Distributed' });
				expect(tables).toContainEqual({ name: `${name}_local`, engine: 'ReplacingMergeTree' });
			}
		}
		expect(await storedLayout(one)).toBe('server');
	});

	it('spreads the rows over both shards, none twice, as many as one server holds', async () => {
		for (const table of [TABLES.rooms, TABLES.sessions, TABLES.bundles]) {
			const parts = await Promise.all(shards.map((s) => count(s, `${table}_local`)));
			const whole = await count(one, table);
			expect(whole).toBeGreaterThan(OPTIONS.days * OPTIONS.sessionsPerDay * 0.5);
			// Hashing ~300 keys over 2 shards: each gets a real share.
			for (const n of parts) expect(n).toBeGreaterThan(whole / 4);
			expect(parts.reduce((a, b) => a + b, 0)).toBe(whole);
			for (const s of shards) expect(await count(s, table)).toBe(whole);
		}
	});

	it('returns from an INSERT once every shard holds its rows (a finished run is readable everywhere)', async () => {
		const rows = Array.from({ length: 40 }, (_, i) => ({ run_id: `probe-${i}`, host: 'test', started_at: 0, finished_at: 0, status: 'probe', files: 0, version: 1 }));
		await (shards[0] as ClickHouseClient).insert(TABLES.runs, rows);
		const probes = async (s: ClickHouseClient) => Number((await s.rows<{ n: number }>(`SELECT count() AS n FROM ${TABLES.runs}_local WHERE status = 'probe'`))[0]?.n ?? 0);
		const parts = await Promise.all(shards.map(probes));
		expect(parts.every((n) => n > 0)).toBe(true);
		expect(parts.reduce((a, b) => a + b, 0)).toBe(40);
		for (const s of shards) await s.exec(`ALTER TABLE ${TABLES.runs}_local DELETE WHERE status = 'probe'`);
	});

	it('gives every fleet figure through either server as one server gives it', async () => {
		const reference = clickHouseFleetSource(one);
		const extent = await reference.extent();
		if (!extent) throw new Error('no fleet');
		const [from, to] = [extent.firstDay, extent.lastDay + DAY_MS];
		const end = extent.newestAt;
		for (const s of shards) {
			const source = clickHouseFleetSource(s);
			expect(await source.extent()).toEqual(extent);
			expect(await source.apps()).toEqual(await reference.apps());
			for (const app of [ALL_APPS, 'meet']) {
				const [days, want] = await Promise.all([source.days(app, from, to), reference.days(app, from, to)]);
				expect(days.map((d) => d.day)).toEqual(want.map((d) => d.day));
				expectClose(days, want);
				expectClose(summarizeInsights(days, from, to), summarizeInsights(want, from, to));
				expectClose(durationStats(days, from, to), durationStats(want, from, to));
				const [rooms, wantRooms] = await Promise.all([source.rooms(app, end - 24 * 3_600_000, end), reference.rooms(app, end - 24 * 3_600_000, end)]);
				expect(wantRooms.length).toBeGreaterThan(0);
				expect(rooms).toEqual(wantRooms);
				// Counted by SQL through the Distributed tables (realtime-sql.ts, diagnostics-sql.ts).
				for (const hours of [1, 24]) {
					const from = end - hours * 3_600_000;
					expectClose(await source.realtime(app, from, end, {}), realtime(wantRooms, from, end));
					expectClose(await source.diagnostics(app, from, end, {}), diagnostics(wantRooms, from, end));
				}
			}
			const [found, want] = await Promise.all([searchServerSessions(s, { limit: 50 }), searchServerSessions(one, { limit: 50 })]);
			expect(found.total).toBe(want.total);
			expect(found.sessions.map((x) => x.sessionKey)).toEqual(want.sessions.map((x) => x.sessionKey));
		}
	});

	it('adds nothing when an app is ingested again through the other server', async () => {
		const before = await Promise.all(shards.map((s) => count(s, `${TABLES.rooms}_local`)));
		const [app, dir] = [...fleet.apps][0] as [string, string];
		await ingest([dir], { client: shards[1] as ClickHouseClient, app });
		expect(await Promise.all(shards.map((s) => count(s, `${TABLES.rooms}_local`)))).toEqual(before);
		expect(await count(shards[0] as ClickHouseClient, TABLES.sessions)).toBe(await count(one, TABLES.sessions));
	});

	it('refuses to make a cluster schema in a one-server database, and names ON CLUSTER when asked for it', async () => {
		await expect(migrate(one, LAYOUT)).rejects.toThrow(/holds a one-server schema/);
		// A current schema is used as it is: no DDL, so ON CLUSTER is not needed to ingest.
		const onCluster: SchemaLayout = { kind: 'cluster', cluster: CLUSTER, ddl: 'on-cluster' };
		expect(await migrate(shards[1] as ClickHouseClient, onCluster)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION });
		// A new one asks ON CLUSTER of servers that have no distributed DDL (this cluster has no ZooKeeper; cluster-ddl.test.ts has one).
		const fresh = createClickHouseClient({ url: cluster.urls[0] as string, database: 'fresh' });
		await expect(migrate(fresh, onCluster)).rejects.toThrow(/ON CLUSTER needs the cluster's distributed DDL/);
		const [local, distributed] = tableStatements({ name: 't', columns: 'k String', engine: 'ReplacingMergeTree() ORDER BY k', shardBy: 'cityHash64(k)' }, 'db', { kind: 'cluster', cluster: 'c1', ddl: 'on-cluster' });
		expect(local).toBe('CREATE TABLE IF NOT EXISTS db.t_local ON CLUSTER c1 (k String) ENGINE = ReplacingMergeTree() ORDER BY k');
		expect(distributed).toBe('CREATE TABLE IF NOT EXISTS db.t ON CLUSTER c1 AS db.t_local ENGINE = Distributed(c1, db, t_local, cityHash64(k))');
	});
});
