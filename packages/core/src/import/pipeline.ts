import type { FormatModule, ParseSink } from '../formats/types.js';
import type { ImportId } from '../model/ids.js';
import type { ImportRecord } from '../model/imports.js';
import { PROBLEM_CODES, type ProblemLog } from '../model/problems.js';
import type { BlockCache } from '../storage/blocks.js';
import type { RtcscopeDb } from '../storage/db.js';
import { commitEndRows, deleteImport, putImport, updateImport } from '../storage/writer.js';
import { yieldToEventLoop } from '../util/yield.js';
import { WindowCommitter } from './committer.js';
import { decodeText, isGzip } from './decode.js';
import { DecodedEdges } from './content-id.js';
import type { ImportLocks } from './locks.js';
import { EDGE_BYTES, fingerprint } from './fingerprint.js';
import type { ImportProgress, ImportTimings } from './progress.js';
import { storageFailureMessage } from './quota.js';
import { ImportReport } from './report.js';
import { alreadyImported, priorAndTwin, sameContent } from './same-content.js';
import { EndOutputs } from './end-outputs.js';
import { SNIFF_CHARS } from './sniff.js';
import { startReader, type Reader } from './reader.js';
import { WindowBuffer } from './window.js';
import { orderClassOf, type ImportSiblings } from './siblings.js';

/**
 * Imports one file: fingerprint → detect → stream lines → parse → windows → batched writes.
 * Never throws for bad input; the outcome and the import record say what happened.
 */

export interface ImportInput {
	file: Blob;
	/** File name, with its folder path when a folder was dropped. */
	name: string;
	demo?: boolean;
	/** The app / project label its sessions count under in the fleet views (default "default"). */
	app?: string;
}

export interface ImportOptions {
	/** null: parse only, write nothing (benchmark "parse-only"). */
	db: RtcscopeDb | null;
	index?: number;
	signal?: AbortSignal;
	onProgress?: (progress: ImportProgress) => void;
	now?: () => number;
	/** Import ids being imported by this worker right now (to refuse a second copy). */
	active?: Set<string>;
	/**
	 * Cross-context import locks (locks.ts). With them, a `running` import whose lock is free is
	 * resumed at once (its tab or worker is gone); without, only once its heartbeat is stale.
	 */
	locks?: ImportLocks | null;
	/**
	 * The other files of a job imported on several workers at once (pool.ts): a twin waits for
	 * its claim, and a dump waits for the sessions before it (siblings.ts). Absent: one by one.
	 */
	siblings?: ImportSiblings;
	/** Parsed event blocks kept across a job's files (dumps link to neighbouring calls' sessions). */
	blocks?: BlockCache;
	/** Overrides for tests: smaller windows exercise window boundaries. */
	windowMaxLines?: number;
	windowMaxChars?: number;
}

/** Trimmed, at most 60 characters, "default" when empty. */
export function normalizeApp(app: string | null | undefined): string {
	const text = app?.trim().slice(0, 60);
	return text && text !== '*' ? text : DEFAULT_APP;
}

export const DEFAULT_APP = 'default';

export type ImportOutcomeKind = 'done' | 'failed' | 'duplicate' | 'busy' | 'cancelled';

export interface ImportOutcome {
	kind: ImportOutcomeKind;
	importId: string;
	progress: ImportProgress;
	timings: ImportTimings;
	/**
	 * First and last event time (UTC ms) of the sessions this run wrote, or null when it wrote
	 * none: the days whose fleet roll-ups need a refresh (storage/fleet.ts).
	 */
	span: { from: number; to: number } | null;
}

/** While a commit is in flight, the parser yields to the event loop after this many characters. */
const PARSE_SLICE_CHARS = 128 * 1024;

/** A `running` import whose worker has not committed for this long is taken as interrupted. */
export const STALE_HEARTBEAT_MS = 30_000;

export async function importFile(
	input: ImportInput,
	options: ImportOptions
): Promise<ImportOutcome> {
	const { db, signal } = options;
	const report = new ImportReport(input.name, input.file.size, options.index ?? 0, options.onProgress, options.now ?? Date.now);
	const { timings } = report;
	let committer: WindowCommitter | null = null;
	const finish = (kind: ImportOutcomeKind): ImportOutcome => ({
		kind,
		importId: report.id ?? '',
		progress: report.finish(kind),
		timings,
		span: committer?.span ?? null
	});

	report.emit(true);
	// A small file's (a typical dump's) fingerprint and gzip magic come from one read of it (each
	// Blob read is a round trip to the browser's blob store); its text is streamed as any file's.
	const whole = input.file.size <= EDGE_BYTES ? new Uint8Array(await input.file.arrayBuffer()) : null;
	const importId = (await fingerprint(input.file, whole ?? undefined)) as ImportId;
	report.id = importId;
	if (db) await options.siblings?.claim(importId);
	const { prior, twin } = db ? await priorAndTwin(db, importId) : { prior: undefined, twin: undefined };
	if (twin) {
		report.message = alreadyImported(twin, twin.id !== importId);
		return finish('duplicate');
	}
	const release = options.locks && !options.active?.has(importId) ? await options.locks.acquire(importId) : undefined;
	if (
		options.active?.has(importId) ||
		release === null ||
		(!options.locks && prior?.status === 'running' && report.now() - prior.heartbeatAt < STALE_HEARTBEAT_MS)
	) {
		report.message = 'This file is being imported right now (in this tab or another one).';
		return finish('busy');
	}
	const resumeAfter = prior ? prior.committedWindow : -1;
	options.active?.add(importId);
	try {
		const record = await startRecord(input, whole, importId, prior, report);
		const edges = record.gzip ? new DecodedEdges() : null;
		// A small new file (read whole, a typical dump) puts its record with its first commit,
		// often its only one: a transaction less per file, and nothing of it is visible before
		// its rows are (a tab closed before then leaves nothing, as a cancel does). Any other
		// file's record is stored first, so an interrupted import is found and resumable.
		const deferRecord = db !== null && whole !== null && !prior;
		if (db && !deferRecord) await putImport(db, record);
		timings.prepareMs = report.now() - report.started;

		const window = new WindowBuffer(importId, options.windowMaxLines, options.windowMaxChars);
		const commits = new WindowCommitter(db, importId, resumeAfter, report, input.file.size, deferRecord ? record : null);
		committer = commits;
		const outputs = new EndOutputs(
			() => report.counts.records++,
			(key) => report.sessionKeys.add(key)
		);
		// Windows are cut at line boundaries as lines arrive (the cut never depends on how the
		// browser chunks the file), and after each record of a document format (no lines).
		const cut = () => {
			if (window.full) commits.offer(window.take());
		};
		const read = await readFile(input, record, edges, signal, report, {
			siblings: db ? options.siblings : undefined,
			window,
			commits,
			cut,
			sink: outputs.sink((parsed) => {
				report.counts.records++;
				if (parsed.session) report.sessionKeys.add(parsed.session.key);
				window.add(parsed);
				cut();
			})
		});
		if (!commits.storageFailure && !signal?.aborted) await commits.commitReady(signal);
		await commits.settle();

		if (signal?.aborted) {
			report.phase = 'finishing';
			report.emit(true);
			if (db) await deleteImport(db, importId);
			report.message = 'Cancelled: what this file had written so far was removed.';
			return finish('cancelled');
		}
		if (read.rejected || commits.storageFailure) {
			await commits.storeRecord().catch(() => undefined);
			await failImport(db, importId, report, commits.storageFailure);
			return finish('failed');
		}
		report.phase = 'finishing';
		report.emit(true);
		if (db && edges) {
			// The same content imported before, plain or gzipped: this copy adds nothing.
			const contentId = await edges.digest();
			const earlier = await sameContent(db, contentId, importId);
			const twinRunning = !earlier && options.siblings && !(await options.siblings.claimContent(contentId));
			if (earlier || twinRunning) {
				await deleteImport(db, importId);
				report.message = earlier ? alreadyImported(earlier, true) : TWIN_RUNNING;
				return finish('duplicate');
			}
			if (!commits.patchUnstored({ contentId })) await updateImport(db, importId, { contentId });
		}
		try {
			const t0 = report.now();
			const tail = await outputs.write(db, importId, report.counts, options.blocks, report.format?.kind === 'lines' && report.format.copiesStoredRows === true, () => commits.storeRecord());
			timings.streamsMs = report.now() - t0;
			const last = window.take();
			if (db && last.seq <= resumeAfter) {
				report.counts.stored += last.events;
				await commitEndRows(db, tail);
				await updateImport(db, importId, { status: 'done', finishedAt: report.now(), counts: report.recordCounts() });
			} else {
				await commits.commit(last, true, tail);
			}
		} catch (error) {
			await commits.storeRecord().catch(() => undefined);
			await failImport(db, importId, report, await storageFailureMessage(error, input.file.size, report.bytesRead));
			return finish('failed');
		}
		return finish('done');
	} finally {
		options.active?.delete(importId);
		release?.();
	}
}

const TWIN_RUNNING = 'The same content (plain or gzipped) is being imported from another file of this drop: nothing was added twice.';

/** The import record a run starts with (a resumed run keeps its start, app and checkpoint). */
async function startRecord(input: ImportInput, whole: Uint8Array | null, importId: ImportId, prior: ImportRecord | undefined, report: ImportReport): Promise<ImportRecord> {
	const head = whole ?? new Uint8Array(await input.file.slice(0, 2).arrayBuffer());
	const gzip = isGzip(head);
	return {
		id: importId,
		name: input.name,
		format: null,
		bytes: input.file.size,
		gzip,
		demo: input.demo ?? false,
		app: prior?.app ?? normalizeApp(input.app),
		status: 'running',
		startedAt: prior?.startedAt ?? report.started,
		finishedAt: null,
		heartbeatAt: report.started,
		counts: report.counts,
		problems: [],
		problemsOmitted: 0,
		committedWindow: prior ? prior.committedWindow : -1,
		// A plain file's bytes are its content; a gzipped one's content id is known at the end.
		...(gzip ? {} : { contentId: importId })
	};
}

/** A failed run: the reason (storage full, or the file's first error) is the message and the record's failure. */
async function failImport(db: RtcscopeDb | null, importId: ImportId, report: ImportReport, storageFailure: string | null): Promise<void> {
	const { problems } = report;
	const failure = storageFailure ?? problems.kept.find((p) => p.severity === 'error')?.message ?? 'The file could not be read.';
	if (storageFailure) problems.add({ code: PROBLEM_CODES.storageFull, severity: 'error', message: storageFailure });
	report.message = failure;
	if (!db) return;
	await updateImport(db, importId, {
		status: 'failed',
		failure,
		counts: report.recordCounts(),
		problems: problems.kept.slice(),
		problemsOmitted: problems.omitted,
		finishedAt: report.now()
	}).catch(() => undefined);
}

/** Where the reader hands what it parses: the window it counts lines into, the commit queue, the sink. */
interface ReadTargets {
	/** A pooled job's other files: parsing (and so writing) starts when the format's turn comes. */
	siblings: ImportSiblings | undefined;
	window: WindowBuffer;
	commits: WindowCommitter;
	/** Queues the window for commit if it is full. */
	cut: () => void;
	sink: ParseSink;
}

/**
 * Streams the file's text (gunzipped, decoded, encoding problems reported), detects its format
 * from the first SNIFF_CHARS and feeds the format's reader; full windows are committed after each
 * chunk. Stops early when the format is refused, storage fails or the run is cancelled.
 * @returns rejected: the file is not (or no longer) importable, whatever was read.
 */
async function readFile(
	input: ImportInput,
	record: ImportRecord,
	edges: DecodedEdges | null,
	signal: AbortSignal | undefined,
	report: ImportReport,
	{ siblings, window, commits, cut, sink }: ReadTargets
): Promise<{ rejected: boolean }> {
	const { problems, counts } = report;
	let sniffText = '';
	let jsonValues = false;
	let splitter: Reader | null = null;
	const parseContext = { importId: record.id, fileName: input.name, problems };
	/** Detects the format from the sniffed text and returns the reader feeding its parser. */
	const startParsing = (complete: boolean): Reader | null => {
		const started = startReader(sniffText, complete, {
			problems,
			parseContext,
			sink,
			lineRead: (chars) => {
				counts.lines++;
				window.countLine(chars);
			},
			afterLine: cut
		});
		if (!started) return null;
		report.format = started.format;
		record.format = started.format.id;
		jsonValues = started.jsonValues;
		return started.reader;
	};

	report.phase = 'reading';
	let rejected = false;
	const text = new TextTally();
	for await (const chunk of decodeText(input.file.stream(), {
		gzip: record.gzip,
		signal,
		...(edges ? { onInflated: (bytes: Uint8Array) => edges.push(bytes) } : {}),
		onBytes: (p) => {
			report.bytesRead = p.bytesRead;
		},
		onEncoding: (note) => problems.add({ code: PROBLEM_CODES.textEncoding, severity: 'warning', message: note.message }),
		onInvalid: (count, index, at) => text.invalid(count, index, at),
		onFailure: (failure) => problems.add({ code: FAILURE_CODES[failure.kind], severity: 'error', message: failure.message })
	})) {
		text.add(chunk);
		if (!splitter) {
			sniffText += chunk;
			if (sniffText.length < SNIFF_CHARS) continue;
			splitter = startParsing(false);
			if (!splitter) {
				rejected = true;
				break;
			}
			if (siblings && report.format) await siblings.ordered(orderClassOf(report.format.id));
			splitter.push(sniffText);
			sniffText = '';
		} else if (!commits.busy) {
			splitter.push(chunk);
		} else {
			// A commit is in flight: parse in slices so its IndexedDB callbacks get turns.
			for (let at = 0; at < chunk.length; at += PARSE_SLICE_CHARS) {
				splitter.push(chunk.slice(at, at + PARSE_SLICE_CHARS));
				await yieldToEventLoop();
			}
		}
		await commits.commitReady(signal);
		if (commits.storageFailure) break;
		report.emit();
		if (signal?.aborted) break;
	}
	if (!splitter && !rejected) {
		splitter = startParsing(true);
		if (splitter && siblings && report.format) await siblings.ordered(orderClassOf(report.format.id));
		if (splitter) splitter.push(sniffText);
		else rejected = true;
	}
	splitter?.end();
	// A parser that refuses the file (a bundle of a newer version): failed, not "done" — so
	// dropping it again, in a newer rtcscope, imports it instead of saying "already imported".
	if (problems.refusal) rejected = true;
	text.reportInvalid(problems);
	// A document (a dump) counts its lines too: "0 lines" would not be what the file holds.
	if ((report.format as FormatModule | null)?.kind === 'document' || jsonValues) counts.lines = text.lines;
	return { rejected };
}

const FAILURE_CODES = {
	'truncated-gzip': PROBLEM_CODES.truncatedGzip,
	'corrupt-gzip': PROBLEM_CODES.corruptGzip,
	'read-error': PROBLEM_CODES.readError
} as const;

/** Newlines of the decoded text so far (a document's line count) and where invalid UTF-8 was. */
class TextTally {
	private newlines = 0;
	private lastCharNotNewline = false;
	private invalidBytes = 0;
	private invalidLine = 0;

	add(chunk: string): void {
		this.newlines += countNewlines(chunk, chunk.length);
		if (chunk.length > 0) this.lastCharNotNewline = chunk.charCodeAt(chunk.length - 1) !== 10;
	}

	/** `count` invalid byte sequences at `index` of the chunk about to be added. */
	invalid(count: number, index: number, chunk: string): void {
		if (this.invalidBytes === 0) this.invalidLine = this.newlines + 1 + countNewlines(chunk, index);
		this.invalidBytes += count;
	}

	get lines(): number {
		return this.newlines + (this.lastCharNotNewline ? 1 : 0);
	}

	reportInvalid(problems: ProblemLog): void {
		const n = this.invalidBytes;
		if (n === 0) return;
		problems.add({
			code: PROBLEM_CODES.invalidUtf8,
			severity: 'warning',
			line: this.invalidLine,
			message: `${n.toLocaleString('en')} byte sequence${n === 1 ? ' is' : 's are'} not valid UTF-8 (the first on line ${this.invalidLine}); each was read as U+FFFD (�), the rest of the text as it is.`
		});
	}
}

/** Newlines in the first `end` characters of `text`. */
function countNewlines(text: string, end: number): number {
	let n = 0;
	for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) n++;
	return n;
}

