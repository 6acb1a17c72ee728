/**
 * Problems found while importing: values, never exceptions (a malformed line must not stop the
 * rest of the file). Each has a stable code for tests and a message written for the user.
 */

export type ProblemSeverity = 'error' | 'warning';

export const PROBLEM_CODES = {
	emptyFile: 'empty-file',
	binaryFile: 'binary-file',
	unknownFormat: 'unknown-format',
	invalidJson: 'invalid-json',
	notAnObject: 'not-an-object',
	multipleEventKeys: 'multiple-event-keys',
	missingField: 'missing-field',
	wrongType: 'wrong-type',
	unknownEvent: 'unknown-event',
	truncatedLine: 'truncated-line',
	lineTooLong: 'line-too-long',
	detailTruncated: 'detail-truncated',
	truncatedGzip: 'truncated-gzip',
	corruptGzip: 'corrupt-gzip',
	invalidUtf8: 'invalid-utf8',
	textEncoding: 'text-encoding',
	storageFull: 'storage-full',
	storageError: 'storage-error',
	readError: 'read-error',
	suspiciousValue: 'suspicious-value',
	repairedFrame: 'repaired-frame',
	duplicateRecord: 'duplicate-record',
	/** A line format saved as one JSON document (array, pretty objects); read value by value. */
	fileShape: 'file-shape',
	/** A time in another unit than the format's (µs, ns, s for ms), converted. */
	timeUnit: 'time-unit',
	/** A time outside the years rtcscope accepts; the line was skipped. */
	timeOutOfRange: 'time-out-of-range',
	/** The parser will not read this file at all (a bundle of a newer version): the import fails. */
	refusedFile: 'refused-file',
	/** The input holds one snapshot, not a time series (a saved about:webrtc page). */
	snapshotOnly: 'snapshot-only'
} as const;

export type ProblemCode = (typeof PROBLEM_CODES)[keyof typeof PROBLEM_CODES];

export interface Problem {
	code: ProblemCode;
	severity: ProblemSeverity;
	/** One sentence for the user: what is wrong and what happened to the data. */
	message: string;
	/** 1-based line number in the (decompressed) file, when the problem belongs to one line. */
	line?: number;
	/** The start of the offending line (at most 200 characters), so nothing is lost silently. */
	excerpt?: string;
}

/** At most this many problems are kept per import; the rest are only counted. */
export const MAX_PROBLEMS_KEPT = 500;

const EXCERPT_CHARS = 200;

export function excerpt(text: string): string {
	return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text;
}

/** Collects problems for one import, keeping the first {@link MAX_PROBLEMS_KEPT}. */
export class ProblemLog {
	readonly kept: Problem[] = [];
	errors = 0;
	warnings = 0;
	/** The message of the first `refused-file` problem: the import fails with it, and can be retried. */
	refusal: string | null = null;

	add(problem: Problem): void {
		if (problem.code === PROBLEM_CODES.refusedFile) this.refusal ??= problem.message;
		if (problem.severity === 'error') this.errors++;
		else this.warnings++;
		if (this.kept.length < MAX_PROBLEMS_KEPT) this.kept.push(problem);
	}

	get omitted(): number {
		return this.errors + this.warnings - this.kept.length;
	}
}
