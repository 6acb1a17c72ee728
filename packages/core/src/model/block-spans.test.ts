import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importFile } from '../import/pipeline.js';
import { BlockCache } from '../storage/blocks.js';
import { loadSessionEvents } from '../storage/queries.js';
import { freshDb, readShared } from '../test-support/helpers.js';
import type { ModelEvent } from './events.js';
import { sessionKey } from './ids.js';
import { blockEvents, blockScopesEvents, encodeBlockEvents, type EventBlockRow } from './rows.js';

const eventArb: fc.Arbitrary<ModelEvent> = fc.record({
	at: fc.integer({ min: 0, max: 2 ** 42 }),
	type: fc.constantFrom('participantJoined', 'webrtcConnectionCreated', 'recordingStatusChanged'),
	category: fc.constant('connection' as const),
	phase: fc.constantFrom('start' as const, 'end' as const),
	severity: fc.constant('info' as const),
	// Text from the client: quotes, backslashes, astral and lone surrogates move the offsets.
	detail: fc.record({ kind: fc.constant('connection' as const), clientData: fc.string({ unit: 'binary' }) }),
	line: fc.nat()
});

// Scopes as the model writes them (never integer-like: an object would reorder those).
const scopeArb = fc.string({ unit: 'binary', maxLength: 12 }).map((s) => `s:openvidu:${s}`);

const partsArb = fc.uniqueArray(fc.tuple(scopeArb, fc.array(eventArb, { maxLength: 5 })), { selector: ([scope]) => scope, maxLength: 8 });

function row(json: { eventsJson: string; spans?: EventBlockRow['spans'] }): EventBlockRow {
	return { imp: 'i' as EventBlockRow['imp'], seq: 0, part: 0, count: 0, clusterScopes: [], ...json };
}

describe('event block spans (model/rows.ts encodeBlockEvents)', () => {
	it('write the text JSON.stringify writes, and each span parses to its scope’s events', () => {
		fc.assert(
			fc.property(partsArb, (parts) => {
				const encoded = encodeBlockEvents(parts);
				expect(encoded.eventsJson).toBe(JSON.stringify(Object.fromEntries(parts)));
				expect(encoded.spans.scopes).toEqual(parts.map(([scope]) => scope));
				const block = row(encoded);
				for (const [scope, events] of parts) expect(blockEvents(block, scope)).toEqual(JSON.parse(JSON.stringify(events)));
				expect(blockScopesEvents(block, () => true)).toEqual(JSON.parse(JSON.stringify(parts)));
			}),
			{ numRuns: 200 }
		);
	});

	it('read a block written before spans the same way, parsed whole', () => {
		fc.assert(
			fc.property(partsArb, fc.integer({ min: 0, max: 7 }), (parts, pick) => {
				const withSpans = row(encodeBlockEvents(parts));
				const without = row({ eventsJson: withSpans.eventsJson });
				const scope = parts[pick % Math.max(1, parts.length)]?.[0] ?? 's:none';
				expect(blockEvents(without, scope)).toEqual(blockEvents(withSpans, scope));
				expect(blockScopesEvents(without, (s) => s !== scope)).toEqual(blockScopesEvents(withSpans, (s) => s !== scope));
				expect(blockEvents(without, 's:absent')).toEqual([]);
			}),
			{ numRuns: 200 }
		);
	});

	it('give each session of a real CDR file its own lines, read from one block', async () => {
		// Read by hand in openvidu.io-docs__cdr-doc-examples-2018-2022.jsonl: 26 lines, each with a
		// sessionId: fds4e07mdug1ga3h 16, TestSession 4, ses_SuXO99zeb1 4, ses_Jd8tUyvhXO 2.
		const text = readShared('data', 'real', 'openvidu-cdr', 'extracted', 'openvidu.io-docs__cdr-doc-examples-2018-2022.jsonl');
		const db = freshDb();
		await importFile({ file: new Blob([text]), name: 'cdr-doc-examples.jsonl' }, { db });
		const blocks = await db.eventBlocks.toArray();
		expect(blocks).toHaveLength(1);
		expect(blocks[0]?.spans?.scopes).toHaveLength(4);
		const cache = new BlockCache(db);
		for (const [id, lines] of [['fds4e07mdug1ga3h', 16], ['TestSession', 4], ['ses_SuXO99zeb1', 4], ['ses_Jd8tUyvhXO', 2]] as const) {
			const key = sessionKey('openvidu', id);
			const events = await loadSessionEvents(db, key);
			expect(new Set(events.map((e) => e.line)).size).toBe(lines);
			const row = await db.sessions.get(key);
			expect(await cache.sessionEvents(row as NonNullable<typeof row>)).toEqual(events);
		}
		db.close();
	});
});
