/**
 * Line numbers for a document read in chunks by a streaming JSON tokenizer, which reports where
 * each token starts as a UTF-8 byte offset (@streamparser/json). Every record rtcscope keeps
 * points at its source line; for a pretty-printed dump that is the line a support engineer opens
 * in an editor.
 *
 * Only the newlines of the last {@link KEEP_BYTES} are kept, so memory stays flat in the file's
 * size; a value that started before that window (none does in a real dump: the largest, an
 * update-log entry with an SDP, is a few KB) gets the first line still known.
 */
const KEEP_BYTES = 8 * 1024 * 1024;

export class ByteLineIndex {
	private bytes = 0;
	private newlines: number[] = [];
	/** Newlines forgotten before the kept window. */
	private forgotten = 0;

	/** Adds the next chunk of text (in the order the tokenizer receives it). */
	push(text: string): void {
		let bytes = this.bytes;
		for (let i = 0; i < text.length; i++) {
			const c = text.charCodeAt(i);
			if (c === 10) this.newlines.push(bytes);
			if (c < 0x80) bytes += 1;
			else if (c < 0x800) bytes += 2;
			else if (c >= 0xd800 && c <= 0xdbff) {
				bytes += 4;
				i++;
			} else bytes += 3;
		}
		this.bytes = bytes;
		this.trim();
	}

	/** The 1-based line holding the byte at `offset`. */
	lineAt(offset: number): number {
		let lo = 0;
		let hi = this.newlines.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if ((this.newlines[mid] as number) < offset) lo = mid + 1;
			else hi = mid;
		}
		return this.forgotten + lo + 1;
	}

	private trim(): void {
		const keepFrom = this.bytes - KEEP_BYTES;
		if (keepFrom <= 0 || (this.newlines[0] ?? Infinity) >= keepFrom) return;
		let drop = 0;
		while (drop < this.newlines.length && (this.newlines[drop] as number) < keepFrom) drop++;
		this.newlines.splice(0, drop);
		this.forgotten += drop;
	}
}
