import { Gunzip } from 'fflate';

/**
 * Turns a file's byte stream into text chunks, gunzipping on the fly.
 *
 * Why fflate and not `DecompressionStream('gzip')`: Chromium's DecompressionStream rejects
 * multi-member files (`cat a.gz b.gz`, as rotated logs are) and, on a truncated file, errors
 * without handing over the data it already inflated. fflate's streaming Gunzip inflates every
 * member and throws "unexpected EOF" only after delivering everything before the cut.
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
		signal?: AbortSignal;
	}
): AsyncGenerator<string> {
	const decoder = new TextDecoder('utf-8');
	const reader = stream.getReader();
	let bytesRead = 0;
	let inflated: Uint8Array[] = [];
	const gunzip = options.gzip
		? new Gunzip((chunk) => {
				inflated.push(chunk);
			})
		: null;
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
				const text = decoder.decode(bytes, { stream: true });
				if (text) yield text;
				continue;
			}
			const failure = pushGzip(gunzip, bytes, false);
			for (const text of drain()) yield text;
			if (failure) {
				options.onFailure(failure);
				failed = true;
				break;
			}
		}
		if (gunzip && !failed) {
			const failure = pushGzip(gunzip, new Uint8Array(0), true);
			for (const text of drain()) yield text;
			if (failure) options.onFailure(failure);
		}
		const tail = decoder.decode();
		if (tail) yield tail;
	} finally {
		reader.releaseLock();
	}

	function* drain(): Generator<string> {
		const chunks = inflated;
		inflated = [];
		for (const chunk of chunks) {
			const text = decoder.decode(chunk, { stream: true });
			if (text) yield text;
		}
	}
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
