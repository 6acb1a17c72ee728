import { Gunzip } from 'fflate';
import { concatBytes } from '../util/bytes.js';

/**
 * Turns a file's byte stream into text chunks, gunzipping on the fly and decoding the text in the
 * encoding the file is in.
 *
 * Why fflate and not `DecompressionStream('gzip')`: Chromium's DecompressionStream rejects
 * multi-member files (`cat a.gz b.gz`, as rotated logs are) and, on a truncated file, errors
 * without handing over the data it already inflated. fflate's streaming Gunzip inflates every
 * member and throws "unexpected EOF" only after delivering everything before the cut.
 *
 * Encodings (WHATWG Encoding, what `TextDecoder` offers): a byte-order mark decides (UTF-8,
 * UTF-16 LE, UTF-16 BE); otherwise the start of the text must be valid UTF-8, else it is read in
 * the charset its HTML `<meta>` declares, else windows-1252 (the web's Latin-1) — a Firefox
 * about:webrtc page saved in 2019 is Latin-1, and its "Estatísticas" must not become "Estat�sticas".
 * Invalid UTF-8 later in a UTF-8 file is counted and reported, never silent.
 */

export const GZIP_MAGIC = [0x1f, 0x8b] as const;

export function isGzip(head: Uint8Array): boolean {
	return head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
}

/** What went wrong while decompressing, after the text before it was delivered. */
export interface DecodeFailure {
	kind: 'truncated-gzip' | 'corrupt-gzip' | 'read-error';
	message: string;
}

export interface DecodeProgress {
	/** Bytes of the file read so far (compressed bytes for gzip). */
	bytesRead: number;
}

/** How the text was decoded, when it was not plain UTF-8. */
export interface EncodingNote {
	encoding: string;
	/** One sentence for the user: what was found and how the text was read. */
	message: string;
}

/** Bytes decoding decides the encoding on (or the whole file when shorter). */
const SNIFF_BYTES = 64 * 1024;

/**
 * Reads `stream`, yielding decoded text. Never throws for bad input: a truncated or corrupt gzip
 * member ends the text early and is reported through `onFailure`.
 */
export async function* decodeText(
	stream: ReadableStream<Uint8Array>,
	options: {
		gzip: boolean;
		onBytes?: (progress: DecodeProgress) => void;
		onFailure: (failure: DecodeFailure) => void;
		/** The encoding, when it is not UTF-8 without a byte-order mark. */
		onEncoding?: (note: EncodingNote) => void;
		/** Invalid UTF-8 in `text`, the text about to be yielded: how many, and where the first is in it. */
		onInvalid?: (count: number, firstIndex: number, text: string) => void;
		/** Each decompressed chunk of a gzipped file, before text decoding (its content id). */
		onInflated?: (bytes: Uint8Array) => void;
		signal?: AbortSignal;
	}
): AsyncGenerator<string> {
	const reader = stream.getReader();
	let bytesRead = 0;
	let inflated: Uint8Array[] = [];
	const gunzip = options.gzip
		? new Gunzip((chunk) => {
				options.onInflated?.(chunk);
				inflated.push(chunk);
			})
		: null;
	const text = new TextStage(options);
	let failed = false;
	try {
		for (;;) {
			if (options.signal?.aborted) return;
			let result: ReadableStreamReadResult<Uint8Array>;
			try {
				result = await reader.read();
			} catch (error) {
				options.onFailure({
					kind: 'read-error',
					message: `The browser could not read the file any further (${describe(error)}); lines before this point were imported.`
				});
				failed = true;
				break;
			}
			if (result.done) break;
			const bytes = result.value;
			bytesRead += bytes.byteLength;
			options.onBytes?.({ bytesRead });
			if (!gunzip) {
				yield* text.push(bytes);
				continue;
			}
			const failure = pushGzip(gunzip, bytes, false);
			yield* drain();
			if (failure) {
				options.onFailure(failure);
				failed = true;
				break;
			}
		}
		if (gunzip && !failed) {
			const failure = pushGzip(gunzip, new Uint8Array(0), true);
			yield* drain();
			if (failure) options.onFailure(failure);
		}
		yield* text.end();
	} finally {
		reader.releaseLock();
	}

	function* drain(): Generator<string> {
		const chunks = inflated;
		inflated = [];
		for (const chunk of chunks) yield* text.push(chunk);
	}
}

/** Bytes → text: waits for the first SNIFF_BYTES to choose the encoding, then streams. */
class TextStage {
	private decoder: TextDecoder | null = null;
	private utf8 = true;
	private head: Uint8Array[] = [];
	private headBytes = 0;

	constructor(
		private readonly options: {
			onEncoding?: (note: EncodingNote) => void;
			onInvalid?: (count: number, firstIndex: number, text: string) => void;
		}
	) {}

	*push(bytes: Uint8Array): Generator<string> {
		if (!this.decoder) {
			this.head.push(bytes);
			this.headBytes += bytes.byteLength;
			if (this.headBytes < SNIFF_BYTES) return;
			yield* this.start();
			return;
		}
		yield* this.decode(bytes);
	}

	*end(): Generator<string> {
		if (!this.decoder) yield* this.start();
		const tail = (this.decoder as TextDecoder).decode();
		if (tail) yield tail;
	}

	private *start(): Generator<string> {
		const head = this.head.length === 1 ? (this.head[0] as Uint8Array) : concatBytes(this.head, this.headBytes);
		this.head = [];
		const { encoding, note } = chooseEncoding(head);
		this.utf8 = encoding === 'utf-8';
		this.decoder = new TextDecoder(encoding);
		if (note) this.options.onEncoding?.({ encoding, message: note });
		yield* this.decode(head);
	}

	private *decode(bytes: Uint8Array): Generator<string> {
		const text = (this.decoder as TextDecoder).decode(bytes, { stream: true });
		if (!text) return;
		if (this.utf8 && this.options.onInvalid) {
			const first = text.indexOf('\uFFFD');
			if (first >= 0) {
				// U+FFFD written in the file itself (EF BF BD) is text; the rest were invalid bytes.
				const invalid = countChar(text, '\uFFFD') - countReplacementBytes(bytes);
				if (invalid > 0) this.options.onInvalid(invalid, first, text);
			}
		}
		yield text;
	}
}

/** The encoding of a file from its first bytes, and a note when it is not plain UTF-8. */
export function chooseEncoding(head: Uint8Array): { encoding: string; note: string | null } {
	if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
		return { encoding: 'utf-8', note: null };
	if (head[0] === 0xff && head[1] === 0xfe)
		return {
			encoding: 'utf-16le',
			note: 'The file is UTF-16 (little-endian, with a byte-order mark); it was read as such.'
		};
	if (head[0] === 0xfe && head[1] === 0xff)
		return {
			encoding: 'utf-16be',
			note: 'The file is UTF-16 (big-endian, with a byte-order mark); it was read as such.'
		};
	const { firstInvalid: invalidAt, invalid, valid } = utf8Evidence(head.subarray(0, SNIFF_BYTES));
	// NUL bytes: a binary file (a zip, an image), not text in another encoding; the import says so.
	if (invalidAt < 0 || head.subarray(0, 4096).includes(0)) return { encoding: 'utf-8', note: null };
	// More well-formed multi-byte sequences than bad bytes: UTF-8 with a few damaged bytes (each
	// read as U+FFFD and reported), not Latin-1 — which would turn every "é" into "Ã©".
	if (valid > invalid) return { encoding: 'utf-8', note: null };
	const ascii = new TextDecoder('windows-1252').decode(
		head.subarray(0, Math.min(head.length, 4096))
	);
	const declared = /<meta[^>]*charset\s*=\s*["']?([A-Za-z0-9_-]+)/i.exec(ascii)?.[1]?.toLowerCase();
	const encoding =
		declared && isSupported(declared) && declared !== 'utf-8' ? declared : 'windows-1252';
	const line = 1 + countByte(head.subarray(0, invalidAt), 0x0a);
	return {
		encoding,
		note: `The file is not UTF-8 (the first invalid byte is on line ${line}); it was read as ${encoding}${declared && encoding === declared ? ', the charset its page declares' : ' (Latin-1, the web’s default for such files)'}.`
	};
}

/**
 * Offset of the first byte that cannot be UTF-8 (−1: none; a sequence cut at the end is fine),
 * how many bytes are invalid and how many well-formed multi-byte sequences there are.
 */
function utf8Evidence(bytes: Uint8Array): { firstInvalid: number; invalid: number; valid: number } {
	const n = bytes.length;
	let firstInvalid = -1;
	let invalid = 0;
	let valid = 0;
	for (let i = 0; i < n;) {
		const b = bytes[i] as number;
		if (b < 0x80) {
			i++;
			continue;
		}
		const len =
			b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
		let ok = len > 0;
		let cut = false;
		for (let k = 1; ok && k < len; k++) {
			if (i + k >= n) cut = true;
			else if (((bytes[i + k] as number) & 0xc0) !== 0x80) ok = false;
		}
		if (cut) break;
		if (ok) {
			valid++;
			i += len;
		} else {
			if (firstInvalid < 0) firstInvalid = i;
			invalid++;
			i++;
		}
	}
	return { firstInvalid, invalid, valid };
}

function isSupported(label: string): boolean {
	try {
		new TextDecoder(label);
		return true;
	} catch {
		return false;
	}
}

function countChar(text: string, ch: string): number {
	let n = 0;
	for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) n++;
	return n;
}

function countByte(bytes: Uint8Array, b: number): number {
	let n = 0;
	for (let i = bytes.indexOf(b); i >= 0; i = bytes.indexOf(b, i + 1)) n++;
	return n;
}

function countReplacementBytes(bytes: Uint8Array): number {
	let n = 0;
	for (
		let i = bytes.indexOf(0xef);
		i >= 0 && i + 2 < bytes.length;
		i = bytes.indexOf(0xef, i + 1)
	) {
		if (bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) n++;
	}
	return n;
}

function pushGzip(gunzip: Gunzip, bytes: Uint8Array, final: boolean): DecodeFailure | null {
	try {
		gunzip.push(bytes, final);
		return null;
	} catch (error) {
		const message = describe(error);
		if (/unexpected EOF/i.test(message)) {
			return {
				kind: 'truncated-gzip',
				message:
					'The gzip file is cut off (unexpected end of data); every complete line before the cut was imported.'
			};
		}
		return {
			kind: 'corrupt-gzip',
			message: `The gzip data is damaged (${message}); every complete line before the damage was imported.`
		};
	}
}

function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
