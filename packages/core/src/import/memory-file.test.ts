import { describe, expect, it } from 'vitest';
import { listQualityStreams } from '../storage/quality.js';
import { querySessions } from '../storage/queries.js';
import type { SessionKey } from '../model/ids.js';
import type { RtcscopeDb } from '../storage/db.js';
import { freshDb, readShared } from '../test-support/helpers.js';
import { fingerprint } from './fingerprint.js';
import { MemoryFile, reviveImportBytes, type ImportBytes } from './memory-file.js';
import { importFile } from './pipeline.js';

/**
 * The demo's generated files are read from memory (memory-file.ts) instead of a File: the same
 * bytes must give the same import, byte for byte. Guilospanck's real webrtc-internals dump holds
 * 10 quality streams in session dump-cg82wrhyxc (read in the file; duplicates.test.ts).
 */
const DUMP = 'data/real/webrtc-internals/Guilospanck-webrtc-stats-analyzer__webrtc_internals_dump.txt';

async function bytesOf(source: ImportBytes): Promise<Uint8Array> {
	const parts: Uint8Array[] = [];
	const reader = source.stream().getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		parts.push(value);
	}
	const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.byteLength;
	}
	return out;
}

/** Byte equality (vitest's deep equality walks a 3 MiB array element by element: far too slow). */
const same = (a: Uint8Array, b: Uint8Array) => a.byteLength === b.byteLength && Buffer.compare(a, b) === 0;

describe('MemoryFile', () => {
	const bytes = new Uint8Array(3 * 1024 * 1024 + 17).map((_, i) => (i * 31) % 251);
	const memory = new MemoryFile(bytes);
	const blob = new Blob([bytes]);

	it('slices as a Blob does (clamped, negative from the end)', async () => {
		for (const [start, end] of [[0, 10], [5, 3], [-20, undefined], [-5, -2], [10, 10 ** 9], [undefined, undefined]] as const) {
			const a = new Uint8Array(await memory.slice(start, end).arrayBuffer());
			const b = new Uint8Array(await blob.slice(start, end).arrayBuffer());
			expect(same(a, b), `slice(${start}, ${end})`).toBe(true);
		}
	});

	it('streams every byte in order, in chunks of at most 1 MiB', async () => {
		expect(same(await bytesOf(memory), bytes)).toBe(true);
		const chunks: number[] = [];
		const reader = memory.stream().getReader();
		for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value.byteLength);
		expect(chunks).toEqual([1048576, 1048576, 1048576, 17]);
	});

	it('hands out copies: changing what arrayBuffer gave changes nothing', async () => {
		const copy = new Uint8Array(await memory.arrayBuffer());
		copy[0] = 255;
		expect(memory.bytes[0]).toBe(0);
	});

	it('crosses a worker boundary as its bytes and is revived', async () => {
		const crossed = structuredClone(memory) as unknown;
		expect(crossed instanceof MemoryFile).toBe(false);
		const revived = reviveImportBytes(crossed);
		expect(revived).toBeInstanceOf(MemoryFile);
		expect(same(await bytesOf(revived), bytes)).toBe(true);
		expect(reviveImportBytes(blob)).toBe(blob);
		expect(() => reviveImportBytes({ size: 3 })).toThrow(TypeError);
	});

	it('has the fingerprint of a Blob of the same bytes', async () => {
		expect(await fingerprint(memory)).toBe(await fingerprint(blob));
	});
});

describe('a real dump from memory imports as from a File', () => {
	const text = readShared(DUMP);
	const run = async (db: RtcscopeDb, file: ImportBytes) => {
		const outcome = await importFile({ file, name: 'dump.txt' }, { db });
		const sessions = (await querySessions(db, {})).rows.map((r) => r.key);
		return {
			kind: outcome.kind,
			id: outcome.importId,
			counts: outcome.progress.counts,
			sessions,
			streams: (await listQualityStreams(db, 'webrtc:dump-cg82wrhyxc' as SessionKey)).length
		};
	};

	it('same import id, counts, session and 10 streams', async () => {
		const fromFile = await run(freshDb(), new File([text], 'dump.txt'));
		const fromMemory = await run(freshDb(), MemoryFile.fromText(text));
		expect(fromFile.sessions).toEqual(['webrtc:dump-cg82wrhyxc']);
		expect(fromFile.streams).toBe(10);
		expect(fromMemory).toEqual(fromFile);
	});
});
