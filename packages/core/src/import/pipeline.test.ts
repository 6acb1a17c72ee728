import Dexie from 'dexie';
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { listImports, loadSessionEvents, querySessions } from '../storage/queries.js';
import { getDumpLink, listQualityStreams, loadSeries, loadSeriesView, streamChunks } from '../storage/quality.js';
import { linkDumpSession } from '../storage/writer.js';
import type { SessionKey } from '../model/ids.js';
import type { SessionRow } from '../model/rows.js';
import { deleteImport } from '../storage/writer.js';
import { storedSessionCount } from '../storage/store-counts.js';
import { freshDb, jsonl, readShared } from '../test-support/helpers.js';
import type { RtcscopeDb } from '../storage/db.js';
import { importFile, type ImportOptions } from './pipeline.js';

const DOCS = readShared(
	'data/real/openvidu-cdr/extracted/openvidu.io-docs__cdr-doc-examples-2018-2022.jsonl'
);

function file(content: BlobPart, name = 'cdr.log'): File {
	return new File([content], name);
}

async function run(db: RtcscopeDb, f: File, options: Partial<ImportOptions> = {}) {
	return importFile({ file: f, name: f.name }, { db, ...options });
}

const session = (id: string, at: number) => ({ sessionCreated: { sessionId: id, timestamp: at } });
const joined = (sid: string, pid: string, at: number) => ({
	participantJoined: {
		sessionId: sid,
		participantId: pid,
		timestamp: at,
		platform: 'Chrome 120.0 on Linux 64-bit',
		clientData: `user-${pid}`
	}
});
const left = (sid: string, pid: string, at: number, start: number, reason = 'disconnect') => ({
	participantLeft: {
		sessionId: sid,
		participantId: pid,
		timestamp: at,
		startTime: start,
		duration: Math.round((at - start) / 1000),
		reason
	}
});

/** N sessions of one join and one leave each, one line per event. */
function manySessions(n: number, t0 = 1_700_000_000_000): string {
	const lines: object[] = [];
	for (let i = 0; i < n; i++) {
		const at = t0 + i * 1000;
		lines.push(
			session(`s${i}`, at),
			joined(`s${i}`, `p${i}`, at + 10),
			left(`s${i}`, `p${i}`, at + 500_000, at + 10)
		);
	}
	return jsonl(lines);
}

describe('importFile', () => {
	it('imports the real 2018–2022 doc lines: done, every line counted, sessions searchable', async () => {
		const db = freshDb();
		const outcome = await run(db, file(DOCS, 'docs.jsonl'));
		expect(outcome.kind).toBe('done');
		expect(outcome.progress.counts).toMatchObject({
			lines: 26,
			records: 26,
			stored: 26,
			errors: 0
		});
		const [record] = await listImports(db);
		expect(record).toMatchObject({
			status: 'done',
			format: 'openvidu-cdr',
			name: 'docs.jsonl',
			committedWindow: 0
		});
		const page = await querySessions(db, { text: 'fds4e07' });
		expect(page.rows.map((r) => r.sessionId)).toEqual(['fds4e07mdug1ga3h']);
		expect((await querySessions(db, { text: 'MIKE' })).rows.map((r) => r.sessionId)).toEqual([
			'ses_SuXO99zeb1'
		]);
		expect((await querySessions(db, { text: '6ptvp0in' })).rows.map((r) => r.sessionId)).toEqual([
			'fds4e07mdug1ga3h'
		]);
	});

	it('a second import of the same file adds nothing', async () => {
		const db = freshDb();
		await run(db, file(DOCS));
		const blocks = await db.eventBlocks.count();
		const again = await run(db, file(DOCS, 'renamed.jsonl'));
		expect(again.kind).toBe('duplicate');
		expect(again.progress.message).toMatch(/Already imported/);
		expect(await db.eventBlocks.count()).toBe(blocks);
		expect(await db.imports.count()).toBe(1);
	});

	it('reports each bad line with its number and imports every good line', async () => {
		const db = freshDb();
		const text =
			'\uFEFF' +
			[
				JSON.stringify(session('bad-mix', 1_700_000_000_000)),
				'{"participantJoined":{"sessionId":"bad-mix",', // 2: invalid JSON
				JSON.stringify(joined('bad-mix', 'p1', 1_700_000_001_000)),
				'{"sessionCreated":{"sessionId":"x","timestamp":1},"sessionDestroyed":{"sessionId":"x","timestamp":2}}', // 4
				'{"participantJoined":{"sessionId":"bad-mix","participantId":"p2"}}', // 5: no timestamp
				'',
				'{"mysteryEvent":{"sessionId":"bad-mix","timestamp":1700000002000}}', // 7: unknown, kept
				JSON.stringify(left('bad-mix', 'p1', 1_700_000_090_000, 1_700_000_001_000)),
				'{"sessionDestroyed":{"sessionId":"bad-mix","timest' // 9: cut off
			].join('\r\n');
		const outcome = await run(db, file(text));
		expect(outcome.kind).toBe('done');
		expect(outcome.progress.problems.map((p) => [p.line, p.code])).toEqual([
			[2, 'invalid-json'],
			[4, 'multiple-event-keys'],
			[5, 'missing-field'],
			[7, 'unknown-event'],
			[9, 'truncated-line']
		]);
		expect(outcome.progress.counts).toMatchObject({
			lines: 9,
			records: 4,
			stored: 4,
			errors: 4,
			warnings: 1,
			sessions: 1
		});
		const { rows } = await querySessions(db);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			sessionId: 'bad-mix',
			participantIds: ['p1'],
			firstAt: 1_700_000_000_000,
			lastAt: 1_700_000_090_000
		});
	});

	it('reads gzip, and a truncated gzip keeps the lines before the cut', async () => {
		const text = manySessions(3000);
		const gz = gzipSync(new TextEncoder().encode(text));
		const db = freshDb();
		const whole = await run(db, file(gz as Uint8Array<ArrayBuffer>, 'cdr.log.gz'));
		expect(whole.kind).toBe('done');
		expect(whole.progress.counts.sessions).toBe(3000);
		expect((await listImports(db))[0]?.gzip).toBe(true);

		const db2 = freshDb();
		const cut = await run(
			db2,
			file(gz.subarray(0, Math.floor(gz.length * 0.6)) as Uint8Array<ArrayBuffer>, 'cut.gz')
		);
		expect(cut.kind).toBe('done');
		expect(cut.progress.problems.map((p) => p.code)).toContain('truncated-gzip');
		const sessions = cut.progress.counts.sessions;
		expect(sessions).toBeGreaterThan(500);
		expect(sessions).toBeLessThan(3000);
	});

	it('rejects an empty, a binary and an unrelated file with a clear reason', async () => {
		const db = freshDb();
		const empty = await run(db, file('', 'empty.log'));
		expect(empty.kind).toBe('failed');
		expect(empty.progress.message).toBe('The file is empty: there is nothing to import.');
		const binary = await run(
			db,
			file(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 9, 0, 255]), 'a.zip')
		);
		expect(binary.kind).toBe('failed');
		expect(binary.progress.problems[0]?.code).toBe('binary-file');
		const csv = await run(db, file('time,bitrate\n1,2\n', 'stats.csv'));
		expect(csv.kind).toBe('failed');
		expect(csv.progress.message).toBe('rtcscope does not recognise this file; it starts with “time,bitrate 1,2”. The inputs it reads are listed above the drop zone.');
		expect((await listImports(db)).map((r) => r.status)).toEqual(['failed', 'failed', 'failed']);
	});

	it('imports a 5 MB single line, keeping the start of its clientData', async () => {
		const db = freshDb();
		const line = JSON.stringify({
			participantJoined: {
				sessionId: 'big',
				participantId: 'p',
				timestamp: 1_700_000_000_000,
				clientData: 'z'.repeat(5 * 1024 * 1024)
			}
		});
		const outcome = await run(db, file(line));
		expect(outcome.kind).toBe('done');
		expect(outcome.progress.counts.records).toBe(1);
		expect(outcome.progress.problems.map((p) => p.code)).toEqual(['detail-truncated']);
	});

	it('gives the same sessions whatever the window size', async () => {
		const text = manySessions(500);
		const big = freshDb();
		await run(big, file(text));
		const small = freshDb();
		const outcome = await run(small, file(text), { windowMaxLines: 7 });
		expect(outcome.progress.counts.stored).toBe(1500);
		// blockRefs differ (other windows), everything the views read must not.
		const strip = (rows: SessionRow[]) => rows.map(({ blockRefs: _refs, ...rest }) => rest);
		const a = await big.sessions.orderBy('key').toArray();
		const b = await small.sessions.orderBy('key').toArray();
		expect(strip(b)).toEqual(strip(a));
		expect(b.filter((r) => r.blockRefs.length > 1).length).toBeGreaterThan(100);
		for (const key of [
			'openvidu:s0',
			'openvidu:s2',
			'openvidu:s250',
			'openvidu:s499'
		] as SessionKey[]) {
			const eventsOf = async (db: RtcscopeDb) =>
				(await loadSessionEvents(db, key)).map(({ importId: _i, ...e }) => e);
			expect(await eventsOf(small)).toEqual(await eventsOf(big));
		}
	});

	it('stops cleanly when storage is full, keeps earlier windows, and resumes when the file is dropped again', async () => {
		const text = manySessions(300);
		const db = freshDb();
		const realBulkPut = db.eventBlocks.bulkPut.bind(db.eventBlocks);
		let calls = 0;
		db.eventBlocks.bulkPut = ((...args: Parameters<typeof realBulkPut>) => {
			calls++;
			if (calls === 4)
				return Promise.reject(
					new DOMException('The quota has been exceeded.', 'QuotaExceededError')
				);
			return realBulkPut(...args);
		}) as typeof realBulkPut;
		const failed = await run(db, file(text), { windowMaxLines: 100 });
		expect(failed.kind).toBe('failed');
		expect(failed.progress.message).toMatch(
			/^Storage is full\. This file needs about \d+ MB more\. Everything imported before this point is kept/
		);
		const record = (await listImports(db))[0];
		expect(record).toMatchObject({ status: 'failed', committedWindow: 2 });
		expect(await db.sessions.count()).toBe(100);
		expect(await storedSessionCount(db)).toBe(100);

		db.eventBlocks.bulkPut = realBulkPut;
		const resumed = await run(db, file(text), { windowMaxLines: 100 });
		expect(resumed.kind).toBe('done');
		expect((await listImports(db))[0]).toMatchObject({ status: 'done', committedWindow: 9 });
		const clean = freshDb();
		await run(clean, file(text), { windowMaxLines: 100 });
		expect(await db.sessions.orderBy('key').toArray()).toEqual(
			await clean.sessions.orderBy('key').toArray()
		);
		expect(await db.eventBlocks.count()).toBe(await clean.eventBlocks.count());
		expect(await storedSessionCount(db)).toBe(await clean.sessions.count());
	});

	it('stores a dump in one commit with its final window: storage full there leaves none of it, and dropping it again imports it whole', async () => {
		// Guilospanck's dump: one file, one window (its events are a few connection-state lines),
		// quality streams and forensic detail below the batch limits of import/dump-writes.ts.
		const text = readShared('data/real/webrtc-internals/Guilospanck-webrtc-stats-analyzer__webrtc_internals_dump.txt');
		const dump = () => new File([text], 'dump.txt');
		const tables = (db: RtcscopeDb) => [db.sessions, db.eventBlocks, db.qualityStreams, db.seriesPacks, db.pcDetails, db.statsPacks];
		const counts = async (db: RtcscopeDb) => Promise.all(tables(db).map((t) => t.count()));
		const clean = freshDb();
		expect((await run(clean, dump())).kind).toBe('done');
		const whole = await counts(clean);
		expect(whole[2]).toBeGreaterThan(0);
		expect(whole[4]).toBeGreaterThan(0);

		const db = freshDb();
		const realBulkPut = db.eventBlocks.bulkPut.bind(db.eventBlocks);
		db.eventBlocks.bulkPut = (() => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))) as unknown as typeof realBulkPut;
		const failed = await run(db, dump());
		expect(failed.kind).toBe('failed');
		expect(await counts(db)).toEqual([0, 0, 0, 0, 0, 0]);
		expect((await listImports(db))[0]).toMatchObject({ status: 'failed' });

		db.eventBlocks.bulkPut = realBulkPut;
		expect((await run(db, dump())).kind).toBe('done');
		expect(await counts(db)).toEqual(whole);
	});

	it("writes a small dump's import record in the transaction of its rows, a large file's before them", async () => {
		// Guilospanck's dump (855 kB, read whole): one commit, with its record. AndreiDen's
		// (3.0 MB): its record first, so an import interrupted after a commit is found and resumed.
		const writes = (db: RtcscopeDb) => {
			const seen: string[][] = [];
			for (const method of ['put', 'update'] as const) {
				const real = (db.imports[method] as (...a: unknown[]) => unknown).bind(db.imports);
				(db.imports as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
					seen.push([...(Dexie.currentTransaction?.storeNames ?? [])].sort());
					return real(...args);
				};
			}
			return seen;
		};
		const small = freshDb();
		const smallWrites = writes(small);
		const smallText = readShared('data/real/webrtc-internals/Guilospanck-webrtc-stats-analyzer__webrtc_internals_dump.txt');
		expect((await run(small, new File([smallText], 'small.txt'))).kind).toBe('done');
		expect(smallWrites.length).toBeGreaterThan(0);
		for (const stores of smallWrites) expect(stores).toEqual(expect.arrayContaining(['eventBlocks', 'imports', 'qualityStreams', 'sessions']));
		expect((await listImports(small))[0]).toMatchObject({ status: 'done', name: 'small.txt' });

		const large = freshDb();
		const largeWrites = writes(large);
		const largeText = readShared('data/real/webrtc-internals/AndreiDen-WebRTC_stats_parser__webrtc_internals_dump.txt');
		expect(largeText.length).toBeGreaterThan(1024 * 1024);
		expect((await run(large, new File([largeText], 'large.txt'))).kind).toBe('done');
		expect(largeWrites[0]).not.toContain('sessions');
	});

	it('cancel removes what the import had written', async () => {
		const db = freshDb();
		const controller = new AbortController();
		const realBulkPut = db.eventBlocks.bulkPut.bind(db.eventBlocks);
		let windows = 0;
		db.eventBlocks.bulkPut = ((...args: Parameters<typeof realBulkPut>) => {
			if (++windows === 3) controller.abort();
			return realBulkPut(...args);
		}) as typeof realBulkPut;
		const outcome = await run(db, file(manySessions(2000)), {
			windowMaxLines: 200,
			signal: controller.signal
		});
		expect(windows).toBe(3);
		expect(outcome.kind).toBe('cancelled');
		expect(await db.sessions.count()).toBe(0);
		expect(await storedSessionCount(db)).toBe(0);
		expect(await db.eventBlocks.count()).toBe(0);
		expect(await db.imports.count()).toBe(0);
	});

	it('deleting one of two files of a session rebuilds the session from the other', async () => {
		const db = freshDb();
		const first = jsonl([
			session('shared', 1_700_000_000_000),
			joined('shared', 'a', 1_700_000_001_000)
		]);
		const second = jsonl([
			joined('shared', 'b', 1_700_000_100_000),
			left('shared', 'b', 1_700_000_200_000, 1_700_000_100_000)
		]);
		const one = await run(db, file(first, 'one.log'));
		await run(db, file(second, 'two.log'));
		expect((await db.sessions.get('openvidu:shared'))?.participantIds.sort()).toEqual(['a', 'b']);
		await deleteImport(db, one.importId as never);
		expect(await db.sessions.get('openvidu:shared')).toMatchObject({
			participantIds: ['b'],
			firstAt: 1_700_000_100_000,
			importIds: [expect.any(String)]
		});
		expect(await db.imports.count()).toBe(1);
	});
});

describe('importing WebRTC stats dumps', () => {
	it('writes quality streams as columnar chunks, the dump as a session, and removes both with the import', async () => {
		const db = freshDb();
		const text = readShared(
			'data/real/webrtc-internals/AndreiDen-WebRTC_stats_parser__webrtc_internals_dump.txt'
		);
		const outcome = await run(db, file(text, 'webrtc_internals_dump.txt'));
		expect(outcome.kind).toBe('done');
		expect(outcome.progress.format).toBe('webrtc-internals');
		expect(outcome.progress.counts).toMatchObject({ streams: 8, points: 1733, sessions: 1 });
		const { rows } = await querySessions(db);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ provider: 'webrtc', participantIds: ['18084-8', '18084-9'] });
		const streams = await listQualityStreams(db, rows[0]!.key);
		expect(streams).toHaveLength(8);
		const video = streams.find((s) => s.direction === 'outbound' && s.kind === 'video')!;
		expect(video.summary.bitrateBpsAvg).toBeGreaterThan(200_000);
		const series = await loadSeries(db, video);
		expect(series.t.length).toBe(video.points);
		expect(series.cols.bitrateBps?.length).toBe(video.points);
		expect(Number.isNaN(series.cols.bitrateBps![0]!)).toBe(true);
		expect(series.cols.bitrateBps![10]).toBeGreaterThan(0);
		// The 8 streams' 1,733 samples (one chunk each) are one row of packed chunks.
		expect(await db.seriesPacks.count()).toBe(1);
		expect(streams.every((s) => s.packs?.length === 1)).toBe(true);

		await deleteImport(db, outcome.importId as never);
		expect(await db.qualityStreams.count()).toBe(0);
		expect(await db.seriesPacks.count()).toBe(0);
		expect(await db.sessions.count()).toBe(0);
	});

	it('splits a long stream into chunks and reads a time range back', async () => {
		const db = freshDb();
		// A synthetic rtcstats dump: 10,000 one-second samples of one outbound audio stream.
		const lines = ['["create","PC_0",{},1700000000000]'];
		for (let i = 0; i < 10_000; i++) {
			const stats =
				i === 0
					? { OA: { type: 'outbound-rtp', kind: 'audio', bytesSent: 0, timestamp: 0 } }
					: { OA: { bytesSent: i * 4000, timestamp: 0 } };
			lines.push(JSON.stringify(['getstats', 'PC_0', stats, 1_700_000_000_000 + i * 1000]));
		}
		const outcome = await run(db, file(lines.join('\n'), 'long.rtcstats'));
		expect(outcome.kind).toBe('done');
		const [stream] = await db.qualityStreams.toArray();
		expect(stream?.points).toBe(10_000);
		// 10,000 samples in chunks of 4,096: 3 chunks, packed in one row (storage/series-packs.ts).
		expect((await streamChunks(db, stream!)).map((c) => [c.seq, c.t.length])).toEqual([
			[0, 4096],
			[1, 4096],
			[2, 1808]
		]);
		expect(stream?.packs).toEqual([[stream?.key, 0]]);
		expect(await db.seriesChunks.count()).toBe(0);
		const all = await loadSeries(db, stream!);
		expect(all.t.length).toBe(10_000);
		expect(all.cols.bitrateBps![5000]).toBe(32_000);
		const part = await loadSeries(db, stream!, 1_700_000_000_000 + 9_000_000, Infinity);
		expect(part.t.length).toBe(10_000 - 8192);
	});

	it('keeps a min/max overview of long streams and reads it for wide ranges, full samples when zoomed in', async () => {
		const db = freshDb();
		const lines = ['["create","PC_0",{},1700000000000]'];
		for (let i = 0; i < 20_000; i++) {
			const stats = i === 0 ? { OA: { type: 'outbound-rtp', kind: 'audio', bytesSent: 0, timestamp: 0 } } : { OA: { bytesSent: i * 4000 + (i === 12_345 ? 40_000 : 0), timestamp: 0 } };
			lines.push(JSON.stringify(['getstats', 'PC_0', stats, 1_700_000_000_000 + i * 1000]));
		}
		await run(db, file(lines.join('\n'), 'long.rtcstats'));
		const [stream] = await db.qualityStreams.toArray();
		expect(await db.seriesOverviews.count()).toBe(1);
		const wide = await loadSeriesView(db, stream!, -Infinity, Infinity, 5000);
		expect(wide.resolution).toBe('overview');
		expect(wide.metrics.bitrateBps!.t.length).toBeLessThanOrEqual(4096);
		// The spike at sample 12,345 survives the overview.
		expect(Math.max(...wide.metrics.bitrateBps!.v.filter(Number.isFinite))).toBe(352_000);
		const zoomed = await loadSeriesView(db, stream!, 1_700_000_000_000 + 12_000_000, 1_700_000_000_000 + 13_000_000, 5000);
		expect(zoomed.resolution).toBe('full');
		expect(zoomed.metrics.bitrateBps!.t.length).toBe(1001);
	});
});

describe('linking dumps to the session of their call', () => {
	const rtcstatsDump = (url: string) =>
		jsonl([
			['create', 'PC_0', {}, url, 1_601_394_700_000],
			[
				'getstats',
				'PC_0',
				{ OA: { type: 'outbound-rtp', kind: 'audio', bytesSent: 0, timestamp: 0 } },
				1_601_394_701_000
			],
			['getstats', 'PC_0', { OA: { bytesSent: 4000, timestamp: 0 } }, 1_601_394_702_000],
			['getstats', 'PC_0', { OA: { bytesSent: 8000, timestamp: 0 } }, 1_601_394_703_000]
		]);

	it('links automatically when the page URL names an imported session', async () => {
		const db = freshDb();
		await run(db, file(DOCS.split('\n').slice(0, 24).join('\n') + '\n', 'cdr.log'));
		const api = { db };
		await run(
			api.db,
			file(rtcstatsDump('https://app.example/room/ses_SuXO99zeb1?user=mike'), 'mike.rtcstats')
		);
		const linked = await listQualityStreams(db, 'openvidu:ses_SuXO99zeb1' as SessionKey);
		expect(linked).toHaveLength(1);
		expect(linked[0]).toMatchObject({
			direction: 'outbound',
			kind: 'audio',
			// The URL's `user=mike` names the one connection whose clientData is "Mike" (docs CDR line
			// 20: con_ZTMYOmVuZB, the session's only participant), so the streams are that connection's.
			participantId: 'con_ZTMYOmVuZB',
			linkedSessionKey: 'openvidu:ses_SuXO99zeb1'
		});
		expect(await listQualityStreams(db, 'openvidu:fds4e07mdug1ga3h' as SessionKey)).toEqual([]);
	});

	it('links by hand, mapping the peer connection to a participant, and unlinks', async () => {
		const db = freshDb();
		await run(db, file(DOCS, 'cdr.log'));
		const dump = await run(db, file(rtcstatsDump('https://other.example/'), 'x.rtcstats'));
		expect(dump.kind).toBe('done');
		const [dumpSession] = (await querySessions(db, { text: 'dump-' })).rows;
		const target = 'openvidu:ses_SuXO99zeb1' as SessionKey;
		await linkDumpSession(db, dumpSession!.key, target, { PC_0: 'con_ZTMYOmVuZB' });
		expect((await listQualityStreams(db, target)).map((s) => s.participantId)).toEqual([
			'con_ZTMYOmVuZB'
		]);
		expect(await getDumpLink(db, dumpSession!.key)).toEqual({
			targetKey: target,
			participants: { PC_0: 'con_ZTMYOmVuZB' }
		});
		await linkDumpSession(db, dumpSession!.key, null, {});
		expect(await listQualityStreams(db, target)).toEqual([]);
	});
});
