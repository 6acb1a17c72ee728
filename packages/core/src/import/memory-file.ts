/**
 * What an import reads (pipeline.ts ImportInput.file): a browser `Blob` / `File`, or bytes already
 * in the worker's memory ({@link MemoryFile}). The pipeline uses only these four members.
 */
export interface ImportBytes {
	/** Length in bytes. */
	readonly size: number;
	/** Bytes [start, end) as another source (Blob semantics: clamped, negative from the end). */
	slice(start?: number, end?: number): ImportBytes;
	/** A copy of the bytes. */
	arrayBuffer(): Promise<ArrayBuffer>;
	/** The bytes in chunks, in order. */
	stream(): ReadableStream<Uint8Array>;
}

/** Chunk size of {@link MemoryFile.stream} (as a Blob's stream reads, about). */
const CHUNK_BYTES = 1024 * 1024;

/**
 * Generated input (the demo fleet's files) as bytes in memory. Why not `new File([text])`: every
 * Blob is copied to the browser's blob store and every read is a round trip back to it; for the
 * demo fleet's 290 MB that was 4.9 s of the ingest worker's time (`BENCH_ONLY=profile`) plus the
 * browser process's, on a machine of two cores. A MemoryFile crosses to a helper worker as its
 * bytes (structured clone) and is revived there by {@link reviveImportBytes}.
 */
export class MemoryFile implements ImportBytes {
	constructor(readonly bytes: Uint8Array) {}

	/** UTF-8 bytes of `text`. */
	static fromText(text: string): MemoryFile {
		return new MemoryFile(new TextEncoder().encode(text));
	}

	get size(): number {
		return this.bytes.byteLength;
	}

	slice(start = 0, end = this.size): MemoryFile {
		return new MemoryFile(this.bytes.subarray(clamp(start, this.size), clamp(end, this.size)));
	}

	arrayBuffer(): Promise<ArrayBuffer> {
		return Promise.resolve(this.bytes.slice().buffer);
	}

	stream(): ReadableStream<Uint8Array> {
		const bytes = this.bytes;
		let at = 0;
		return new ReadableStream<Uint8Array>({
			pull(controller) {
				if (at >= bytes.byteLength) {
					controller.close();
					return;
				}
				const end = Math.min(bytes.byteLength, at + CHUNK_BYTES);
				controller.enqueue(bytes.subarray(at, end));
				at = end;
			}
		});
	}
}

function clamp(index: number, size: number): number {
	const at = index < 0 ? size + index : index;
	return Math.max(0, Math.min(size, at));
}

/**
 * The file of an input that crossed a worker boundary: a Blob arrives as a Blob, a MemoryFile as
 * a plain `{ bytes }` (structured clone keeps fields, not classes) and becomes a MemoryFile again.
 * @throws TypeError for anything else (a caller's bug, not bad input).
 */
export function reviveImportBytes(file: unknown): ImportBytes {
	if (file instanceof MemoryFile) return file;
	if (typeof file === 'object' && file !== null) {
		if (typeof (file as Blob).stream === 'function' && typeof (file as Blob).slice === 'function') return file as Blob;
		const bytes = (file as { bytes?: unknown }).bytes;
		if (bytes instanceof Uint8Array) return new MemoryFile(bytes);
	}
	throw new TypeError('An import input must be a Blob or a MemoryFile.');
}
