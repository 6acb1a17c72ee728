import fc from 'fast-check';
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { RtcscopeDb } from '../storage/db.js';
import { listImports } from '../storage/queries.js';
import { ChunkedBlob, freshDb, readShared } from '../test-support/helpers.js';
import { importFile } from './pipeline.js';
import { JsonValueSplitter } from './json-values.js';

/**
 * Properties of the import (issue 17), over lines drawn from the real docs CDR, broken variants
 * of them and noise: it never throws; the stored result does not depend on how the file is cut
 * into chunks, on CRLF vs LF, on gzip, on importing twice, or on a resume after a failure.
 */
const REAL = readShared('data/real/openvidu-cdr/extracted/openvidu.io-docs__cdr-doc-examples-2018-2022.jsonl')
	.split('\n')
	.filter((l) => l.trim());

const line = fc.oneof(
	{ weight: 6, arbitrary: fc.constantFrom(...REAL) },
	{ weight: 1, arbitrary: fc.constantFrom(...REAL).chain((l) => fc.nat(l.length).map((n) => l.slice(0, n))) },
	{ weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
	{ weight: 1, arbitrary: fc.constantFrom('{}', '[]', 'null', '{"participantJoined":{}}', '{"sessionCreated":{"sessionId":"x","timestamp":1584008771500000}}', '\uFEFF', '["getstats"]') }
);
const fileText = fc.array(line, { minLength: 1, maxLength: 30 }).map((ls) => ls.join('\n') + '\n');

/** What the views read: every session row without block references, and every import's counts. */
async function stored(db: RtcscopeDb) {
	const sessions = (await db.sessions.orderBy('key').toArray()).map(({ blockRefs: _b, importIds: _i, ...rest }) => rest);
	const imports = (await listImports(db)).filter((i) => i.status === 'done').map((i) => ({ stored: i.counts.stored, sessions: i.counts.sessions }));
	return { sessions, imports };
}

async function importOnce(content: Blob, name = 'cdr.log', windowMaxLines?: number, db = freshDb()) {
	const outcome = await importFile({ file: content, name }, { db, ...(windowMaxLines ? { windowMaxLines } : {}) });
	return { db, outcome };
}

const RUNS = { numRuns: 25 };

describe('import properties', () => {
	it('never throws, whatever the lines', async () => {
		await fc.assert(
			fc.asyncProperty(fileText, async (text) => {
				const { outcome } = await importOnce(new Blob([text]), 'x.log', undefined, freshDb());
				expect(['done', 'failed']).toContain(outcome.kind);
			}),
			RUNS
		);
	});

	it('chunk-split invariance: any chunk size stores the same', async () => {
		await fc.assert(
			fc.asyncProperty(fileText, fc.integer({ min: 1, max: 97 }), async (text, chunk) => {
				const whole = await importOnce(new Blob([text]));
				const cut = await importOnce(new ChunkedBlob([text], chunk));
				expect(await stored(cut.db)).toEqual(await stored(whole.db));
			}),
			RUNS
		);
	});

	it('CRLF ≡ LF, gzip ≡ plain', async () => {
		await fc.assert(
			fc.asyncProperty(fileText, async (text) => {
				const lf = await importOnce(new Blob([text]));
				const crlf = await importOnce(new Blob([text.replace(/\n/g, '\r\n')]));
				const gz = await importOnce(new Blob([gzipSync(new TextEncoder().encode(text))]), 'cdr.log.gz');
				const expected = await stored(lf.db);
				expect(await stored(crlf.db)).toEqual(expected);
				expect(await stored(gz.db)).toEqual(expected);
			}),
			RUNS
		);
	});

	it('twice ≡ once (the same bytes, and the same content gzipped)', async () => {
		await fc.assert(
			fc.asyncProperty(fileText, async (text) => {
				const once = await importOnce(new Blob([text]));
				const twice = await importOnce(new Blob([text]));
				await importFile({ file: new Blob([text]), name: 'again.log' }, { db: twice.db });
				await importFile({ file: new Blob([gzipSync(new TextEncoder().encode(text))]), name: 'again.log.gz' }, { db: twice.db });
				expect(await stored(twice.db)).toEqual(await stored(once.db));
			}),
			RUNS
		);
	});

	it('resume ≡ clean: a storage failure at any window, then the same file again', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(fc.constantFrom(...REAL), { minLength: 8, maxLength: 40 }), fc.integer({ min: 1, max: 6 }), async (lines, failAt) => {
				const text = lines.join('\n') + '\n';
				const clean = await importOnce(new Blob([text]), 'cdr.log', 3);
				const db = freshDb();
				const realBulkPut = db.eventBlocks.bulkPut.bind(db.eventBlocks);
				let calls = 0;
				db.eventBlocks.bulkPut = ((...args: Parameters<typeof realBulkPut>) => {
					if (++calls === failAt) return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
					return realBulkPut(...args);
				}) as typeof realBulkPut;
				const first = await importOnce(new Blob([text]), 'cdr.log', 3, db);
				db.eventBlocks.bulkPut = realBulkPut;
				const resumed = await importOnce(new Blob([text]), 'cdr.log', 3, db);
				// A failure past the last window never happened: the second drop is then a duplicate.
				expect(resumed.outcome.kind).toBe(first.outcome.kind === 'done' ? 'duplicate' : 'done');
				// The card's count is what the import holds, windows committed before the failure included.
				if (resumed.outcome.kind === 'done') expect(resumed.outcome.progress.counts.stored).toBe(clean.outcome.progress.counts.stored);
				expect(await stored(db)).toEqual(await stored(clean.db));
			}),
			{ numRuns: 15 }
		);
	});

	it('JSON values: splitting is independent of the chunks', () => {
		fc.assert(
			fc.property(fc.array(fc.jsonValue(), { maxLength: 8 }), fc.integer({ min: 1, max: 13 }), fc.boolean(), (values, chunk, pretty) => {
				const objects = values.map((v) => ({ v }));
				const text = JSON.stringify(objects, null, pretty ? 2 : undefined);
				const read: unknown[] = [];
				const splitter = new JsonValueSplitter({ value: (t) => read.push(JSON.parse(t)), stray: () => undefined });
				for (let at = 0; at < text.length; at += chunk) splitter.push(text.slice(at, at + chunk));
				splitter.end();
				expect(read).toEqual(JSON.parse(text));
			})
		);
	});
});
