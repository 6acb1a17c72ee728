import * as Comlink from 'comlink';
import { refreshFleet } from '../fleet/refresh.js';
import { BlockCache } from '../storage/blocks.js';
import type { RtcscopeDb } from '../storage/db.js';
import type { ImportLocks } from './locks.js';
import { importFile, type ImportInput, type ImportOutcome } from './pipeline.js';
import type { ImportProgress } from './progress.js';
import type { ImportSiblings } from './siblings.js';
import { reviveImportBytes } from './memory-file.js';

/**
 * One importer of a job's pool (pool.ts): the ingest worker itself, or a helper worker of its own
 * with its own connection to the same database. Every method is plain data in and out, so the
 * same object serves in process and behind Comlink (`import.worker.ts` exposes one).
 */
export interface ImportLane {
	/** Imports one file of job `jobId` (pipeline.ts importFile); `index` is its place in the job. */
	importFile(
		jobId: string,
		input: ImportInput,
		index: number,
		siblings: ImportSiblings,
		onProgress?: (progress: ImportProgress) => void
	): Promise<ImportOutcome>;
	/** Rebuilds the fleet rows of the days in [fromAt, toAt] (UTC ms; fleet/refresh.ts). */
	refreshFleet(fromAt: number, toAt: number): Promise<void>;
	/** Stops this lane's file of the job (it rolls back, as a cancelled import does). */
	cancel(jobId: string): void;
}

/** Parsed event blocks a lane keeps for linking dumps, and for how long after its last file. */
const LINK_BLOCKS_KEPT = 4;
const LINK_BLOCKS_IDLE_MS = 5_000;

/**
 * The lane that imports in this context. `active` are the import ids this context imports right
 * now (a second copy is refused as busy); `locks` the cross-context import locks (locks.ts).
 */
export function createImportLane(db: RtcscopeDb, locks: ImportLocks | null, active: Set<string> = new Set()): ImportLane {
	const jobs = new Map<string, { controller: AbortController; files: number }>();
	// Parsed blocks for linking dumps, kept from one file to the next and dropped once the lane
	// has been idle a few seconds (a parsed CDR block is megabytes).
	let blocks: BlockCache | null = null;
	let dropBlocks: ReturnType<typeof setTimeout> | undefined;
	return {
		async importFile(jobId, input, index, siblings, onProgress) {
			const job = jobs.get(jobId) ?? { controller: new AbortController(), files: 0 };
			jobs.set(jobId, job);
			job.files++;
			clearTimeout(dropBlocks);
			blocks ??= new BlockCache(db, LINK_BLOCKS_KEPT);
			try {
				// A helper receives a MemoryFile as its plain bytes (memory-file.ts).
				const file = reviveImportBytes(input.file);
				return await importFile(file === input.file ? input : { ...input, file }, { db, index, signal: job.controller.signal, onProgress, active, locks, siblings, blocks });
			} finally {
				if (--job.files === 0) jobs.delete(jobId);
				dropBlocks = setTimeout(() => {
					blocks = null;
				}, LINK_BLOCKS_IDLE_MS);
				// Under Node (the ingest command) the timer must not keep the process alive.
				(dropBlocks as { unref?: () => void }).unref?.();
			}
		},
		async refreshFleet(fromAt, toAt) {
			await refreshFleet(db, fromAt, toAt);
		},
		cancel(jobId) {
			jobs.get(jobId)?.controller.abort();
		}
	};
}

/** A helper worker's lane stopped (it threw outside a call, or could not start). */
export class LaneStoppedError extends Error {
	constructor(
		reason: string,
		/** True when the worker never answered: the lane is unusable here (the file goes to another). */
		readonly neverStarted: boolean
	) {
		super(`The import helper worker stopped (${reason}).`);
		this.name = 'LaneStoppedError';
	}
}

/** What a helper worker must offer (a DOM `Worker`). */
export interface LaneWorker extends Comlink.Endpoint {
	terminate(): void;
}

/**
 * The lane of a helper worker, started by `spawn` on its first call (a one-file job never starts
 * one). A worker that reports an error event is terminated: its calls reject with
 * {@link LaneStoppedError} and the next call starts a fresh worker. The import it was writing
 * stays `running` and its lock is freed with the worker, so it is resumed like an interrupted one.
 */
export function workerLane(spawn: () => LaneWorker): ImportLane {
	let worker: LaneWorker | null = null;
	let remote: Comlink.Remote<ImportLane> | null = null;
	let answered = false;
	const inFlight = new Set<(error: Error) => void>();
	const stop = (reason: string) => {
		const error = new LaneStoppedError(reason, !answered);
		remote?.[Comlink.releaseProxy]();
		worker?.terminate();
		worker = null;
		remote = null;
		for (const reject of [...inFlight]) reject(error);
		inFlight.clear();
	};
	const call = <T>(work: (lane: Comlink.Remote<ImportLane>) => Promise<T>): Promise<T> => {
		if (!remote) {
			const started = spawn();
			started.addEventListener('error', (event) => {
				if (worker === started) stop((event as { message?: string }).message || 'an error it did not catch');
			});
			worker = started;
			remote = Comlink.wrap<ImportLane>(started);
			answered = false;
		}
		const lane = remote;
		return new Promise<T>((resolve, reject) => {
			inFlight.add(reject);
			work(lane).then(
				(value) => {
					answered = true;
					inFlight.delete(reject);
					resolve(value);
				},
				(error: unknown) => {
					answered = true;
					inFlight.delete(reject);
					reject(error instanceof Error ? error : new Error(String(error)));
				}
			);
		});
	};
	return {
		importFile: (jobId, input, index, siblings, onProgress) =>
			// A fresh function: `onProgress` may itself be a Comlink proxy (to the page), which
			// Comlink.proxy would mark by setting a property on it, i.e. through the page.
			call((lane) => lane.importFile(jobId, input, index, Comlink.proxy(siblings), onProgress ? Comlink.proxy((p: ImportProgress) => onProgress(p)) : undefined)),
		refreshFleet: (fromAt, toAt) => call((lane) => lane.refreshFleet(fromAt, toAt)),
		cancel: (jobId) => {
			void remote?.cancel(jobId);
		}
	};
}
