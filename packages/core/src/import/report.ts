import type { FormatModule } from '../formats/types.js';
import type { ImportId } from '../model/ids.js';
import { emptyCounts, type ImportCounts, type ImportRecord } from '../model/imports.js';
import { ProblemLog } from '../model/problems.js';
import {
	PROGRESS_INTERVAL_MS,
	PROGRESS_PROBLEMS,
	PROGRESS_SESSION_KEYS,
	type ImportPhase,
	type ImportProgress,
	type ImportTimings
} from './progress.js';

/**
 * What one import run knows about itself and tells its caller: phase, counts, problems, bytes
 * read and the sessions it touched, as {@link ImportProgress} snapshots at most every
 * PROGRESS_INTERVAL_MS (and at every phase change), and the import record's counts at each commit.
 * The pipeline (pipeline.ts) owns the run; this only keeps and reports its figures.
 */
export class ImportReport {
	readonly problems = new ProblemLog();
	readonly counts: ImportCounts = emptyCounts();
	/** Session keys the file's records belong to (the count shown, and the list when done). */
	readonly sessionKeys = new Set<string>();
	readonly timings: ImportTimings = { totalMs: 0, writeWaitMs: 0, writeMs: 0, prepareMs: 0, streamsMs: 0 };
	phase: ImportPhase = 'fingerprint';
	format: FormatModule | null = null;
	bytesRead = 0;
	message: string | undefined;
	id: ImportId | null = null;
	private lastEmit = 0;
	readonly started: number;

	/**
	 * @param name the file's name as shown; @param bytesTotal its size in bytes;
	 * @param index its place in the dropped batch; @param now clock in ms.
	 */
	constructor(
		private readonly name: string,
		private readonly bytesTotal: number,
		private readonly index: number,
		private readonly onProgress: ((progress: ImportProgress) => void) | undefined,
		readonly now: () => number
	) {
		this.started = now();
	}

	/** The counts as the import record stores them (errors, warnings and sessions filled in). */
	recordCounts(): ImportCounts {
		return {
			...this.counts,
			errors: this.problems.errors,
			warnings: this.problems.warnings,
			sessions: this.sessionKeys.size
		};
	}

	/** The import record's fields that follow the run: counts, problems kept, format. */
	recordPatch(): Partial<ImportRecord> {
		return {
			counts: this.recordCounts(),
			problems: this.problems.kept.slice(),
			problemsOmitted: this.problems.omitted,
			format: this.format?.id ?? null
		};
	}

	progress(): ImportProgress {
		const elapsedMs = this.now() - this.started;
		const { counts, problems, sessionKeys } = this;
		counts.errors = problems.errors;
		counts.warnings = problems.warnings;
		counts.sessions = sessionKeys.size;
		return {
			index: this.index,
			importId: this.id,
			name: this.name,
			phase: this.phase,
			format: this.format?.id ?? null,
			bytesRead: this.bytesRead,
			bytesTotal: this.bytesTotal,
			lines: counts.lines,
			records: counts.records,
			recordsPerSec: elapsedMs > 0 ? (counts.records * 1000) / elapsedMs : 0,
			elapsedMs,
			counts: { ...counts },
			problems: problems.kept.slice(0, PROGRESS_PROBLEMS),
			problemsOmitted: problems.omitted + Math.max(0, problems.kept.length - PROGRESS_PROBLEMS),
			...(this.message ? { message: this.message } : {}),
			...(this.phase === 'done' && sessionKeys.size > 0 ? { sessionKeys: [...sessionKeys].slice(0, PROGRESS_SESSION_KEYS) } : {})
		};
	}

	/** Reports progress unless the last report is younger than PROGRESS_INTERVAL_MS. */
	emit(force = false): void {
		const t = this.now();
		if (!force && t - this.lastEmit < PROGRESS_INTERVAL_MS) return;
		this.lastEmit = t;
		this.onProgress?.(this.progress());
	}

	/** Ends the run in `phase`: the total time is taken and the last progress reported. */
	finish(phase: ImportPhase): ImportProgress {
		this.phase = phase;
		this.timings.totalMs = this.now() - this.started;
		const p = this.progress();
		this.onProgress?.(p);
		return p;
	}
}
