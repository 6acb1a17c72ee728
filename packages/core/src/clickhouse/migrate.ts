import { ClickHouseError, sqlString, type ClickHouseClient } from './http.js';
import { MIGRATIONS, MIGRATIONS_TABLE, SCHEMA_VERSION, TABLES, type AddColumns, type CopyRows, type TableDef } from './schema.js';

/**
 * Where rtcscope's tables live.
 * - `server`: one ClickHouse server, the tables under the names in TABLES.
 * - `cluster`: each server of the cluster holds `<name>_local` (the ReplacingMergeTree), and
 *   `<name>` is a Distributed table over them, sharded by TableDef.shardBy; reads and writes go
 *   through `<name>`, so the reads are the same SQL either way. `ddl: 'on-cluster'` creates
 *   both on every server in one statement (`ON CLUSTER`, which needs the cluster's distributed
 *   DDL: ZooKeeper or ClickHouse Keeper); `'this-server'` creates them on the server the client
 *   talks to only, for clusters without it: then migrate each server in turn.
 */
export type SchemaLayout = { kind: 'server' } | { kind: 'cluster'; cluster: string; ddl: 'on-cluster' | 'this-server' };

export const ONE_SERVER: SchemaLayout = { kind: 'server' };

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** The ` ON CLUSTER name` clause of a layout's DDL, or nothing. */
const onCluster = (layout: SchemaLayout): string => (layout.kind === 'cluster' && layout.ddl === 'on-cluster' ? ` ON CLUSTER ${layout.cluster}` : '');

/** The CREATE statements of one table in a layout (database-qualified on a cluster, where DDL runs on other servers). */
export function tableStatements(def: TableDef, database: string, layout: SchemaLayout): string[] {
	if (layout.kind === 'server') return [`CREATE TABLE IF NOT EXISTS ${def.name} (${def.columns}) ENGINE = ${def.engine}`];
	const on = onCluster(layout);
	const local = `${database}.${def.name}_local`;
	return [
		`CREATE TABLE IF NOT EXISTS ${local}${on} (${def.columns}) ENGINE = ${def.engine}`,
		`CREATE TABLE IF NOT EXISTS ${database}.${def.name}${on} AS ${local} ENGINE = Distributed(${layout.cluster}, ${database}, ${def.name}_local, ${def.shardBy})`
	];
}

/**
 * The ALTERs that add a migration's columns the table lacks here: on a cluster to `<name>_local`
 * and to the Distributed `<name>` (whose structure the reads see). 18.16 has no ADD COLUMN IF
 * NOT EXISTS, so the columns present are read first. @throws ClickHouseError
 */
async function addColumns(client: ClickHouseClient, op: AddColumns, layout: SchemaLayout): Promise<void> {
	const database = client.config.database;
	const targets = layout.kind === 'server' ? [op.table] : [`${op.table}_local`, op.table];
	const on = onCluster(layout);
	for (const table of targets) {
		const have = new Set(
			(await client.rows<{ name: string }>(`SELECT name FROM system.columns WHERE database = ${sqlString(database)} AND table = ${sqlString(table)}`)).map((r) => r.name)
		);
		for (const [name, type] of op.add) {
			if (have.has(name)) continue;
			await client.exec(`ALTER TABLE ${database}.${table}${on} ADD COLUMN ${name} ${type}`).catch(async (e: unknown) => {
				// Another process added it meanwhile: what we wanted.
				const now = await client.rows<{ n: number }>(`SELECT count() AS n FROM system.columns WHERE database = ${sqlString(database)} AND table = ${sqlString(table)} AND name = ${sqlString(name)}`);
				if (!Number(now[0]?.n)) throw e;
			});
		}
	}
}

/**
 * Copies a migration's rows: on one server, or through a cluster's Distributed tables when the
 * DDL runs on the whole cluster; each server its own `_local` rows otherwise (the tables shard
 * alike, so every row stays on its shard). A copy interrupted before the ledger records the
 * migration runs again: the target is a ReplacingMergeTree on the very rows' keys, so rows
 * copied twice merge. @throws ClickHouseError
 */
async function copyRows(client: ClickHouseClient, op: CopyRows, layout: SchemaLayout): Promise<void> {
	const local = layout.kind === 'cluster' && layout.ddl === 'this-server' ? '_local' : '';
	const cols = op.columns.join(', ');
	await client.exec(`INSERT INTO ${op.into}${local} (${cols}) SELECT ${cols} FROM ${op.from}${local} WHERE ${op.where}`);
}

/**
 * What a database holds: nothing yet (or no database), a one-server schema, or a cluster's (its
 * rooms table is Distributed). @throws ClickHouseError
 */
export async function storedLayout(client: ClickHouseClient): Promise<'none' | 'server' | 'cluster'> {
	// Asked without the database as default: it may not exist yet.
	const text = await client.exec(
		`SELECT engine FROM system.tables WHERE database = ${sqlString(client.config.database)} AND name = ${sqlString(TABLES.rooms)} FORMAT JSONEachRow`,
		{ database: false }
	);
	const line = text.split('\n').find((l) => l);
	const engine = line ? (JSON.parse(line) as { engine: string }).engine : undefined;
	return engine === undefined ? 'none' : engine === 'Distributed' ? 'cluster' : 'server';
}

/**
 * Creates the database and applies the migrations it lacks, in the layout asked for. Safe to run
 * from several ingest processes at once: every statement is IF NOT EXISTS, and a migration is
 * recorded after its statements ran.
 *
 * A database whose schema is current is used as it is, whatever the layout asked for (a run
 * without `cluster` writes through a cluster's Distributed tables), except that a one-server
 * schema is never taken for a cluster's. On a cluster each server records what was applied
 * from it in `rtcscope_migrations_local`; `rtcscope_migrations` (Distributed) is the cluster's
 * ledger, which the views and the "is it current" test read. `ddl: 'this-server'` always
 * applies what this server's own ledger lacks: run it on every server before ingesting.
 * @throws Error when the layout asked for is not the database's, or a cluster's database lacks
 *   a migration and no cluster layout was given; ClickHouseError when the server refuses a
 *   statement (ON CLUSTER without distributed DDL is explained)
 */
export async function migrate(client: ClickHouseClient, layout: SchemaLayout = ONE_SERVER): Promise<{ from: number; to: number }> {
	const database = client.config.database;
	if (layout.kind === 'cluster' && !IDENTIFIER.test(layout.cluster)) throw new Error(`“${layout.cluster}” is not a cluster name (letters, digits, _).`);
	const stored = await storedLayout(client);
	if (stored === 'server' && layout.kind === 'cluster') {
		throw new Error(`Database ${database} holds a one-server schema: a cluster's tables can't be made in it. Give the cluster another --database.`);
	}
	const eachServer = layout.kind === 'cluster' && layout.ddl === 'this-server';
	if (stored !== 'none' && !eachServer) {
		const done = await appliedVersion(client);
		if (done >= SCHEMA_VERSION) return { from: done, to: done };
		if (stored === 'cluster' && layout.kind === 'server') {
			throw new Error(`Database ${database} is a cluster's (Distributed tables) and lacks migration ${done + 1}: run the ingest with --cluster NAME to migrate it.`);
		}
	}
	const on = onCluster(layout);
	await client.exec(`CREATE DATABASE IF NOT EXISTS ${database}${on}`, { database: false }).catch((e: unknown) => {
		// 18.16 says "DDL background thread is not initialized", later releases name ZooKeeper.
		if (on && e instanceof ClickHouseError && /DDL background thread|zookeeper|keeper/i.test(e.message)) {
			throw new ClickHouseError(`${e.message}\nON CLUSTER needs the cluster's distributed DDL (ZooKeeper or ClickHouse Keeper in the server config). Without it, create the schema on each server in turn (--ddl this-server).`, e.status);
		}
		throw e;
	});
	for (const sql of tableStatements(MIGRATIONS_TABLE, database, layout)) await client.exec(sql);
	const ledger = layout.kind === 'cluster' ? `${TABLES.migrations}_local` : TABLES.migrations;
	const done = await ledgerVersion(client, ledger);
	for (const m of MIGRATIONS) {
		if (m.version <= done) continue;
		for (const def of m.tables?.() ?? []) for (const sql of tableStatements(def, database, layout)) await client.exec(sql);
		for (const op of m.columns?.() ?? []) await addColumns(client, op, layout);
		for (const op of m.copies?.() ?? []) await copyRows(client, op, layout);
		await client.insert(ledger, [{ version: m.version, applied_at: Date.now() }]);
	}
	return { from: done, to: SCHEMA_VERSION };
}

async function ledgerVersion(client: ClickHouseClient, table: string): Promise<number> {
	const rows = await client.rows<{ v: number }>(`SELECT max(version) AS v FROM ${table}`);
	return Number(rows[0]?.v ?? 0);
}

/**
 * The highest migration applied, 0 for an empty database (on a cluster: the highest any server
 * recorded). @throws ClickHouseError
 */
export async function appliedVersion(client: ClickHouseClient): Promise<number> {
	const exists = await client.rows<{ n: number }>(
		`SELECT count() AS n FROM system.tables WHERE database = ${sqlString(client.config.database)} AND name = ${sqlString(TABLES.migrations)}`
	);
	if (!exists[0]?.n) return 0;
	return ledgerVersion(client, TABLES.migrations);
}
