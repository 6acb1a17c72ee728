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
 * PROGRESS_INTERVAL_MS, and the import record's counts at each commit. A phase change inside the
 * interval (the run's start too) is reported at its end, with the state then, or by the final report
 * if the run ends first: a dump imports in ~25 ms, and its start, "finishing" and "done" were three messages, each
 * crossing from a helper worker to the ingest worker and on to the page (bench
 * `PROFILE_CALLERS=postMessage` on a folder of 1,067 dumps); now they are one.
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
	/** When the last report went (the run's start: its first report waits an interval too). */
	private lastEmit: number;
	/** A phase change waiting for the end of the interval. */
	private held: ReturnType<typeof setTimeout> | undefined;
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
		this.lastEmit = this.started;
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

	/**
	 * Reports progress unless the last report is younger than PROGRESS_INTERVAL_MS; `force` (a
	 * phase change) is then reported when the interval ends.
	 */
	emit(force = false): void {
		const wait = PROGRESS_INTERVAL_MS - (this.now() - this.lastEmit);
		if (wait <= 0) {
			this.send();
			return;
		}
		if (!force || this.held !== undefined) return;
		this.held = setTimeout(() => this.send(), wait);
		// Under Node (the ingest command) a held report must not keep the process alive.
		(this.held as { unref?: () => void }).unref?.();
	}

	private send(): void {
		clearTimeout(this.held);
		this.held = undefined;
		this.lastEmit = this.now();
		this.onProgress?.(this.progress());
	}

	/** Ends the run in `phase`: the total time is taken and the last progress reported. */
	finish(phase: ImportPhase): ImportProgress {
		clearTimeout(this.held);
		this.held = undefined;
		this.phase = phase;
		this.timings.totalMs = this.now() - this.started;
		const p = this.progress();
		this.onProgress?.(p);
		return p;
	}
}
