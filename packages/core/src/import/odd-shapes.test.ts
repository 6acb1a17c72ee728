import { describe, expect, it } from 'vitest';
import { loadSessionEvents, listImports, querySessions } from '../storage/queries.js';
import { listQualityStreams } from '../storage/quality.js';
import type { SessionKey } from '../model/ids.js';
import type { RtcscopeDb } from '../storage/db.js';
import { freshDb, readShared } from '../test-support/helpers.js';
import { importFile } from './pipeline.js';

/**
 * The shapes people actually save and the clocks they carry (issue 17), each derived from a real
 * file of ../shared/data/real/ and checked against the plain import of that file.
 */
const DOCS = readShared('data/real/openvidu-cdr/extracted/openvidu.io-docs__cdr-doc-examples-2018-2022.jsonl');
const DOC_OBJECTS = DOCS.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, unknown>);
const RELAY = readShared('data/real/rtcstats/jitsi-rtcstats-server__chrome-relay');
const GUILOSPANCK = readShared('data/real/webrtc-internals/Guilospanck-webrtc-stats-analyzer__webrtc_internals_dump.txt');

async function imp(content: BlobPart, name = 'x.log', db: RtcscopeDb = freshDb()) {
	const outcome = await importFile({ file: new File([content], name), name }, { db });
	const rows = (await querySessions(db, {})).rows;
	let events = 0;
	for (const r of rows) events += (await loadSessionEvents(db, r.key)).length;
	const streams = rows[0] ? (await listQualityStreams(db, rows[0].key as SessionKey)).length : 0;
	const problems = outcome.progress.problems.map((p) => ({ code: p.code, line: p.line, message: p.message }));
	return { db, outcome, sessions: rows.map((r) => r.key).sort(), events, streams, problems };
}

describe('one JSON document instead of JSON Lines', () => {
	// Read in the file: 26 lines, 26 events in 4 sessions.
	it('the docs CDR as a JSON array (one line, pretty) and as pretty objects reads as its lines', async () => {
		const plain = await imp(DOCS);
		expect({ sessions: plain.sessions.length, events: plain.events }).toEqual({ sessions: 4, events: 26 });
		for (const text of [JSON.stringify(DOC_OBJECTS), JSON.stringify(DOC_OBJECTS, null, 2), DOC_OBJECTS.map((o) => JSON.stringify(o, null, 2)).join('\n')]) {
			const doc = await imp(text);
			expect(doc.outcome.kind).toBe('done');
			expect({ sessions: doc.sessions, events: doc.events }).toEqual({ sessions: plain.sessions, events: 26 });
			expect(doc.problems.map((p) => p.code)).toEqual(['file-shape']);
		}
	});

	it('a pretty-printed webhook object, and a broken element named by the line it starts on', async () => {
		const hook = await imp(JSON.stringify({ sessionId: 'ses_Hook', uniqueSessionId: 'ses_Hook_1', timestamp: 1_700_000_000_000, event: 'sessionCreated' }, null, 4));
		expect({ kind: hook.outcome.kind, sessions: hook.sessions, events: hook.events }).toEqual({ kind: 'done', sessions: ['openvidu:ses_Hook'], events: 1 });
		const pretty = JSON.stringify(DOC_OBJECTS.slice(0, 3), null, 2).split('\n');
		// Break the second element's first field (line 6 of the pretty array: `  {` is line 5… read below).
		const second = pretty.findIndex((l, i) => i > 1 && l === '  {');
		pretty[second + 1] = '    "participantJoined": {,';
		const broken = await imp(pretty.join('\n'));
		expect(broken.events).toBe(2);
		expect(broken.problems.find((p) => p.code === 'invalid-json')?.line).toBe(second + 1);
	});
});

describe('clocks in other units', () => {
	const line = (at: number) => JSON.stringify({ sessionCreated: { sessionId: 'ses_T', timestamp: at } });
	it('µs, ns and s are converted with a warning per line; out of range is skipped with its line', async () => {
		// 1584008771500 ms = 2020-03-12T10:26:11.500Z (docs CDR line 20).
		const r = await imp([line(1_584_008_771_500_000), line(1_584_008_771_500_000_000), line(1_584_008_771), line(1_584_008_771_500), line(52_000_000_000_000_000_000)].join('\n') + '\n');
		expect(r.outcome.kind).toBe('done');
		const events = await loadSessionEvents(r.db, 'openvidu:ses_T' as SessionKey);
		expect(events.map((e) => e.at).sort()).toEqual([1_584_008_771_000, 1_584_008_771_500, 1_584_008_771_500, 1_584_008_771_500]);
		expect(r.problems.map((p) => `${p.code}@${p.line}`)).toEqual(['time-unit@1', 'time-unit@2', 'time-unit@3', 'time-out-of-range@5']);
		expect(r.problems[0]?.message).toBe('Line 1: sessionCreated.timestamp 1584008771500000 is in µs, not the ms OpenVidu writes; it was read as 2020-03-12T10:26:11.500Z.');
	});
});

describe('text encodings', () => {
	const utf16 = (text: string, bigEndian: boolean) => {
		const out = new Uint8Array(2 + text.length * 2);
		out.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
		for (let i = 0; i < text.length; i++) {
			const c = text.charCodeAt(i);
			out[2 + 2 * i + (bigEndian ? 1 : 0)] = c & 0xff;
			out[2 + 2 * i + (bigEndian ? 0 : 1)] = c >> 8;
		}
		return out;
	};
	it('UTF-16 LE and BE with a byte-order mark read as the UTF-8 file does', async () => {
		const plain = await imp(RELAY);
		for (const be of [false, true]) {
			const r = await imp(utf16(RELAY, be));
			expect({ sessions: r.sessions, events: r.events, streams: r.streams }).toEqual({ sessions: plain.sessions, events: plain.events, streams: 6 });
			expect(r.problems.map((p) => p.code)).toEqual(['text-encoding']);
		}
	});

	it('invalid UTF-8 past the first 64 KiB is named with its line; the rest imports', async () => {
		const lines = DOCS.split('\n');
		const padding = Array.from({ length: 400 }, (_, i) => JSON.stringify({ sessionCreated: { sessionId: `pad${i}`, timestamp: 1_700_000_000_000 + i, note: 'x'.repeat(200) } }));
		const text = [...padding, ...lines].join('\n');
		const bytes = new TextEncoder().encode(text);
		const at = bytes.length - 40;
		bytes[at] = 0xff;
		const r = await imp(bytes);
		const bad = r.problems.find((p) => p.code === 'invalid-utf8');
		expect(bad?.line).toBe(text.slice(0, at).split('\n').length);
		expect(await r.db.sessions.count()).toBe(404);
	});
});

describe('dumps of odd shapes', () => {
	it('webrtc-internals series whose values are JSON arrays are read, with a note', async () => {
		const dump = JSON.parse(GUILOSPANCK) as { PeerConnections: Record<string, { stats: Record<string, { values: unknown }> }> };
		for (const pc of Object.values(dump.PeerConnections)) for (const s of Object.values(pc.stats)) if (typeof s.values === 'string') s.values = JSON.parse(s.values);
		const r = await imp(JSON.stringify(dump));
		expect(r.streams).toBe(10);
		expect(r.problems.map((p) => p.code)).toEqual(['wrong-type']);
		expect(r.problems[0]?.message).toMatch(/^891 stats series hold their "values" as a JSON array/);
	});

	it('rtcstats without its first full getstats (line 41): types from the Chrome ids, 4 of 6 streams, named', async () => {
		// Read in the file: after line 41, IT01A1914853159 never changes and IT01V1680749614 changes
		// no byte counter: those two hold nothing to chart; the other 4 streams are kept.
		const lines = RELAY.split('\n');
		const r = await imp(lines.filter((_, i) => i !== 40).join('\n'));
		expect(r.streams).toBe(4);
		const note = r.problems.find((p) => p.code === 'missing-field');
		expect(note?.message).toContain('22 stats objects first appear as a change without their type');
		// 16 typed from their ids (OT01V…, IT01V…, RIV…, CP…, T01, CF…); the 6 ICE candidates
		// (`I` + candidate id) cannot be told local from remote by the id and are not charted anyway.
		expect(note?.message).toContain('the type was read from the Chrome stats id or the fields of 16; 6 that show neither were left out of the charts');
	});

	it('a bare ["getstats"] record is named by its line', async () => {
		const lines = RELAY.split('\n');
		lines.splice(16, 0, '["getstats"]');
		const r = await imp(lines.join('\n'));
		expect(r.streams).toBe(6);
		expect(r.problems).toEqual([{ code: 'missing-field', line: 17, message: 'Line 17 is a getstats record without a peer connection; it holds no sample and was skipped.' }]);
	});
});

describe('refused files', () => {
	it('a bundle of a newer version fails with its reason and is imported again when dropped again', async () => {
		const text = JSON.stringify({ rtcscopeBundle: 99, exportedAt: 1_700_000_000_000 }) + '\n';
		const db = freshDb();
		const first = await imp(text, 'case.rtcscope', db);
		expect(first.outcome.kind).toBe('failed');
		expect(first.outcome.progress.message).toMatch(/^This bundle was written by a newer rtcscope \(bundle format 99/);
		expect((await listImports(db))[0]).toMatchObject({ status: 'failed' });
		const again = await imp(text, 'case.rtcscope', db);
		expect(again.outcome.kind).toBe('failed');
	});
});
