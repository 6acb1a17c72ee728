import { createCdrParser, type CdrLineParser } from '../formats/openvidu-cdr/index.js';
import type { ImportId } from '../model/ids.js';
import type { ImportRecord } from '../model/imports.js';
import { ProblemLog, type Problem } from '../model/problems.js';
import type { FeedCursor } from '../model/feeds.js';
import type { RtcscopeDb } from '../storage/db.js';
import { commitWindow } from '../storage/writer.js';
import { WindowBuffer } from '../import/window.js';

/**
 * Appends CDR lines from a feed (OpenVidu REST diffs, a tailed CDR file) to the feed's import:
 * the same parser and the same windowed, atomic commit as a dropped file (storage/writer.ts),
 * one window per call, so a poll's events are either all stored or none.
 */
export class CdrAppender {
	private readonly parser: CdrLineParser = createCdrParser();

	constructor(
		private readonly db: RtcscopeDb,
		private readonly importId: ImportId,
		/** The feed's import record, for when it does not exist yet (feeds/import-record.ts). */
		private readonly newRecord: (now: number) => ImportRecord
	) {}

	/**
	 * Parses and commits lines as window `seq`.
	 * @returns records parsed, problems found (with the given line numbers), the span of event
	 *   times written (UTC ms) for the fleet refresh, or null when nothing was written.
	 * @throws the storage error of a failed commit (nothing of the window is stored then)
	 */
	async append(
		lines: { text: string; lineNo: number }[],
		seq: number,
		now: number,
		/** The feed's cursor once these lines are stored: written in the same transaction. */
		feedCursor?: { feedId: string; cursor: FeedCursor }
	): Promise<{ records: number; problems: Problem[]; span: { from: number; to: number } | null }> {
		const problems = new ProblemLog();
		const window = new WindowBuffer(
			this.importId,
			Number.MAX_SAFE_INTEGER,
			Number.MAX_SAFE_INTEGER,
			undefined,
			seq
		);
		let records = 0;
		for (const { text, lineNo } of lines) {
			if (!text.trim()) continue;
			const parsed = this.parser.parse(text, lineNo, problems, false);
			for (const record of Array.isArray(parsed) ? parsed : parsed ? [parsed] : []) {
				window.add(record);
				records++;
			}
		}
		if (records === 0) {
			// Nothing to store (blank or bad lines only): the cursor still moves past them.
			if (feedCursor) await this.db.feeds.update(feedCursor.feedId, { cursor: feedCursor.cursor });
			return { records, problems: problems.kept, span: null };
		}
		const record = await this.ensureImport(now);
		const contents = window.take();
		const counts = { ...record.counts };
		counts.lines += lines.length;
		counts.records += records;
		counts.stored += contents.events;
		counts.errors += problems.errors;
		counts.warnings += problems.warnings;
		await commitWindow(
			this.db,
			{
				importId: this.importId,
				seq,
				blocks: contents.blocks,
				sessions: contents.sessions,
				patch: {
					counts,
					status: 'done',
					finishedAt: now,
					problems: [...record.problems, ...problems.kept].slice(-200)
				},
				...(feedCursor ? { feedCursor } : {})
			},
			now
		);
		let from = Infinity;
		let to = -Infinity;
		for (const row of contents.sessions) {
			from = Math.min(from, row.firstAt);
			to = Math.max(to, row.lastAt);
		}
		return {
			records,
			problems: problems.kept,
			span: contents.sessions.length > 0 ? { from, to } : null
		};
	}

	/** The feed's import record, created on first write (and again if the user removed it). */
	private async ensureImport(now: number): Promise<ImportRecord> {
		const existing = await this.db.imports.get(this.importId);
		if (existing) return existing;
		const record = this.newRecord(now);
		await this.db.imports.put(record);
		return record;
	}
}
