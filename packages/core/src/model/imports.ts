import type { ImportId } from './ids.js';
import type { Problem } from './problems.js';

/**
 * One imported file (or, later, feed). Its `status` is what keeps half-written data from being
 * shown as complete: only `done` means every window of the file was committed.
 *
 * - `running`: the worker is writing it (or the tab closed while it did: see `heartbeatAt`);
 * - `done`: every line was read and every window committed;
 * - `failed`: stopped by an error (storage full, unreadable file); committed windows remain,
 *   dropping the same file again resumes after the last committed window;
 * - `interrupted`: a `running` import whose worker is gone (tab closed) — resumable like `failed`.
 *
 * Persisted: renaming a status needs a storage migration.
 */
export type ImportStatus = 'running' | 'done' | 'failed' | 'interrupted';

export interface ImportCounts {
	/** Lines read from the (decompressed) file, empty lines included. */
	lines: number;
	/** Records the parser recognised (one per non-empty valid line). */
	records: number;
	/** Events written to the store (records can be skipped as duplicates or errors). */
	stored: number;
	sessions: number;
	/** Quality streams derived from WebRTC stats, and their samples. */
	streams: number;
	points: number;
	/** Dump forensics: stats objects and the fields they hold (every one the dump has). Absent before 2026-12. */
	statsObjects?: number;
	statsFields?: number;
	errors: number;
	warnings: number;
}

export interface ImportRecord {
	id: ImportId;
	/** File name as dropped (with its folder path when a folder was dropped). */
	name: string;
	/** Detected format id, or null when detection failed. */
	format: string | null;
	/** File size on disk in bytes (compressed size for .gz). */
	bytes: number;
	gzip: boolean;
	/** True for the generated demo dataset: the UI marks it and offers to remove it. */
	demo: boolean;
	/**
	 * The app / project its sessions count under in the fleet views (SparkRTC "app ID"), chosen
	 * when importing and editable later. Absent on imports written before 2026-11-23: "default".
	 */
	app?: string;
	status: ImportStatus;
	startedAt: number;
	finishedAt: number | null;
	/** Last time the importing worker committed a window; a stale `running` import is interrupted. */
	heartbeatAt: number;
	counts: ImportCounts;
	problems: Problem[];
	/** Problems found but not kept (over MAX_PROBLEMS_KEPT). */
	problemsOmitted: number;
	/** Index of the last committed window; -1 when none. Resuming skips windows up to it. */
	committedWindow: number;
	/** Why it failed, in a sentence for the user. */
	failure?: string;
	/**
	 * The fingerprint of the decoded content (import/content-id.ts): the id itself for a plain
	 * file, the digest of the decompressed bytes for a gzipped one (set when it finishes). Absent
	 * on imports written before 2026-12-01.
	 */
	contentId?: string;
}

export function emptyCounts(): ImportCounts {
	return {
		lines: 0,
		records: 0,
		stored: 0,
		sessions: 0,
		streams: 0,
		points: 0,
		errors: 0,
		warnings: 0
	};
}

/** The app label of an import that names none (the fleet views count its sessions under it). */
export const DEFAULT_APP = 'default';

/** An import's app label as stored: trimmed, at most 60 characters, {@link DEFAULT_APP} when empty or "*". */
export function normalizeApp(app: string | null | undefined): string {
	const text = app?.trim().slice(0, 60);
	return text && text !== '*' ? text : DEFAULT_APP;
}
