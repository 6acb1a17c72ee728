import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { clickHouseFleetSource, createClickHouseClient, SCHEMA_VERSION, TABLES, type ClickHouseClient } from '@rtcscope/core/clickhouse';
import { ALL_APPS, DAY_MS } from '@rtcscope/core/fleet';
import { ingest } from '../src/ingest.js';
import { writeDemoFiles, type FilesOnDisk } from '../src/demo.js';
import { startClickHouseCluster, startZooKeeper, type RunningCluster, type RunningZooKeeper } from '../src/local-server.js';
import { expectClose } from './close.js';

/**
 * Issue 16, `--ddl on-cluster`: a two-server cluster whose servers share a ZooKeeper (Debian's
 * package, started here) run distributed DDL. One ingest run through server 1 creates the whole
 * schema with `ON CLUSTER`: both servers then hold every `<table>_local` and Distributed table.
 * The two apps of a small demo fleet are ingested at once, one through each server, with no
 * cluster flag (the schema is there); every fleet figure read through server 2 must equal a
 * one-server database's.
 */

const OPTIONS = { days: 6, sessionsPerDay: 30, dumpEvery: 12 };
const CLUSTER = 'rtcscope_zk';

let zookeeper: RunningZooKeeper;
let cluster: RunningCluster;
let fleet: FilesOnDisk;
let one: ClickHouseClient;
let servers: ClickHouseClient[];

beforeAll(async () => {
	zookeeper = await startZooKeeper();
	cluster = await startClickHouseCluster(CLUSTER, 2, { zookeeperPort: zookeeper.port });
	fleet = writeDemoFiles('fleet', OPTIONS);
	servers = cluster.urls.map((url) => createClickHouseClient({ url, database: 'fleet' }));
	one = createClickHouseClient({ url: inject('clickhouseUrl'), database: 'cluster_ddl_reference' });
	await one.exec('DROP DATABASE IF EXISTS cluster_ddl_reference', { database: false });
	const apps = [...fleet.apps];
	const [first, ...rest] = apps;
	if (!first) throw new Error('no app');
	// The schema by the first run (ON CLUSTER from server 1), then the others through either server.
	await ingest([first[1]], { client: servers[0] as ClickHouseClient, app: first[0], layout: { kind: 'cluster', cluster: CLUSTER, ddl: 'on-cluster' } });
	await Promise.all(rest.map(([app, dir], i) => ingest([dir], { client: servers[(i + 1) % servers.length] as ClickHouseClient, app })));
	for (const [app, dir] of apps) await ingest([dir], { client: one, app });
}, 240_000);

afterAll(async () => {
	await cluster?.stop();
	await zookeeper?.stop();
	if (fleet) rmSync(fleet.dir, { recursive: true, force: true });
});

describe('a cluster with distributed DDL (ON CLUSTER over ZooKeeper)', () => {
	it('has the whole schema on both servers from one run on one of them', async () => {
		for (const s of servers) {
			const tables = await s.rows<{ name: string; engine: string }>("SELECT name, engine FROM system.tables WHERE database = 'fleet' ORDER BY name");
			for (const name of Object.values(TABLES)) {
				expect(tables).toContainEqual({ name, engine: 'Distributed' });
				expect(tables).toContainEqual({ name: `${name}_local`, engine: 'ReplacingMergeTree' });
			}
		}
		const [ledger] = await (servers[1] as ClickHouseClient).rows<{ v: number }>(`SELECT max(version) AS v FROM ${TABLES.migrations}`);
		expect(Number(ledger?.v)).toBe(SCHEMA_VERSION);
	});

	it('gives every fleet figure through the other server as one server gives it', async () => {
		const [c, s] = [clickHouseFleetSource(servers[1] as ClickHouseClient), clickHouseFleetSource(one)];
		const extent = await s.extent();
		if (!extent) throw new Error('no fleet');
		expect(await c.extent()).toEqual(extent);
		const parts = await Promise.all(servers.map(async (x) => Number((await x.rows<{ n: number }>(`SELECT count() AS n FROM ${TABLES.rooms}_local FINAL`))[0]?.n)));
		const whole = Number((await one.rows<{ n: number }>(`SELECT count() AS n FROM ${TABLES.rooms} FINAL`))[0]?.n);
		expect(parts.every((n) => n > 0)).toBe(true);
		expect(parts.reduce((a, b) => a + b, 0)).toBe(whole);
		expectClose(await c.days(ALL_APPS, extent.firstDay, extent.lastDay + DAY_MS), await s.days(ALL_APPS, extent.firstDay, extent.lastDay + DAY_MS));
		for (let end = extent.firstDay + DAY_MS; end <= extent.lastDay + DAY_MS; end += DAY_MS) {
			expectClose(await c.realtime(ALL_APPS, end - DAY_MS, end, {}), await s.realtime(ALL_APPS, end - DAY_MS, end, {}));
			expectClose(await c.diagnostics(ALL_APPS, end - DAY_MS, end, {}), await s.diagnostics(ALL_APPS, end - DAY_MS, end, {}));
		}
	});
});
