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

describe('text encodings', () => {
	it('a Latin-1 page (the 2019 Firefox about:webrtc save) reads as windows-1252, and says so', async () => {
		// Read: byte 0xED in "Estatísticas da sessão" on line 1 — not UTF-8.
		const { readFileSync } = await import('node:fs');
		const { sharedPath } = await import('../test-support/helpers.js');
		const bytes = readFileSync(
			sharedPath('data/real/firefox-about-webrtc/Faracoeng-SMU29009__aboutWebrtc.html')
		);
		const notes: string[] = [];
		let text = '';
		const blob = new ChunkedBlob([bytes], 4096);
		for await (const piece of decodeText(blob.stream(), {
			gzip: false,
			onFailure: () => {},
			onEncoding: (n) => notes.push(n.message)
		}))
			text += piece;
		expect(text).toContain('<h3>Estatísticas da sessão</h3>');
		expect(text).not.toContain('\uFFFD');
		expect(notes).toEqual([
			'The file is not UTF-8 (the first invalid byte is on line 1); it was read as windows-1252 (Latin-1, the web’s default for such files).'
		]);
	});

	it('UTF-16 with a byte-order mark is decoded, both byte orders', async () => {
		const text = '{"sessionCreated":{"sessionId":"s","timestamp":1}}\n';
		const le = new Uint8Array([0xff, 0xfe, ...[...text].flatMap((c) => [c.charCodeAt(0), 0])]);
		const be = new Uint8Array([0xfe, 0xff, ...[...text].flatMap((c) => [0, c.charCodeAt(0)])]);
		expect((await decode(le, false, 7)).text).toBe(text);
		expect((await decode(be, false, 3)).text).toBe(text);
	});

	it('invalid bytes after a valid UTF-8 start are counted, with where the first is', async () => {
		const head = 'ß'.repeat(40_000) + '\n'; // 80 KB of valid UTF-8: the encoding is decided on it
		const bytes = new Uint8Array([
			...enc.encode(head),
			...enc.encode('bad '),
			0xff,
			0xfe,
			...enc.encode(' end\n')
		]);
		const invalid: [number, string][] = [];
		let text = '';
		for await (const piece of decodeText(new ChunkedBlob([bytes], 100_000).stream(), {
			gzip: false,
			onFailure: () => {},
			onInvalid: (count, index, chunk) => invalid.push([count, chunk.slice(index - 4, index + 2)])
		}))
			text += piece;
		expect(text.endsWith('bad \uFFFD\uFFFD end\n')).toBe(true);
		expect(invalid).toEqual([[2, 'bad \uFFFD\uFFFD']]);
	});
});
