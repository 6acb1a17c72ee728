import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ChunkedBlob } from '../test-support/helpers.js';
import { decodeText, type DecodeFailure } from './decode.js';

async function decode(
	bytes: Uint8Array,
	gzip: boolean,
	chunkSize = 5
): Promise<{ text: string; failures: DecodeFailure[] }> {
	const failures: DecodeFailure[] = [];
	let text = '';
	const blob = new ChunkedBlob([bytes as Uint8Array<ArrayBuffer>], chunkSize);
	for await (const piece of decodeText(blob.stream(), {
		gzip,
		onFailure: (f) => failures.push(f)
	})) {
		text += piece;
	}
	return { text, failures };
}

const enc = new TextEncoder();

describe('decodeText', () => {
	it('decodes UTF-8 split inside multi-byte characters', async () => {
		const text = 'São Paulo, Brazil — 東京\n';
		for (const size of [1, 2, 3, 5]) {
			expect((await decode(enc.encode(text), false, size)).text).toBe(text);
		}
	});

	it('gunzips a multi-member file (cat a.gz b.gz) completely', async () => {
		const a = gzipSync(enc.encode('line 1\nline 2\n'));
		const b = gzipSync(enc.encode('line 3\n'));
		const both = new Uint8Array(a.length + b.length);
		both.set(a);
		both.set(b, a.length);
		for (const size of [1, 7, 4096]) {
			const r = await decode(both, true, size);
			expect(r.text).toBe('line 1\nline 2\nline 3\n');
			expect(r.failures).toEqual([]);
		}
	});

	it('delivers what came before a truncation and reports it', async () => {
		const body = Array.from({ length: 2000 }, (_, i) => `{"line":${i}}`).join('\n') + '\n';
		const gz = gzipSync(enc.encode(body));
		const r = await decode(gz.subarray(0, Math.floor(gz.length / 2)), true, 64);
		expect(r.failures.map((f) => f.kind)).toEqual(['truncated-gzip']);
		expect(r.text.length).toBeGreaterThan(1000);
		expect(body.startsWith(r.text)).toBe(true);
	});

	it('reports corrupt data after the good part', async () => {
		const good = gzipSync(enc.encode('fine\n'));
		const junk = new Uint8Array(good.length + 6);
		junk.set(good);
		junk.set([1, 2, 3, 4, 5, 6], good.length);
		const r = await decode(junk, true);
		expect(r.text).toBe('fine\n');
		expect(r.failures.map((f) => f.kind)).toEqual(['corrupt-gzip']);
	});
});
