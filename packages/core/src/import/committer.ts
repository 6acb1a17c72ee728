import type { ImportId } from '../model/ids.js';
import type { ImportRecord } from '../model/imports.js';
import type { RtcscopeDb } from '../storage/db.js';
import { commitWindow, type EndRows } from '../storage/writer.js';
import { storageFailureMessage } from './quota.js';
import type { ImportReport } from './report.js';
import type { WindowContents } from './window.js';

/**
 * Commits an import's windows in order, at most one in flight, each with the import's checkpoint
 * (storage/writer.ts commitWindow): the reader queues full windows with {@link offer} and calls
 * {@link commitReady} after each chunk of text, so parsing the next chunk overlaps the commit.
 * A window at or before `resumeAfter` was committed by an interrupted earlier run: it is counted,
 * not written again. A failed commit (storage full) stops the queue and is kept as
 * {@link storageFailure}, in words; it never rejects into the reader's loop.
 */
export class WindowCommitter {
	/** The message for a commit that failed (storage full), once one has. */
	storageFailure: string | null = null;
	/** First and last event (UTC ms) of the sessions committed by this run; null when none. */
	span: { from: number; to: number } | null = null;
	/** Keys of the sessions committed by this run (fleet/refresh-rooms.ts rebuilds their rooms). */
	readonly sessionKeys = new Set<string>();
	private readonly ready: WindowContents[] = [];
	private pending: Promise<void> | null = null;
	private error: unknown = null;

	/**
	 * @param bytesTotal the file's size, for the storage-full message's estimate.
	 * @param unstored the import record when it is not stored yet: the first commit puts it
	 *   (see {@link storeRecord} for writes outside a commit).
	 */
	constructor(
		private readonly db: RtcscopeDb | null,
		private readonly importId: ImportId,
		private readonly resumeAfter: number,
		private readonly report: ImportReport,
		private readonly bytesTotal: number,
		private unstored: ImportRecord | null = null
	) {}

	/** Changes the record not stored yet; false when it is stored (update it there). */
	patchUnstored(patch: Partial<ImportRecord>): boolean {
		if (!this.unstored) return false;
		Object.assign(this.unstored, patch);
		return true;
	}

	/** Stores the record now if no commit has (before a write that is not a window commit). */
	async storeRecord(): Promise<void> {
		if (!this.db || !this.unstored) return;
		await this.db.imports.put({ ...this.unstored, ...this.report.recordPatch(), heartbeatAt: this.report.now() });
		this.unstored = null;
	}

	/** True while a commit is in flight (the reader then parses in slices, yielding). */
	get busy(): boolean {
		return this.pending !== null;
	}

	/** Queues a full window. */
	offer(contents: WindowContents): void {
		this.ready.push(contents);
	}

	/** Starts the queued windows' commits one after another, until the queue is empty or one fails. */
	async commitReady(signal: AbortSignal | undefined): Promise<void> {
		while (this.ready.length > 0 && !this.storageFailure && !signal?.aborted) {
			await this.settle();
			if (this.storageFailure || signal?.aborted) break;
			const next = this.ready.shift() as WindowContents;
			this.pending = this.commit(next, false).catch((error: unknown) => {
				this.error ??= error;
			});
		}
	}

	/** Waits for the commit in flight, if any; a failure becomes {@link storageFailure}. */
	async settle(): Promise<void> {
		if (!this.pending) return;
		const t0 = this.report.now();
		await this.pending;
		this.pending = null;
		this.report.timings.writeWaitMs += this.report.now() - t0;
		if (this.error !== null && !this.storageFailure) {
			this.storageFailure = await storageFailureMessage(this.error, this.bytesTotal, this.report.bytesRead);
		}
	}

	/**
	 * Commits one window with the import record's counts and problems so far; the final one marks
	 * the import done and carries the file's last end-of-file rows (`end`). Rejects with the
	 * storage error.
	 */
	async commit(contents: WindowContents, isFinal: boolean, end?: EndRows): Promise<void> {
		const { db, report } = this;
		report.counts.stored += contents.events;
		if (!db || contents.seq <= this.resumeAfter) return;
		const patch: Partial<ImportRecord> = report.recordPatch();
		if (isFinal) {
			patch.status = 'done';
			patch.finishedAt = report.now();
		}
		const t0 = report.now();
		await commitWindow(
			db,
			{
				importId: this.importId,
				seq: contents.seq,
				blocks: contents.blocks,
				sessions: contents.sessions,
				patch,
				...(end ? { end } : {}),
				...(this.unstored ? { create: this.unstored } : {})
			},
			report.now()
		);
		this.unstored = null;
		for (const row of contents.sessions) {
			this.sessionKeys.add(row.key);
			this.span = {
				from: Math.min(this.span?.from ?? row.firstAt, row.firstAt),
				to: Math.max(this.span?.to ?? row.lastAt, row.lastAt)
			};
		}
		report.timings.writeMs += report.now() - t0;
	}
}
