import type { ImportCounts } from '../model/imports.js';
import type { Problem } from '../model/problems.js';

/**
 * Where one file's import stands. Sent to the UI at most every PROGRESS_INTERVAL_MS and once at
 * the end; plain data so it crosses the worker boundary by structured clone.
 */
export type ImportPhase =
	| 'queued'
	| 'fingerprint'
	| 'reading'
	| 'finishing'
	| 'done'
	| 'failed'
	| 'duplicate'
	| 'busy'
	| 'cancelled';

/** Whether a file's import has ended in `phase` (whatever the outcome): nothing more will come for it. */
export function isFinalPhase(phase: ImportPhase | string | undefined): boolean {
	return phase === 'done' || phase === 'failed' || phase === 'duplicate' || phase === 'busy' || phase === 'cancelled';
}

export interface ImportProgress {
	/** Index of the file in the call that imports it, so the UI can match progress to a row. */
	index: number;
	importId: string | null;
	name: string;
	phase: ImportPhase;
	format: string | null;
	/** Bytes of the file read so far (compressed bytes for .gz) and its size. */
	bytesRead: number;
	bytesTotal: number;
	lines: number;
	records: number;
	/** Records parsed per second since the import started. */
	recordsPerSec: number;
	elapsedMs: number;
	counts: ImportCounts;
	/** The first problems found (the import record keeps up to 500). */
	problems: Problem[];
	problemsOmitted: number;
	/** A sentence for the user when the phase needs one (failed, duplicate, busy, cancelled). */
	message?: string;
	/** When done: the first sessions the file made or added to (session keys), so the UI can link to them. */
	sessionKeys?: string[];
}

/** How many session keys the final progress carries. */
export const PROGRESS_SESSION_KEYS = 5;

export const PROGRESS_INTERVAL_MS = 100;
export const PROGRESS_PROBLEMS = 20;

/** Time spent where, for the benchmark (ms). */
export interface ImportTimings {
	totalMs: number;
	/** Time the reader waited for a previous window's commit (writes not hidden behind parsing). */
	writeWaitMs: number;
	/** Time inside commit transactions, summed (they overlap parsing). */
	writeMs: number;
	/** Before reading: fingerprint, the check for an earlier copy, the import record. */
	prepareMs: number;
	/** Writing quality streams (after parsing; includes finding the session to link to). */
	streamsMs: number;
}
