// IndexedDB for Dexie under Node: the run's working store lives in memory (fake-indexeddb).
import 'fake-indexeddb/auto';
import { createHash, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { migrate, TABLES, type ClickHouseClient, type SchemaLayout } from '@rtcscope/core/clickhouse';
import type { ImportOutcome, ImportProgress, Problem } from '@rtcscope/core';
import { RtcscopeDb } from '@rtcscope/core/storage';
import { createIngestApi } from '@rtcscope/core/worker-api';
import { listInputs, toImportInput, type InputFile } from './inputs.js';
import { linkEarlierDumps, linkToEarlierCalls } from './link-earlier.js';
import { mergeEarlierParts } from './merge.js';
import { overlappingRuns, runSpan, type OverlappingRun, type RunSpan } from './overlap.js';
import { pushStore, type PushCounts } from './push.js';

/**
 * One ingest run: the inputs go through the browser's own import path (core's format detection,
 * parsers, normalization, linking and fleet roll-up, in an in-memory store), dumps are linked to
 * the calls earlier runs wrote, sessions the server holds from earlier runs' inputs are merged in
 * (merge.ts), earlier runs' dumps are linked to the run's calls (link-earlier.ts: after the
 * merge, so a call is whole when dumps are matched to it), then the store's rows go to
 * ClickHouse (push.ts). Memory grows with the run's inputs, as a browser tab's store
 * would: split months of data into runs (per CDR file or per day's folder); runs over
 * different sessions may go in parallel, on one machine or many, and runs that share sessions
 * one after the other (merge.ts).
 *
 * Re-running over the same inputs adds nothing (ReplacingMergeTree keys); a run killed midway
 * stays `running` in `rtcscope_runs` (the views say so) until a run over the same inputs
 * finishes and marks it superseded.
 */

export interface IngestOptions {
	client: ClickHouseClient;
	/** Where the schema goes when the database lacks it (default: one server; see migrate.ts). */
	layout?: SchemaLayout;
	/** The app / project label of every input (the fleet views' app filter). */
	app?: string;
	onProgress?: (p: ImportProgress, file: number, files: number) => void;
	/** Called once per problem a file reported (malformed line, unknown format…). */
	onProblem?: (file: string, problem: Problem) => void;
	onPush?: (counts: PushCounts, table: string) => void;
	signal?: AbortSignal;
	now?: () => number;
}

export interface IngestReport {
	runId: string;
	files: number;
	bytes: number;
	lines: number;
	problems: number;
	/** Files that imported with an outcome other than done (failed, unsupported…), with why. */
	notImported: { name: string; kind: string; message: string }[];
	pushed: PushCounts;
	/** Sessions this run shares with earlier runs' inputs, merged before the push (merge.ts). */
	merged: number;
	/** Dumps of this run linked to calls earlier runs wrote (link-earlier.ts). */
	linked: number;
	/** Dumps earlier runs wrote as rooms of their own, now linked to this run's calls (link-earlier.ts); their rooms are retired (pushed.retired). */
	linkedEarlier: number;
	/** Runs over the same app and hours that went while this one merged and wrote (overlap.ts): sessions both read may keep one run's part. */
	overlapping: OverlappingRun[];
	parseMs: number;
	pushMs: number;
	totalMs: number;
}

/** The same inputs (names and sizes) give the same digest: a rerun supersedes an interrupted run. */
function inputsDigest(files: readonly InputFile[]): string {
	const h = createHash('sha256');
	for (const f of files) h.update(`${f.name}\u0000${f.bytes}\n`);
	return h.digest('hex').slice(0, 32);
}

/** @throws ClickHouseError when ClickHouse can't be reached or refuses a statement; Error for a missing path */
export async function ingest(paths: readonly string[], options: IngestOptions): Promise<IngestReport> {
	return ingestFiles(await listInputs(paths), options);
}

/** {@link ingest} over files already listed. */
export async function ingestFiles(files: readonly InputFile[], options: IngestOptions): Promise<IngestReport> {
	const { client } = options;
	const now = options.now ?? Date.now;
	const t0 = now();
	await migrate(client, options.layout);
	const runId = `${inputsDigest(files)}-${randomUUID().slice(0, 8)}`;
	const version = t0;
	const host = hostname();
	// The run's app and the span of its sessions, known once its inputs are read (overlap.ts).
	const span: RunSpan = { app: '', from_at: 0, to_at: 0 };
	const run = (status: string, finishedAt: number, v: number) =>
		client.insert(TABLES.runs, [{ run_id: runId, host, started_at: t0, finished_at: finishedAt, status, files: files.length, version: v, ...span }]);
	await run('running', 0, version);

	const db = new RtcscopeDb(`rtcscope-ingest-${runId}`, 'writer');
	try {
		const api = createIngestApi({ db, locks: null });
		const inputs = await Promise.all(files.map((f) => toImportInput(f, options.app)));
		const outcomes: ImportOutcome[] = await api.importFiles(runId, inputs, (p) => options.onProgress?.(p, p.index, files.length));
		const parsed = now();
		const report: IngestReport = {
			runId,
			files: files.length,
			bytes: files.reduce((s, f) => s + f.bytes, 0),
			lines: 0,
			problems: 0,
			notImported: [],
			pushed: { rooms: 0, retired: 0, sessions: 0, bundles: 0, bundleBytes: 0, files: 0 },
			merged: 0,
			linked: 0,
			linkedEarlier: 0,
			overlapping: [],
			parseMs: parsed - t0,
			pushMs: 0,
			totalMs: 0
		};
		for (const o of outcomes) {
			report.lines += o.progress.lines;
			report.problems += o.progress.problems.length + o.progress.problemsOmitted;
			for (const problem of o.progress.problems) options.onProblem?.(o.progress.name, problem);
			if (o.kind !== 'done') report.notImported.push({ name: o.progress.name, kind: o.kind, message: o.progress.message ?? '' });
		}
		// Problems beyond the first few per file are in the store's import records.
		const stored = await db.imports.toArray();
		for (const rec of stored) {
			const shown = outcomes.find((o) => o.importId === rec.id)?.progress.problems.length ?? 0;
			for (const problem of rec.problems.slice(shown)) options.onProblem?.(rec.name, problem);
		}
		Object.assign(span, await runSpan(db));
		const mergeAt = now();
		await run('running', 0, mergeAt);
		const link = await linkToEarlierCalls(db, client, api, runId);
		report.linked = link.dumps;
		const merge = await mergeEarlierParts(db, client, api, runId);
		report.merged = merge.sessions;
		const earlier = await linkEarlierDumps(db, client, api, runId);
		report.linkedEarlier = earlier.dumps;
		const notInputs = new Set([...link.importIds, ...merge.importIds, ...earlier.importIds]);
		report.pushed = await pushStore(db, client, { version, runId, signal: options.signal, onBatch: options.onPush, notInputs });
		report.pushMs = now() - parsed;
		report.overlapping = await overlappingRuns(client, runId, span, mergeAt);
		report.totalMs = now() - t0;
		await run('done', now(), now());
		await supersede(client, runId);
		return report;
	} finally {
		db.close();
		await RtcscopeDb.delete(db.name).catch(() => undefined);
	}
}

/** Marks earlier unfinished runs over the same inputs as superseded by this finished one. */
async function supersede(client: ClickHouseClient, runId: string): Promise<void> {
	const digest = runId.split('-')[0] as string;
	const rows = await client.rows<{ run_id: string; host: string; started_at: number; files: number }>(
		`SELECT run_id, host, started_at, files FROM ${TABLES.runs} FINAL WHERE status = 'running' AND run_id LIKE '${digest}-%'`
	);
	const t = Date.now();
	await client.insert(
		TABLES.runs,
		rows.map((r) => ({ run_id: r.run_id, host: r.host, started_at: Number(r.started_at), finished_at: t, status: `superseded by ${runId}`, files: Number(r.files), version: t }))
	);
}
