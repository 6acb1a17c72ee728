import { DEMO_FILE_NAME, generateDemoCdr } from './demo/index.js';
import {
	STALE_HEARTBEAT_MS,
	type ImportInput,
	type ImportOutcome
} from './import/pipeline.js';
import type { ImportProgress } from './import/progress.js';
import { webImportLocks, type ImportLocks } from './import/locks.js';
import type { ImportId } from './model/ids.js';
import { openDb, type RtcscopeDb } from './storage/db.js';
import { deleteEverything, deleteImport, linkDumpSession } from './storage/writer.js';
import type { SessionKey } from './model/ids.js';
import { benchLimit, benchParse, benchSeries, benchWrite } from './bench-api.js';
import { generateFleet, type FleetOptions } from './demo/fleet.js';
import { createImportLane, type ImportLane } from './import/lane.js';
import { dumpsOnly, jobLinkScope, linkWaitingDumps } from './import/link-waiting.js';
import { refreshWithPool, runPool } from './import/pool.js';
import { MemoryFile } from './import/memory-file.js';
import { JobSiblings } from './import/siblings.js';
import { generateCallCase } from './demo/call-case.js';
import type { ThresholdOverrides } from './fleet/thresholds.js';
import { normalizeApp } from './model/imports.js';
import { fleetNeedsRebuild, refreshAllFleet, refreshFleet } from './fleet/refresh.js';
import { refreshRooms } from './fleet/refresh-rooms.js';
import { getDumpLink } from './storage/quality.js';
import * as Comlink from 'comlink';
import type { CaseInput } from './model/cases.js';
import { exportBundle, type BundleSelection } from './storage/bundle.js';
import { deleteCases, importsKeptByCases, saveCase } from './storage/cases.js';
import { FeedManager, type NewFeed } from './feeds/manager.js';

/** Fleet roll-ups for feed data are refreshed at most this often (a poll every few seconds would redo a day each time). */
const FEED_FLEET_REFRESH_MS = 10_000;

function widen(
	a: { from: number; to: number } | null,
	b: { from: number; to: number } | null
): { from: number; to: number } | null {
	if (!a) return b;
	if (!b) return a;
	return { from: Math.min(a.from, b.from), to: Math.max(a.to, b.to) };
}

export interface IngestOptions {
	db?: RtcscopeDb;
	/** Cross-context import locks; default the Web Locks of this context (null: none). */
	locks?: ImportLocks | null;
	/**
	 * Helper lanes (import/lane.ts workerLane) that import a job's files beside this context: a
	 * folder of dumps on several cores. None: one file after the other, here.
	 */
	helpers?: ImportLane[];
}

/**
 * The whole surface the app calls in the ingest worker (through Comlink). The same object runs
 * in-process under Vitest. Everything here writes; the app reads through storage/queries.ts.
 *
 * Nothing throws for bad input: outcomes and progress say what happened. Calls that fail for
 * other reasons (storage unavailable) reject with an Error whose message is for the user.
 */
export function createIngestApi(options: IngestOptions = {}) {
	const db = options.db ?? openDb({ role: 'writer' });
	const active = new Set<string>();
	const locks = options.locks === undefined ? webImportLocks() : options.locks;
	const jobs = new Map<string, { controller: AbortController; siblings: JobSiblings }>();
	const lanes: [ImportLane, ...ImportLane[]] = [createImportLane(db, locks, active), ...(options.helpers ?? [])];
	/** Whether an import of this id runs here or in a helper of a job (removal refuses it). */
	const isImporting = (id: string) => active.has(id) || [...jobs.values()].some((job) => job.siblings.isClaimed(id));
	// Fleet roll-ups for feed data: at once for the first write, then at most every
	// FEED_FLEET_REFRESH_MS (a poll every few seconds would otherwise redo a day each time).
	let feedSpan: { from: number; to: number } | null = null;
	let feedRefresh: ReturnType<typeof setTimeout> | undefined;
	let lastFeedRefresh = -Infinity;
	const refreshFeedSpan = () => {
		const due = feedSpan;
		feedSpan = null;
		feedRefresh = undefined;
		lastFeedRefresh = Date.now();
		if (!due) return;
		// A feed's calls link the dumps imported before them, as a job's do.
		void (async () => {
			const span = widen(due, (await linkWaitingDumps(db, due)).span) ?? due;
			await refreshFleet(db, span.from, span.to);
		})().catch(() => undefined);
	};
	const feeds = new FeedManager(db, (span) => {
		feedSpan = widen(feedSpan, span);
		feedRefresh ??= setTimeout(refreshFeedSpan, Math.max(0, lastFeedRefresh + FEED_FLEET_REFRESH_MS - Date.now()));
	});

	async function runJob(
		jobId: string,
		inputs: Iterable<ImportInput>,
		onProgress?: (progress: ImportProgress) => void
	): Promise<ImportOutcome[]> {
		const controller = new AbortController();
		const siblings = new JobSiblings();
		jobs.set(jobId, { controller, siblings });
		let outcomes: ImportOutcome[] = [];
		try {
			// Each lane imports one file at a time (memory stays bounded by one window per lane);
			// the job's order and twins are kept by its siblings (import/siblings.ts).
			outcomes = await runPool(lanes, { jobId, inputs, signal: controller.signal, onProgress, siblings });
		} finally {
			jobs.delete(jobId);
			// Whatever was committed (a cancelled file rolls back, its span then finds nothing
			// new) is counted in the fleet views before the job reports done.
			let span = outcomes.reduce<{ from: number; to: number } | null>((all, o) => widen(all, o.span), null);
			// Dumps imported before their call's CDR link to it now (import/link-waiting.ts).
			const scope = jobLinkScope(outcomes);
			if (scope.span) span = widen(span, (await linkWaitingDumps(db, scope.span, scope.settled)).span);
			// A job of dumps only changes their rooms and their calls' (fleet/refresh-rooms.ts).
			if (span && dumpsOnly(outcomes)) await refreshRooms(db, outcomes.flatMap((o) => o.sessionKeys), span);
			else if (span) await refreshWithPool(lanes, span.from, span.to);
		}
		return outcomes;
	}

	return {
		/**
		 * Imports dropped files one after another. `jobId` is chosen by the caller so it can
		 * cancel; progress arrives at most every 100 ms per file.
		 */
		importFiles(
			jobId: string,
			inputs: ImportInput[],
			onProgress?: (progress: ImportProgress) => void
		) {
			return runJob(jobId, inputs, onProgress);
		},

		/** Stops a job: the file being read is rolled back, later files are not started. */
		cancel(jobId: string): void {
			jobs.get(jobId)?.controller.abort();
		},

		/** True while any import runs in this worker (the update prompt waits for it). */
		isBusy(): boolean {
			return jobs.size > 0;
		},

		/** Generates the deterministic demo dataset and imports it like a dropped file. */
		loadDemo(jobId: string, onProgress?: (progress: ImportProgress) => void) {
			const text = generateDemoCdr().toText();
			const file = MemoryFile.fromText(text);
			return runJob(jobId, [{ file, name: DEMO_FILE_NAME, demo: true }], onProgress);
		},

		/**
		 * The demo support case (demo/call-case.ts): an OpenVidu CDR and both participants'
		 * webrtc-internals dumps of one call with known impairments, imported as demo files.
		 */
		loadDemoCall(jobId: string, onProgress?: (progress: ImportProgress) => void) {
			const inputs = generateCallCase().files.map((f) => ({ file: MemoryFile.fromText(f.text), name: f.name, demo: true }));
			return runJob(jobId, inputs, onProgress);
		},

		/**
		 * Generates the demo fleet (90 days, two apps, ≥ 20,000 sessions and 100,000
		 * participants, a thousand dumps: demo/fleet.ts) and imports it file by file, CDR first.
		 */
		loadDemoFleet(
			jobId: string,
			onProgress?: (progress: ImportProgress) => void,
			options: Partial<FleetOptions> = {}
		) {
			function* inputs(): Generator<ImportInput> {
				for (const f of generateFleet(options)) {
					// Bytes in memory, not a File: no copy to the browser's blob store (memory-file.ts).
					const file = MemoryFile.fromText(f.text);
					yield { file, name: f.name, demo: true, app: f.app };
				}
			}
			return runJob(jobId, inputs(), onProgress);
		},

		/** Deletes an import and everything it wrote. */
		async removeImport(id: string): Promise<void> {
			if (isImporting(id)) throw new Error('This import is still running: cancel it first.');
			const span = await deleteImport(db, id as ImportId);
			if (span) await refreshFleet(db, span.from, span.to);
		},

		/** Several imports at once (the demo fleet is a thousand files), one fleet refresh. */
		async removeImports(ids: string[]): Promise<void> {
			let span: { from: number; to: number } | null = null;
			for (const id of ids) {
				if (isImporting(id)) throw new Error('An import is still running: cancel it first.');
				span = widen(span, await deleteImport(db, id as ImportId));
			}
			if (span) await refreshFleet(db, span.from, span.to);
		},

		/** Sets the app / project label of an import and recounts the fleet views for its days. */
		async setImportApp(id: string, app: string): Promise<string> {
			const label = normalizeApp(app);
			await db.imports.update(id, { app: label });
			const sessions = await db.sessions.where('importIds').equals(id).toArray();
			if (sessions.length > 0) {
				await refreshFleet(
					db,
					Math.min(...sessions.map((s) => s.firstAt)),
					Math.max(...sessions.map((s) => s.lastAt))
				);
			}
			return label;
		},

		/**
		 * Saves (or edits) a saved session. Rejects with a message for the user (no name, over
		 * three tags, the 1,000 limit).
		 */
		saveCase(input: CaseInput) {
			return saveCase(db, input);
		},

		deleteCases(ids: string[]) {
			return deleteCases(db, ids);
		},

		/**
		 * A case bundle of saved cases, sessions or a date range (gzip bytes, transferred rather
		 * than copied).
		 */
		async exportBundle(selection: BundleSelection) {
			const out = await exportBundle(db, selection);
			return Comlink.transfer({ bytes: out.bytes, name: out.name, header: out.header }, [
				out.bytes.buffer
			]);
		},

		/**
		 * Retention: removes every import whose data all ended more than `days` days before `now`,
		 * except imports that saved cases depend on. Returns what it removed and what it kept.
		 */
		async removeOlderThan(
			days: number,
			now = Date.now()
		): Promise<{ removed: string[]; keptForCases: string[] }> {
			if (!Number.isFinite(days) || days < 1)
				throw new Error('Retention needs a number of days, 1 or more.');
			const cutoff = now - days * 86_400_000;
			const kept = await importsKeptByCases(db);
			const removed: string[] = [];
			const keptForCases: string[] = [];
			let span: { from: number; to: number } | null = null;
			for (const record of await db.imports.toArray()) {
				if (isImporting(record.id)) continue;
				let newest = -Infinity;
				await db.sessions
					.where('importIds')
					.equals(record.id)
					.each((row) => {
						newest = Math.max(newest, row.lastAt);
					});
				const age = Number.isFinite(newest) ? newest : (record.finishedAt ?? record.startedAt);
				if (age >= cutoff) continue;
				if (kept.has(record.id)) {
					keptForCases.push(record.id);
					continue;
				}
				span = widen(span, await deleteImport(db, record.id));
				removed.push(record.id);
			}
			if (span) await refreshFleet(db, span.from, span.to);
			return { removed, keptForCases };
		},

		/** Saves Settings' Table 4-2 threshold overrides (an empty object restores the document's). */
		async saveThresholds(overrides: ThresholdOverrides): Promise<void> {
			await db.settings.put({ key: 'thresholds', value: overrides });
		},

		/**
		 * Builds the fleet tables when sessions exist without them (data imported by a build
		 * before the fleet views). Returns whether it rebuilt.
		 */
		async ensureFleet(): Promise<boolean> {
			if (!(await fleetNeedsRebuild(db))) return false;
			await refreshAllFleet(db);
			return true;
		},

		/**
		 * Links a dump session's quality streams to another session (or unlinks them with a null
		 * target), mapping each peer connection id to a connection of the target.
		 */
		async linkDumpSession(
			sourceKey: string,
			targetKey: string | null,
			participants: Record<string, string | null>
		): Promise<number> {
			const before = await getDumpLink(db, sourceKey as SessionKey);
			const changed = await linkDumpSession(
				db,
				sourceKey as SessionKey,
				targetKey as SessionKey | null,
				participants
			);
			// The dump leaves one room and joins another: recount the days of all three.
			const keys = [sourceKey, targetKey, before.targetKey].filter((k): k is string => !!k);
			const rows = (await db.sessions.bulkGet(keys)).filter((r) => r !== undefined);
			if (rows.length > 0) {
				await refreshFleet(
					db,
					Math.min(...rows.map((r) => r.firstAt)),
					Math.max(...rows.map((r) => r.lastAt))
				);
			}
			return changed;
		},

		/** Deletes every import, session and event. */
		async removeEverything(): Promise<void> {
			for (const job of jobs.values()) job.controller.abort();
			await deleteEverything(db);
		},

		/**
		 * Marks imports left `running` by a closed tab as `interrupted` (never shown as complete).
		 * Returns how many were marked.
		 */
		async recoverInterrupted(now = Date.now()): Promise<number> {
			const running = await db.imports.where('status').equals('running').toArray();
			let marked = 0;
			for (const r of running) {
				if (isImporting(r.id)) continue;
				// With Web Locks a free lock means its tab or worker is gone: interrupted now.
				const gone = locks ? !(await locks.held(r.id)) : now - r.heartbeatAt >= STALE_HEARTBEAT_MS;
				if (!gone) continue;
				await db.imports.update(r.id, { status: 'interrupted' });
				marked++;
			}
			return marked;
		},

		/** Answers at once: the page's watchdog asks while a job runs (ingest-client.ts). */
		ping(): true {
			return true;
		},

		/**
		 * Adds a live feed and starts it (Settings → Feeds). The credential stays in this
		 * worker's memory unless `remember`. Rejects with a message for the user.
		 */
		async addFeed(input: NewFeed): Promise<string> {
			return (await feeds.add(input)).id;
		},

		/** Gives a feed its credential (after a reload, or a refused one) and restarts it. */
		setFeedSecret(id: string, secret: string, remember: boolean) {
			if (!secret.trim()) throw new Error('Enter the credential.');
			return feeds.setSecret(id, secret.trim(), remember);
		},

		pauseFeed(id: string) {
			return feeds.pause(id);
		},

		resumeFeed(id: string) {
			return feeds.resume(id);
		},

		/** Stops a feed and forgets it and its credential; what it stored stays as an import. */
		removeFeed(id: string) {
			return feeds.remove(id);
		},

		/** After a page load: starts every enabled feed where it stopped. */
		resumeFeeds() {
			return feeds.resumeAll();
		},

		/** Benchmark halves: parse with no store; write prebuilt rows into a scratch store. */
		benchLimit,
		benchParse,
		benchWrite,
		benchSeries
	};
}

export type IngestApi = ReturnType<typeof createIngestApi>;
export type { ImportInput, ImportOutcome } from './import/pipeline.js';
export type { NewFeed } from './feeds/manager.js';
export type { ImportProgress, ImportPhase } from './import/progress.js';
export { createImportLane, workerLane, type ImportLane } from './import/lane.js';
export { openDb } from './storage/db.js';
export { webImportLocks } from './import/locks.js';

export { helperLaneCount, MAX_IMPORT_LANES } from './import/lane-count.js';
