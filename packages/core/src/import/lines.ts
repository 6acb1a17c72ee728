/**
 * Splits decoded text into lines as it streams in, without ever holding more than one line.
 *
 * Why not `file.text()` + `split('\n')`: V8 strings stop at ~512 MB (2^29 − 24 UTF-16 units,
 * speedscope's src/import/utils.ts notes the same limit), so a large CDR file must be read
 * as a stream. Handles a UTF-8 BOM, CRLF and lone CR line ends, a last line without newline, and
 * lines longer than `maxLineChars`, which are skipped (reported, not held).
 */

export interface LineSink {
	/**
	 * A complete line, without its line end. `lineNo` is 1-based; `unterminated` is true for a
	 * last line with no line end (it may have been cut off).
	 */
	line(text: string, lineNo: number, unterminated: boolean): void;
	/** A line longer than the limit: only its first characters are passed on. */
	overlong(lineNo: number, head: string, totalChars: number): void;
}

export interface LineSplitterEnd {
	/** Lines delivered, including empty ones and overlong ones. */
	lines: number;
	/** True when the text did not end with a line end (the last line may be cut off). */
	lastLineUnterminated: boolean;
}

/** 64 MiB of UTF-16: far above any real CDR line, well below the V8 string limit. */
export const DEFAULT_MAX_LINE_CHARS = 64 * 1024 * 1024;

const HEAD_CHARS = 200;

export class LineSplitter {
	private pending: string[] = [];
	private pendingChars = 0;
	private overlongHead: string | null = null;
	private lineNo = 0;
	private atStart = true;
	private sawCr = false;
	private ended = false;

	constructor(
		private readonly sink: LineSink,
		private readonly maxLineChars = DEFAULT_MAX_LINE_CHARS
	) {}

	/** Feeds the next piece of text; complete lines are delivered synchronously. */
	push(text: string): void {
		if (this.ended) throw new Error('LineSplitter: push after end');
		if (text.length === 0) return;
		let start = 0;
		if (this.atStart) {
			this.atStart = false;
			if (text.charCodeAt(0) === 0xfeff) start = 1;
		}
		// A CRLF split across two pushes: the LF that follows a delivered CR ends nothing.
		if (this.sawCr) {
			this.sawCr = false;
			if (text.charCodeAt(start) === 10) start++;
		}
		const length = text.length;
		// The next CR is searched once and reused: most files have none, and searching again for
		// every line would rescan the rest of the chunk each time.
		let crIndex = text.indexOf('\r', start);
		while (start < length) {
			const lf = text.indexOf('\n', start);
			if (crIndex !== -1 && crIndex < start) crIndex = text.indexOf('\r', start);
			let end: number;
			let next: number;
			if (crIndex !== -1 && (lf === -1 || crIndex < lf)) {
				end = crIndex;
				if (crIndex + 1 < length) {
					next = text.charCodeAt(crIndex + 1) === 10 ? crIndex + 2 : crIndex + 1;
				} else {
					next = length;
					this.sawCr = true;
				}
			} else if (lf !== -1) {
				end = lf;
				next = lf + 1;
			} else {
				this.append(text, start, length);
				return;
			}
			this.append(text, start, end);
			this.deliver();
			start = next;
		}
	}

	/** Flushes the last line (if the text did not end with a line end). */
	end(): LineSplitterEnd {
		this.ended = true;
		const unterminated = this.pendingChars > 0 || this.overlongHead !== null;
		if (unterminated) this.deliver(true);
		return { lines: this.lineNo, lastLineUnterminated: unterminated };
	}

	private append(text: string, from: number, to: number): void {
		if (to <= from) return;
		const chars = to - from;
		if (this.overlongHead !== null) {
			this.pendingChars += chars;
			return;
		}
		if (this.pendingChars + chars > this.maxLineChars) {
			const joined = this.pending.join('') + text.slice(from, Math.min(to, from + HEAD_CHARS));
			this.overlongHead = joined.slice(0, HEAD_CHARS);
			this.pending = [];
			this.pendingChars += chars;
			return;
		}
		this.pending.push(from === 0 && to === text.length ? text : text.slice(from, to));
		this.pendingChars += chars;
	}

	private deliver(unterminated = false): void {
		this.lineNo++;
		if (this.overlongHead !== null) {
			this.sink.overlong(this.lineNo, this.overlongHead, this.pendingChars);
			this.overlongHead = null;
		} else {
			const line =
				this.pending.length === 0
					? ''
					: this.pending.length === 1
						? (this.pending[0] as string)
						: this.pending.join('');
			this.sink.line(line, this.lineNo, unterminated);
		}
		this.pending = [];
		this.pendingChars = 0;
	}
}
