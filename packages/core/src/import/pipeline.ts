import type { FormatModule, ParsedRecord } from '../formats/types.js';
import type { ImportId } from '../model/ids.js';
import { emptyCounts, type ImportRecord } from '../model/imports.js';
import { PROBLEM_CODES, ProblemLog } from '../model/problems.js';
import type { RtcscopeDb } from '../storage/db.js';
import {
	commitWindow,
	deleteImport,
	putImport,
	updateImport
} from '../storage/writer.js';
import { yieldToEventLoop } from '../util/yield.js';
import { decodeText, isGzip } from './decode.js';
import { DecodedEdges } from './content-id.js';
import type { ImportLocks } from './locks.js';
import { fingerprint } from './fingerprint.js';
import {
	PROGRESS_INTERVAL_MS,
	PROGRESS_PROBLEMS,
	PROGRESS_SESSION_KEYS,
	type ImportPhase,
	type ImportProgress,
	type ImportTimings
} from './progress.js';
import { storageFailureMessage } from './quota.js';
import { alreadyImported, sameContent } from './same-content.js';
import { EndOutputs } from './end-outputs.js';
import { SNIFF_CHARS } from './sniff.js';
import { startReader, type Reader } from './reader.js';
import { WindowBuffer, type WindowContents } from './window.js';

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
	const now = options.now ?? Date.now;
	const { db, signal } = options;
	const started = now();
	const problems = new ProblemLog();
	const counts = emptyCounts();
	const sessionKeys = new Set<string>();
	const timings: ImportTimings = {
		totalMs: 0,
		writeWaitMs: 0,
		writeMs: 0,
		prepareMs: 0,
		streamsMs: 0
	};
	let phase: ImportPhase = 'fingerprint';
	let format: FormatModule | null = null;
	let bytesRead = 0;
	let lastEmit = 0;
	let message: string | undefined;
	let id: ImportId | null = null;

	const progress = (): ImportProgress => {
		const elapsedMs = now() - started;
		counts.errors = problems.errors;
		counts.warnings = problems.warnings;
		counts.sessions = sessionKeys.size;
		return {
			index: options.index ?? 0,
			importId: id,
			name: input.name,
			phase,
			format: format?.id ?? null,
			bytesRead,
			bytesTotal: input.file.size,
			lines: counts.lines,
			records: counts.records,
			recordsPerSec: elapsedMs > 0 ? (counts.records * 1000) / elapsedMs : 0,
			elapsedMs,
			counts: { ...counts },
			problems: problems.kept.slice(0, PROGRESS_PROBLEMS),
			problemsOmitted: problems.omitted + Math.max(0, problems.kept.length - PROGRESS_PROBLEMS),
			...(message ? { message } : {}),
			...(phase === 'done' && sessionKeys.size > 0 ? { sessionKeys: [...sessionKeys].slice(0, PROGRESS_SESSION_KEYS) } : {})
		};
	};
	const emit = (force = false) => {
		const t = now();
		if (!force && t - lastEmit < PROGRESS_INTERVAL_MS) return;
		lastEmit = t;
		options.onProgress?.(progress());
	};
	const finish = (kind: ImportOutcomeKind): ImportOutcome => {
		phase = kind;
		timings.totalMs = now() - started;
		const p = progress();
		options.onProgress?.(p);
		return { kind, importId: id ?? '', progress: p, timings, span };
	};

	let span: ImportOutcome['span'] = null;

	emit(true);
	id = (await fingerprint(input.file)) as ImportId;
	const importId: ImportId = id;
	const prior = db ? await db.imports.get(id) : undefined;
	const twin = prior?.status === 'done' ? prior : db ? await sameContent(db, id, id) : undefined;
	if (twin) {
		message = alreadyImported(twin, twin.id !== id);
		return finish('duplicate');
	}
	const release = options.locks && !options.active?.has(importId) ? await options.locks.acquire(importId) : undefined;
	if (
		options.active?.has(importId) ||
		release === null ||
		(!options.locks && prior?.status === 'running' && now() - prior.heartbeatAt < STALE_HEARTBEAT_MS)
	) {
		message = 'This file is being imported right now (in this tab or another one).';
		return finish('busy');
	}
	const resumeAfter = prior ? prior.committedWindow : -1;
	options.active?.add(importId);
	try {
		const record: ImportRecord = {
			id: importId,
			name: input.name,
			format: null,
			bytes: input.file.size,
			gzip: false,
			demo: input.demo ?? false,
			app: prior?.app ?? normalizeApp(input.app),
			status: 'running',
			startedAt: prior?.startedAt ?? started,
			finishedAt: null,
			heartbeatAt: started,
			counts,
			problems: [],
			problemsOmitted: 0,
			committedWindow: resumeAfter
		};
		const head = new Uint8Array(await input.file.slice(0, 2).arrayBuffer());
		record.gzip = isGzip(head);
		// A plain file's bytes are its content; a gzipped one's content id is known at the end.
		const edges = record.gzip ? new DecodedEdges() : null;
		if (!edges) record.contentId = importId;
		if (db) await putImport(db, record);
		timings.prepareMs = now() - started;

		const window = new WindowBuffer(importId, options.windowMaxLines, options.windowMaxChars);
		// Session keys this import has written (their rows exist: merge, don't add). Whether any
		// other key has a row is asked per window, inside its transaction (storage/writer.ts).
		const written = new Set<string>();
		// Windows are cut at line boundaries as lines arrive (so the cut never depends on how the
		// browser chunks the file) and committed after each chunk, at most one commit in flight.
		const ready: WindowContents[] = [];
		const cutWindow = () => {
			if (window.full) ready.push(window.take());
		};
		let pending: Promise<void> | null = null;
		let storageFailure: string | null = null;

		const commit = (contents: WindowContents, isFinal: boolean): Promise<void> => {
			// A window committed before the resume is held already: counted, not written again.
			counts.stored += contents.events;
			if (!db || contents.seq <= resumeAfter) return Promise.resolve();
			const patch: Partial<ImportRecord> = {
				counts: {
					...counts,
					errors: problems.errors,
					warnings: problems.warnings,
					sessions: sessionKeys.size
				},
				problems: problems.kept.slice(),
				problemsOmitted: problems.omitted,
				format: format?.id ?? null
			};
			if (isFinal) {
				patch.status = 'done';
				patch.finishedAt = now();
			}
			const t0 = now();
			return commitWindow(
				db,
				{
					importId,
					seq: contents.seq,
					blocks: contents.blocks,
					sessions: contents.sessions,
					patch,
					written
				},
				now()
			).then(() => {
				for (const row of contents.sessions) {
					written.add(row.key);
					span = {
						from: Math.min(span?.from ?? row.firstAt, row.firstAt),
						to: Math.max(span?.to ?? row.lastAt, row.lastAt)
					};
				}
				timings.writeMs += now() - t0;
			});
		};
		// A failed commit is caught where it is started: awaited only on the next chunk, its
		// rejection (a quota AbortError) would otherwise reach the page as unhandled.
		let commitError: unknown = null;
		const startCommit = (contents: WindowContents) => {
			pending = commit(contents, false).catch((error: unknown) => {
				commitError ??= error;
			});
		};
		const awaitPending = async () => {
			if (!pending) return;
			const t0 = now();
			await pending;
			pending = null;
			timings.writeWaitMs += now() - t0;
			if (commitError !== null && !storageFailure) storageFailure = await storageFailureMessage(commitError, input.file.size, bytesRead);
		};

		const commitReady = async () => {
			while (ready.length > 0 && !storageFailure && !signal?.aborted) {
				await awaitPending();
				if (storageFailure || signal?.aborted) break;
				startCommit(ready.shift() as WindowContents);
			}
		};

		let sniffText = '';
		let jsonValues = false;
		let splitter: Reader | null = null;
		/** Detects the format from the sniffed text and returns the line splitter feeding its parser. */
		// What parsers hand over: events go into windows, the rest waits for the end (end-outputs.ts).
		const addRecord = (parsed: ParsedRecord) => {
			counts.records++;
			if (parsed.session) sessionKeys.add(parsed.session.key);
			window.add(parsed);
			cutWindow();
		};
		const outputs = new EndOutputs(
			() => counts.records++,
			(key) => sessionKeys.add(key)
		);
		const sink = outputs.sink(addRecord);
		const parseContext = { importId, fileName: input.name, problems };

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
				afterLine: cutWindow
			});
			if (!started) return null;
			format = started.format;
			record.format = format.id;
			jsonValues = started.jsonValues;
			return started.reader;
		};

		phase = 'reading';
		let rejected = false;
		// Newlines of the text so far: the line of an encoding problem, and documents' line count.
		let newlines = 0;
		let lastCharNotNewline = false;
		let invalidBytes = 0;
		let invalidLine = 0;
		for await (const text of decodeText(input.file.stream(), {
			gzip: record.gzip,
			signal,
			...(edges ? { onInflated: (bytes: Uint8Array) => edges.push(bytes) } : {}),
			onBytes: (p) => {
				bytesRead = p.bytesRead;
			},
			onEncoding: (note) =>
				problems.add({ code: PROBLEM_CODES.textEncoding, severity: 'warning', message: note.message }),
			onInvalid: (count, index, chunk) => {
				if (invalidBytes === 0) invalidLine = newlines + 1 + countNewlines(chunk, index);
				invalidBytes += count;
			},
			onFailure: (failure) => {
				problems.add({
					code:
						failure.kind === 'truncated-gzip'
							? PROBLEM_CODES.truncatedGzip
							: failure.kind === 'corrupt-gzip'
								? PROBLEM_CODES.corruptGzip
								: PROBLEM_CODES.readError,
					severity: 'error',
					message: failure.message
				});
			}
		})) {
			newlines += countNewlines(text, text.length);
			if (text.length > 0) lastCharNotNewline = text.charCodeAt(text.length - 1) !== 10;
			if (!splitter) {
				sniffText += text;
				if (sniffText.length < SNIFF_CHARS) continue;
				splitter = startParsing(false);
				if (!splitter) {
					rejected = true;
					break;
				}
				splitter.push(sniffText);
				sniffText = '';
			} else if (pending === null) {
				splitter.push(text);
			} else {
				// A commit is in flight: parse in slices so its IndexedDB callbacks get turns.
				for (let at = 0; at < text.length; at += PARSE_SLICE_CHARS) {
					splitter.push(text.slice(at, at + PARSE_SLICE_CHARS));
					await yieldToEventLoop();
				}
			}
			await commitReady();
			if (storageFailure) break;
			emit();
			if (signal?.aborted) break;
		}
		if (!splitter && !rejected) {
			splitter = startParsing(true);
			if (splitter) splitter.push(sniffText);
			else rejected = true;
		}
		splitter?.end();
		// A parser that refuses the file (a bundle of a newer version): failed, not "done" — so
		// dropping it again, in a newer rtcscope, imports it instead of saying "already imported".
		if (problems.refusal) rejected = true;
		if (invalidBytes > 0) {
			problems.add({
				code: PROBLEM_CODES.invalidUtf8,
				severity: 'warning',
				line: invalidLine,
				message: `${invalidBytes.toLocaleString('en')} byte sequence${invalidBytes === 1 ? ' is' : 's are'} not valid UTF-8 (the first on line ${invalidLine}); each was read as U+FFFD (�), the rest of the text as it is.`
			});
		}
		// A document (a dump) counts its lines too: "0 lines" would not be what the file holds.
		if ((format as FormatModule | null)?.kind === 'document' || jsonValues) counts.lines = newlines + (lastCharNotNewline ? 1 : 0);
		if (!storageFailure && !signal?.aborted) await commitReady();
		await awaitPending();

		if (signal?.aborted) {
			phase = 'finishing';
			emit(true);
			if (db) await deleteImport(db, importId);
			message = 'Cancelled: what this file had written so far was removed.';
			return finish('cancelled');
		}
		if (rejected || storageFailure) {
			const failure =
				storageFailure ??
				problems.kept.find((p) => p.severity === 'error')?.message ??
				'The file could not be read.';
			if (storageFailure) {
				problems.add({
					code: PROBLEM_CODES.storageFull,
					severity: 'error',
					message: storageFailure
				});
			}
			message = failure;
			if (db) {
				await updateImport(db, importId, {
					status: 'failed',
					failure,
					counts: {
						...counts,
						errors: problems.errors,
						warnings: problems.warnings,
						sessions: sessionKeys.size
					},
					problems: problems.kept.slice(),
					problemsOmitted: problems.omitted,
					finishedAt: now()
				}).catch(() => undefined);
			}
			return finish('failed');
		}
		phase = 'finishing';
		emit(true);
		if (db && edges) {
			// The same content imported before, plain or gzipped: this copy adds nothing.
			const contentId = await edges.digest();
			const earlier = await sameContent(db, contentId, importId);
			if (earlier) {
				await deleteImport(db, importId);
				message = alreadyImported(earlier, true);
				return finish('duplicate');
			}
			record.contentId = contentId;
			await updateImport(db, importId, { contentId });
		}
		const failWrite = async (error: unknown): Promise<ImportOutcome> => {
			message = await storageFailureMessage(error, input.file.size, bytesRead);
			problems.add({ code: PROBLEM_CODES.storageFull, severity: 'error', message });
			if (db) await updateImport(db, importId, { status: 'failed', failure: message }).catch(() => undefined);
			return finish('failed');
		};
		try {
			const t0 = now();
			await outputs.write(db, importId, counts);
			timings.streamsMs = now() - t0;
		} catch (error) {
			return failWrite(error);
		}
		const last = window.take();
		try {
			if (db && last.seq <= resumeAfter) {
				counts.stored += last.events;
				await updateImport(db, importId, { status: 'done', finishedAt: now(), counts: { ...counts, errors: problems.errors, warnings: problems.warnings, sessions: sessionKeys.size } });
			} else {
				await commit(last, true);
			}
		} catch (error) {
			return failWrite(error);
		}
		return finish('done');
	} finally {
		options.active?.delete(importId);
		release?.();
	}
}


/** Newlines in the first `end` characters of `text`. */
function countNewlines(text: string, end: number): number {
	let n = 0;
	for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) n++;
	return n;
}

