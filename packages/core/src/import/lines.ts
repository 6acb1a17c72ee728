/**
 * Splits decoded text into lines as it streams in, without ever holding more than one line.
 *
 * Why not `file.text()` + `split('\n')`: V8 strings stop at ~512 MB (2^29 − 24 UTF-16 units,
 * speedscope's src/import/utils.ts notes the same limit), so a large CDR file must be read
 * as a stream. Handles a UTF-8 BOM, LF and CRLF line ends (also a CRLF split across chunks), a
 * last line without newline, and lines longer than `maxLineChars`, which are skipped (reported,
 * not held).
 *
 * Shape of the loop, measured in Chromium 150 (2026-11): one `indexOf('\n')` walk per chunk over
 * a flat string, lines cut with `slice`. An earlier version that kept per-line state in fields
 * and arrays got slower on every file in the same worker (14 ms → 1.2 s for the same 25 MB), so
 * keep the hot loop this plain.
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
	/** Pieces of the current, not yet complete line. */
	private pending: string[] = [];
	private pendingChars = 0;
	/** Set while skipping the rest of an overlong line: its first characters. */
	private overlongHead: string | null = null;
	private lineNo = 0;
	private atStart = true;
	private ended = false;

	constructor(
		private readonly sink: LineSink,
		private readonly maxLineChars = DEFAULT_MAX_LINE_CHARS
	) {}

	/** Feeds the next piece of text; complete lines are delivered synchronously. */
	push(chunk: string): void {
		if (this.ended) throw new Error('LineSplitter: push after end');
		if (chunk.length === 0) return;
		if (this.atStart) {
			this.atStart = false;
			if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
		}
		const firstNl = chunk.indexOf('\n');
		if (firstNl === -1) {
			this.hold(chunk);
			return;
		}
		let text: string;
		let start = 0;
		if (this.overlongHead !== null) {
			this.finishOverlong(this.pendingChars + firstNl);
			start = firstNl + 1;
			text = chunk;
		} else if (this.pending.length > 0) {
			text = this.pending.join('') + chunk;
			this.pending = [];
			this.pendingChars = 0;
		} else {
			text = chunk;
		}
		const sink = this.sink;
		let nl = text.indexOf('\n', start);
		while (nl !== -1) {
			const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
			if (end - start > this.maxLineChars) {
				sink.overlong(++this.lineNo, text.slice(start, start + HEAD_CHARS), end - start);
			} else {
				sink.line(text.slice(start, end), ++this.lineNo, false);
			}
			start = nl + 1;
			nl = text.indexOf('\n', start);
		}
		if (start < text.length) this.hold(text.slice(start));
	}

	/** Flushes the last line (if the text did not end with a line end). */
	end(): LineSplitterEnd {
		this.ended = true;
		const unterminated = this.pendingChars > 0 || this.overlongHead !== null;
		if (this.overlongHead !== null) {
			this.finishOverlong(this.pendingChars);
		} else if (this.pendingChars > 0) {
			let line = this.pending.join('');
			if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
			this.pending = [];
			this.pendingChars = 0;
			this.sink.line(line, ++this.lineNo, true);
		}
		return { lines: this.lineNo, lastLineUnterminated: unterminated };
	}

	/** Keeps text of a line that has not ended yet (only its head once it is too long). */
	private hold(piece: string): void {
		this.pendingChars += piece.length;
		if (this.overlongHead !== null) return;
		if (this.pendingChars > this.maxLineChars) {
			this.overlongHead = (this.pending.join('') + piece.slice(0, HEAD_CHARS)).slice(0, HEAD_CHARS);
			this.pending = [];
			return;
		}
		this.pending.push(piece);
	}

	private finishOverlong(totalChars: number): void {
		const head = this.overlongHead ?? '';
		this.overlongHead = null;
		this.pending = [];
		this.pendingChars = 0;
		this.sink.overlong(++this.lineNo, head, totalChars);
	}
}
