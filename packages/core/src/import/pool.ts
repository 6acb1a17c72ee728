import { fleetChunks } from '../fleet/refresh.js';
import { LaneStoppedError, type ImportLane } from './lane.js';
import type { ImportInput, ImportOutcome } from './pipeline.js';
import type { ImportProgress } from './progress.js';
import { ImportReport } from './report.js';
import { JobSiblings } from './siblings.js';

/**
 * A job's files on a small pool of importers (issue 14: a folder of dumps on both cores). Each
 * lane takes the next file as soon as it is free; the files' order and twins are kept by
 * {@link JobSiblings} (siblings.ts), so the store ends as it would one file after the other.
 * Lane 0 is the calling context and never fails for lack of a worker; a helper that could not
 * start hands its file to lane 0 and takes no more.
 */
export interface PoolJob {
	jobId: string;
	inputs: Iterable<ImportInput>;
	signal: AbortSignal;
	onProgress?: ((progress: ImportProgress) => void) | undefined;
	siblings: JobSiblings;
}

/** @returns one outcome per file started, in the job's order (files after a cancel are not started). */
export async function runPool(lanes: readonly [ImportLane, ...ImportLane[]], job: PoolJob): Promise<ImportOutcome[]> {
	const { jobId, signal, onProgress, siblings } = job;
	const iterator = job.inputs[Symbol.iterator]();
	const outcomes: ImportOutcome[] = [];
	let next = 0;
	const local = lanes[0];
	const onAbort = () => {
		for (const lane of lanes) lane.cancel(jobId);
	};
	signal.addEventListener('abort', onAbort);
	const work = async (lane: ImportLane) => {
		for (;;) {
			if (signal.aborted) return;
			const item = iterator.next();
			if (item.done) return;
			const index = next++;
			const input = item.value;
			const run = (on: ImportLane) => on.importFile(jobId, input, index, siblings.forFile(index), onProgress);
			try {
				outcomes[index] = await run(lane);
			} catch (error) {
				if (error instanceof LaneStoppedError && error.neverStarted && lane !== local) {
					outcomes[index] = await run(local).catch((e: unknown) => stopped(input, index, e, onProgress));
					return;
				}
				outcomes[index] = stopped(input, index, error, onProgress);
			} finally {
				siblings.finished(index);
			}
		}
	};
	try {
		await Promise.all(lanes.map(work));
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
	return outcomes.filter((o): o is ImportOutcome => o !== undefined);
}

/**
 * Rebuilds the fleet rows of [fromAt, toAt] with the pool: each lane takes the next seven-day
 * pass (fleet/refresh.ts fleetChunks; the passes are independent). A pass whose helper stopped
 * is done by lane 0.
 */
export async function refreshWithPool(lanes: readonly [ImportLane, ...ImportLane[]], fromAt: number, toAt: number): Promise<void> {
	const chunks = fleetChunks(fromAt, toAt);
	let next = 0;
	const local = lanes[0];
	await Promise.all(
		lanes.map(async (lane) => {
			while (next < chunks.length) {
				const chunk = chunks[next++] as { from: number; to: number };
				try {
					await lane.refreshFleet(chunk.from, chunk.to);
				} catch (error) {
					if (lane === local) throw error;
					await local.refreshFleet(chunk.from, chunk.to);
					return;
				}
			}
		})
	);
}

/** The outcome of a file whose worker stopped under it: failed, resumable from what it committed. */
function stopped(input: ImportInput, index: number, error: unknown, onProgress: PoolJob['onProgress']): ImportOutcome {
	const report = new ImportReport(input.name, input.file.size, index, onProgress, Date.now);
	report.message = `${error instanceof Error ? error.message : String(error)} What it had committed is kept; drop the file again to resume it.`;
	return { kind: 'failed', importId: '', progress: report.finish('failed'), timings: report.timings, span: null, sessionKeys: [] };
}
