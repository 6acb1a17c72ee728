import { describe, expect, it } from 'vitest';
import { LineSplitter } from './lines.js';

interface Collected {
	lines: [number, string, boolean][];
	overlong: [number, string, number][];
	end: { lines: number; lastLineUnterminated: boolean };
}

function split(pieces: string[], maxLineChars?: number): Collected {
	const lines: Collected['lines'] = [];
	const overlong: Collected['overlong'] = [];
	const splitter = new LineSplitter(
		{
			line: (text, n, unterminated) => lines.push([n, text, unterminated]),
			overlong: (n, head, total) => overlong.push([n, head, total])
		},
		maxLineChars
	);
	for (const piece of pieces) splitter.push(piece);
	return { lines, overlong, end: splitter.end() };
}

/** Feeds `text` in every chunk size from 1 to 7 and checks the result never changes. */
function splitAllChunkings(text: string): Collected {
	const whole = split([text]);
	for (let size = 1; size <= 7; size++) {
		const pieces: string[] = [];
		for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
		expect(split(pieces)).toEqual(whole);
	}
	return whole;
}

describe('LineSplitter', () => {
	it('splits LF lines and numbers them from 1', () => {
		const r = splitAllChunkings('a\nbb\nccc\n');
		expect(r.lines).toEqual([
			[1, 'a', false],
			[2, 'bb', false],
			[3, 'ccc', false]
		]);
		expect(r.end).toEqual({ lines: 3, lastLineUnterminated: false });
	});

	it('strips a UTF-8 BOM at the start only', () => {
		const r = splitAllChunkings('\uFEFF{"a":1}\n\uFEFFx\n');
		expect(r.lines.map((l) => l[1])).toEqual(['{"a":1}', '\uFEFFx']);
	});

	it('treats CRLF as one line end, also when split across chunks', () => {
		const r = splitAllChunkings('one\r\ntwo\r\nthree\r\n');
		expect(r.lines.map((l) => l[1])).toEqual(['one', 'two', 'three']);
		expect(split(['one\r', '\ntwo\r', '\n']).lines.map((l) => l[1])).toEqual(['one', 'two']);
	});

	it('keeps a lone CR inside a line (JSON Lines ends lines with LF or CRLF only)', () => {
		expect(splitAllChunkings('a\rb\nc\r\n').lines.map((l) => l[1])).toEqual(['a\rb', 'c']);
	});

	it('strips the CR of a CRLF last line without its LF', () => {
		expect(splitAllChunkings('a\r\nb\r').lines.map((l) => l[1])).toEqual(['a', 'b']);
	});

	it('stays fast when one splitter reads many chunks (no per-line slowdown)', () => {
		const line = JSON.stringify({ sessionCreated: { sessionId: 'ses_x', timestamp: 1 } });
		const chunk = `${line}\n`.repeat(20_000);
		const times: number[] = [];
		for (let rep = 0; rep < 4; rep++) {
			let n = 0;
			const s = new LineSplitter({ line: () => n++, overlong: () => {} });
			const t0 = performance.now();
			for (let i = 0; i < 10; i++) s.push(chunk);
			s.end();
			times.push(performance.now() - t0);
			expect(n).toBe(200_000);
		}
		// Not a benchmark: only a guard against the pathological slowdown seen in Chromium.
		expect(Math.max(...times.slice(1))).toBeLessThan(Math.max(50, times[0]! * 20));
	});

	it('delivers a last line without newline, flagged as unterminated', () => {
		const r = splitAllChunkings('first\nlast');
		expect(r.lines).toEqual([
			[1, 'first', false],
			[2, 'last', true]
		]);
		expect(r.end.lastLineUnterminated).toBe(true);
	});

	it('keeps empty lines in the numbering', () => {
		const r = splitAllChunkings('\n\nx\n\n');
		expect(r.lines.map((l) => [l[0], l[1]])).toEqual([
			[1, ''],
			[2, ''],
			[3, 'x'],
			[4, '']
		]);
	});

	it('delivers a long line assembled from many chunks', () => {
		const long = 'x'.repeat(100_000);
		const pieces = [];
		for (let i = 0; i < long.length; i += 333) pieces.push(long.slice(i, i + 333));
		const r = split([...pieces, '\nnext\n']);
		expect(r.lines[0]?.[1]).toHaveLength(100_000);
		expect(r.lines[1]).toEqual([2, 'next', false]);
	});

	it('skips a line over the limit without holding it, and carries on', () => {
		const r = split(['ok\n', 'y'.repeat(30), 'y'.repeat(30), '\nafter\n'], 50);
		expect(r.lines.map((l) => l[1])).toEqual(['ok', 'after']);
		expect(r.overlong).toEqual([[2, 'y'.repeat(60), 60]]);
		expect(r.end.lines).toBe(3);
	});

	it('skips an overlong line that arrives inside one chunk, and an overlong last line', () => {
		const r = split([`a\n${'z'.repeat(80)}\nb\n${'w'.repeat(70)}`], 50);
		expect(r.lines.map((l) => l[1])).toEqual(['a', 'b']);
		expect(r.overlong.map(([n, , total]) => [n, total])).toEqual([
			[2, 80],
			[4, 70]
		]);
		expect(r.end).toEqual({ lines: 4, lastLineUnterminated: true });
	});

	it('handles an empty input', () => {
		expect(split([]).end).toEqual({ lines: 0, lastLineUnterminated: false });
		expect(split(['']).lines).toEqual([]);
	});
});
