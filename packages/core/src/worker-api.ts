import { DEMO_FILE_NAME, generateDemoCdr } from './demo/index.js';
import {
	importFile,
	STALE_HEARTBEAT_MS,
	type ImportInput,
	type ImportOutcome
} from './import/pipeline.js';
import type { ImportProgress } from './import/progress.js';
import type { ImportId } from './model/ids.js';
import { openDb, type RtcscopeDb } from './storage/db.js';
import { deleteEverything, deleteImport, linkDumpSession } from './storage/writer.js';
import type { SessionKey } from './model/ids.js';
import { benchParse, benchSeries, benchWrite } from './bench-api.js';

/**
 * The whole surface the app calls in the ingest worker (through Comlink). The same object runs
 * in-process under Vitest. Everything here writes; the app reads through storage/queries.ts.
 *
 * Nothing throws for bad input: outcomes and progress say what happened. Calls that fail for
 * other reasons (storage unavailable) reject with an Error whose message is for the user.
 */
export function createIngestApi(options: { db?: RtcscopeDb } = {}) {
	const db = options.db ?? openDb({ role: 'writer' });
	const active = new Set<string>();
	const jobs = new Map<string, AbortController>();

	async function runJob(
		jobId: string,
		inputs: ImportInput[],
		onProgress?: (progress: ImportProgress) => void
	): Promise<ImportOutcome[]> {
		const controller = new AbortController();
		jobs.set(jobId, controller);
		const outcomes: ImportOutcome[] = [];
		try {
			// One file at a time: memory stays bounded by one window, and writes stay ordered.
			for (const [index, input] of inputs.entries()) {
				if (controller.signal.aborted) break;
				outcomes.push(
					await importFile(input, { db, index, signal: controller.signal, onProgress, active })
				);
			}
		} finally {
			jobs.delete(jobId);
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
			jobs.get(jobId)?.abort();
		},

		/** True while any import runs in this worker (the update prompt waits for it). */
		isBusy(): boolean {
			return jobs.size > 0;
		},

		/** Generates the deterministic demo dataset and imports it like a dropped file. */
		loadDemo(jobId: string, onProgress?: (progress: ImportProgress) => void) {
			const text = generateDemoCdr().toText();
			const file = new File([text], DEMO_FILE_NAME, { type: 'application/x-ndjson' });
			return runJob(jobId, [{ file, name: DEMO_FILE_NAME, demo: true }], onProgress);
		},

		/** Deletes an import and everything it wrote. */
		async removeImport(id: string): Promise<void> {
			if (active.has(id)) throw new Error('This import is still running: cancel it first.');
			await deleteImport(db, id as ImportId);
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
			return linkDumpSession(
				db,
				sourceKey as SessionKey,
				targetKey as SessionKey | null,
				participants
			);
		},

		/** Deletes every import, session and event. */
		async removeEverything(): Promise<void> {
			for (const controller of jobs.values()) controller.abort();
			await deleteEverything(db);
		},

		/**
		 * Marks imports left `running` by a closed tab as `interrupted` (never shown as complete).
		 * Returns how many were marked.
		 */
		async recoverInterrupted(now = Date.now()): Promise<number> {
			const running = await db.imports.where('status').equals('running').toArray();
			const stale = running.filter(
				(r) => !active.has(r.id) && now - r.heartbeatAt >= STALE_HEARTBEAT_MS
			);
			for (const r of stale) await db.imports.update(r.id, { status: 'interrupted' });
			return stale.length;
		},

		/** Benchmark halves: parse with no store; write prebuilt rows into a scratch store. */
		benchParse,
		benchWrite,
		benchSeries
	};
}

export type IngestApi = ReturnType<typeof createIngestApi>;
export type { ImportInput, ImportOutcome } from './import/pipeline.js';
export type { ImportProgress, ImportPhase } from './import/progress.js';
