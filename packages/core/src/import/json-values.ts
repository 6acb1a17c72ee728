import type { FormatModule } from '../formats/types.js';
import { detectFormat, FORMATS } from '../formats/registry.js';
/**
 * Splits JSON text into its top-level values, streaming: the elements of a top-level array
 * (`[ {…}, {…} ]`, pretty or on one line) or values written one after another (pretty-printed
 * webhook objects). It lets a line format (OpenVidu CDR, webhooks) read the shapes people save
 * when they export events as one JSON document instead of JSON Lines (issue 17).
 *
 * It only tracks strings, escapes and bracket depth — `JSON.parse` of each value does the rest,
 * so a broken value is reported by the line parser with the line it starts on.
 */
export interface JsonValueSink {
	/** One top-level value's text; `line` is the 1-based line it starts on. */
	value(text: string, line: number): void;
	/** Text between values that is not whitespace or a comma (reported, skipped). */
	stray(text: string, line: number): void;
}

export class JsonValueSplitter {
	private depth = 0;
	private inString = false;
	private escaped = false;
	/** Inside the top-level array: its elements are the values. */
	private inArray = false;
	private started = false;
	private buffer: string[] = [];
	private line = 1;
	private valueLine = 1;
	private stray = '';
	private strayLine = 1;

	constructor(private readonly sink: JsonValueSink) {}

	push(text: string): void {
		// A value that began in an earlier chunk continues from this chunk's start.
		let from = this.depth > (this.inArray ? 1 : 0) ? 0 : -1;
		const flush = (to: number) => {
			if (from >= 0) this.buffer.push(text.slice(from, to));
			from = -1;
		};
		for (let i = 0; i < text.length; i++) {
			const c = text.charCodeAt(i);
			if (c === 10) this.line++;
			if (this.depth > (this.inArray ? 1 : 0)) {
				// Inside a value.
				if (this.inString) {
					if (this.escaped) this.escaped = false;
					else if (c === 92) this.escaped = true;
					else if (c === 34) this.inString = false;
					continue;
				}
				if (c === 34) this.inString = true;
				else if (c === 123 || c === 91) this.depth++;
				else if (c === 125 || c === 93) {
					this.depth--;
					if (this.depth === (this.inArray ? 1 : 0)) {
						flush(i + 1);
						this.emit();
					}
				}
				continue;
			}
			// Between values.
			if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff || (this.inArray && c === 44)) continue;
			if (!this.started && !this.inArray && c === 91) {
				this.inArray = true;
				this.started = true;
				this.depth = 1;
				continue;
			}
			if (this.inArray && c === 93) {
				this.inArray = false;
				this.depth = 0;
				continue;
			}
			if (c === 123 || c === 91) {
				this.flushStray();
				this.started = true;
				this.depth++;
				this.valueLine = this.line;
				from = i;
				continue;
			}
			if (!this.stray) this.strayLine = this.line;
			this.stray += text[i];
		}
		flush(text.length);
	}

	end(): void {
		this.flushStray();
		if (this.buffer.length > 0) {
			// An unclosed last value: the parser reports it as broken, with its line.
			this.emit();
		}
	}

	private emit(): void {
		const text = this.buffer.join('');
		this.buffer = [];
		this.inString = false;
		this.escaped = false;
		this.sink.value(text, this.valueLine);
	}

	private flushStray(): void {
		if (!this.stray) return;
		this.sink.stray(this.stray.slice(0, 80), this.strayLine);
		this.stray = '';
	}
}

/** The first values of `text` (at most `max`), for detecting the format of a JSON document. */
export function firstJsonValues(text: string, max: number): string[] {
	const out: string[] = [];
	const splitter = new JsonValueSplitter({
		value: (v) => {
			if (out.length < max) out.push(v);
		},
		stray: () => undefined
	});
	splitter.push(text);
	return out;
}

/** Whether text starts (after whitespace) like a JSON array or object. */
export function startsLikeJson(text: string): boolean {
	return /^[\s\uFEFF]*[[{]/.test(text.slice(0, 1024));
}

/**
 * A line format (CDR, webhooks) saved as one JSON document: a top-level array of events or
 * pretty-printed objects one after another. Detected on its first values, line formats only.
 */
export function detectJsonDocumentOfLines(text: string): { format: FormatModule; values: string } | null {
	if (!startsLikeJson(text)) return null;
	const values = firstJsonValues(text, 5);
	if (values.length === 0) return null;
	const detection = detectFormat({ text: values.join('\n'), lines: values }, FORMATS.filter((f) => f.kind === 'lines'));
	if (!detection) return null;
	return { format: detection.format, values: /^[\s\uFEFF]*\[/.test(text) ? 'a JSON array' : 'JSON objects one after another' };
}
