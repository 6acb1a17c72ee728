import { parseArgs } from 'node:util';
import { createClickHouseClient, DEFAULT_DATABASE, migrate, ONE_SERVER, type SchemaLayout } from '@rtcscope/core/clickhouse';
import { rmSync } from 'node:fs';
import { writeDemoFiles } from './demo.js';
import { ingest, type IngestReport } from './ingest.js';
import { ProgressLine } from './progress.js';

const USAGE = `rtcscope-ingest — import CDR, webhooks, dumps (files, folders, .gz) into ClickHouse

Usage: rtcscope-ingest --url http://host:8123/ [--database rtcscope] [--user NAME] [--app LABEL] PATH...
       rtcscope-ingest --url http://host:8123/ --demo call|fleet
       rtcscope-ingest --url http://host:8123/ --cluster NAME [--ddl this-server] [--schema-only] ...

  --url        ClickHouse HTTP interface (default $CLICKHOUSE_URL or http://localhost:8123/)
  --database   database for rtcscope's tables, created with its schema (default rtcscope)
  --user       ClickHouse user (default $CLICKHOUSE_USER or "default")
  --app        app / project label of every input (the fleet views' app filter)
  --cluster    create the schema for the cluster NAME (remote_servers): <table>_local on every
               server, and Distributed tables over them that the ingest writes and the views read
  --ddl        how --cluster creates it: "on-cluster" (default; ON CLUSTER, which needs the
               cluster's distributed DDL, i.e. ZooKeeper or Keeper) or "this-server" (only on the
               --url server: run it once per server of a cluster without distributed DDL)
  --schema-only  create or migrate the schema, then stop
  A database whose schema is current needs no --cluster: any run writes through its tables.
  --demo       ingest the app's demo data instead of files: "call" (the demo call case) or
               "fleet" (90 days, two apps, ~21,000 sessions, a thousand dumps)
  The password is read from $CLICKHOUSE_PASSWORD only: a command line is visible to every user
  of the machine (ps) and lands in shell history.

Re-running over the same inputs adds nothing; a run interrupted midway is completed by running it
again. Malformed lines are reported as FILE:LINE: reason and the rest imports. MB = 10^6 bytes.`;

const plural = (n: number, word: string) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;

async function main(): Promise<number> {
	const { values, positionals } = parseArgs({
		allowPositionals: true,
		options: {
			url: { type: 'string' },
			database: { type: 'string' },
			user: { type: 'string' },
			app: { type: 'string' },
			demo: { type: 'string' },
			cluster: { type: 'string' },
			ddl: { type: 'string' },
			'schema-only': { type: 'boolean' },
			quiet: { type: 'boolean', short: 'q' },
			help: { type: 'boolean', short: 'h' }
		}
	});
	const demo = values.demo === 'call' || values.demo === 'fleet' ? values.demo : null;
	if (values.demo !== undefined && !demo) throw new Error('--demo takes "call" or "fleet".');
	if (values.ddl !== undefined && values.ddl !== 'on-cluster' && values.ddl !== 'this-server') throw new Error('--ddl takes "on-cluster" or "this-server".');
	if (values.ddl !== undefined && values.cluster === undefined) throw new Error('--ddl goes with --cluster NAME.');
	const layout: SchemaLayout = values.cluster === undefined ? ONE_SERVER : { kind: 'cluster', cluster: values.cluster, ddl: values.ddl === 'this-server' ? 'this-server' : 'on-cluster' };
	if (values.help || (positionals.length === 0 && !demo && !values['schema-only'])) {
		process.stdout.write(`${USAGE}\n`);
		return values.help ? 0 : 2;
	}
	const client = createClickHouseClient({
		url: values.url ?? process.env.CLICKHOUSE_URL ?? 'http://localhost:8123/',
		database: values.database ?? DEFAULT_DATABASE,
		user: values.user ?? process.env.CLICKHOUSE_USER,
		password: process.env.CLICKHOUSE_PASSWORD
	});
	if (values['schema-only']) {
		const { from, to } = await migrate(client, layout);
		process.stdout.write(from === to ? `schema ${to}: current, nothing to do\n` : `schema ${from} → ${to}\n`);
		return 0;
	}
	const line = new ProgressLine(process.stderr, !values.quiet);
	const controller = new AbortController();
	process.once('SIGINT', () => controller.abort());
	const run = (paths: string[], app: string | undefined) =>
		ingest(paths, {
			client,
			layout,
			app,
			signal: controller.signal,
			onProgress: (p, index, files) => line.parsing(p, index, files),
			onProblem: (file, p) => line.problem(`${file}${p.line ? `:${p.line}` : ''}: ${p.message}`),
			onPush: (c, table) => line.pushing(c, table)
		});
	const reports: IngestReport[] = [];
	if (demo) {
		const files = writeDemoFiles(demo);
		try {
			for (const [app, dir] of files.apps) reports.push(await run([dir], app));
		} finally {
			rmSync(files.dir, { recursive: true, force: true });
		}
	} else reports.push(await run(positionals, values.app));
	line.done();
	for (const report of reports) {
		const mb = report.bytes / 1e6;
		process.stdout.write(
			`${plural(report.files, 'file')}, ${mb.toFixed(1)} MB, ${plural(report.lines, 'line')}, ${plural(report.problems, 'problem')} → ` +
				`${plural(report.pushed.rooms, 'room')}, ${plural(report.pushed.sessions, 'session')}, ${plural(report.pushed.bundles, 'bundle')} (${(report.pushed.bundleBytes / 1e6).toFixed(1)} MB) ` +
				`${report.merged > 0 ? `, ${plural(report.merged, 'session')} merged with earlier runs` : ''}${report.linked > 0 ? `, ${plural(report.linked, 'dump')} linked to earlier runs' calls` : ''}${report.linkedEarlier > 0 ? `, ${plural(report.linkedEarlier, 'earlier dump')} linked to this run's calls` : ''}${report.pushed.retired > 0 ? `, ${plural(report.pushed.retired, 'room')} of dumps retired (counted inside their calls now)` : ''} in ${(report.totalMs / 1000).toFixed(1)} s (parse ${(report.parseMs / 1000).toFixed(1)} s = ${(mb / (report.parseMs / 1000)).toFixed(1)} MB/s, push ${(report.pushMs / 1000).toFixed(1)} s); run ${report.runId}\n`
		);
		for (const n of report.notImported) process.stdout.write(`not imported: ${n.name} (${n.kind}) ${n.message}\n`);
		for (const o of report.overlapping) {
			process.stderr.write(
				`warning: run ${o.runId} (${o.host}, started ${new Date(o.startedAt).toISOString()}, ${o.status}) covered the same app and hours while this run merged and wrote: ` +
					`a session both runs read may keep only one run's part. Once both are done, run both runs' inputs again, one after the other (the second's merge pulls the first's part).\n`
			);
		}
	}
	return reports.some((r) => r.notImported.length > 0) ? 1 : 0;
}

main().then(
	(code) => process.exit(code),
	(e: unknown) => {
		process.stderr.write(`rtcscope-ingest: ${e instanceof Error ? e.message : String(e)}\n`);
		process.exit(1);
	}
);
