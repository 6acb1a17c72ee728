import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventLog, streamHealthView, transcodeSamples } from '../analysis/stream-health.js';
import { importFile } from '../import/pipeline.js';
import type { HealthSnapshotRow, LivepeerEventRow } from '../model/livepeer.js';
import { DIGEST_BUCKET_MS } from '../model/livepeer-digest.js';
import { freshDb, storeAtVersion, readShared } from '../test-support/helpers.js';
import { listLivepeerStreams, loadHealthSnapshots, loadLivepeerEvents, loadStreamHealth, loadStreamHealthEvents, writeLivepeer } from './livepeer.js';
import { deleteImport } from './writer.js';
import { RtcscopeDb } from './db.js';

/**
 * The Stream Health view reads digests (model/livepeer-digest.ts), not the stored events: every
 * figure it shows must be the same either way, whatever the events and however they arrived.
 */
function view(events: readonly LivepeerEventRow[]) {
	return {
		...streamHealthView(events, []),
		log: eventLog(events),
		logWithMetrics: eventLog(events, { withMetrics: true }),
		ids: events.map((e) => e.id),
		times: events.map((e) => e.timestamp)
	};
}

const T0 = 1_700_000_000_000;
const eventArb = (streamId: string) =>
	fc.record({
		id: fc.string({ minLength: 1, maxLength: 6 }),
		// Ties and bucket edges on purpose: a few distinct times over about 40 minutes.
		at: fc.oneof(fc.integer({ min: 0, max: 4 }).map((k) => T0 + k * DIGEST_BUCKET_MS - (k % 2)), fc.integer({ min: 0, max: 2_400_000 }).map((d) => T0 + d)),
		kind: fc.constantFrom('ok', 'slow', 'failed', 'error', 'bare', 'state', 'webhook', 'metrics', 'other'),
		n: fc.integer({ min: 0, max: 99 })
	}).map(({ id, at, kind, n }): LivepeerEventRow => {
		const base = { id: `e${id}`, streamId, timestamp: at, importId: '', line: n + 1 };
		const segment = { seqNo: n, duration: 2, byteSize: 400_000 + n };
		switch (kind) {
			case 'ok':
				return { ...base, type: 'transcode', data: { segment, latencyMs: 300 + n, success: true, attempts: [{ orchestrator: { transcodeUri: 'https://o-1.example:443' }, error: null }] } };
			case 'slow':
				return { ...base, type: 'transcode', data: { segment: { seqNo: n, duration: 1.5 }, latencyMs: 2_500, nodeId: 'b-0' } };
			case 'failed':
				return { ...base, type: 'transcode', data: { segment, success: false, nodeId: n % 2 ? 'b-1' : undefined } };
			case 'error':
				return { ...base, type: 'transcode', data: { segment, latencyMs: 0, success: n % 3 !== 0, attempts: [{ orchestrator: { address: '0xabc' }, error: 'OrchestratorBusy' }, { error: 'timeout' }, {}] } };
			case 'bare':
				return { ...base, type: 'transcode', data: {} };
			case 'state':
				return { ...base, type: 'stream_state', data: { state: { active: n % 4 !== 0 } } };
			case 'webhook':
				return { ...base, type: 'webhook_event', data: { event: ['multistream.connected', 'multistream.error', 'multistream.disconnected', 'stream.started'][n % 4], payload: JSON.stringify({ target: { id: `t${n % 3}`, name: `Target ${n % 3}` }, error: 'bad key' }) } };
			case 'metrics':
				return { ...base, type: 'media_server_metrics', data: { nodeId: 'm-1', stats: { mediaTimeMs: n * 1000 }, multistream: [{ target: { id: `t${n % 3}` }, metrics: { activeSec: n % 2 } }] } };
			default:
				return { ...base, type: 'mystery', data: { n } };
		}
	});

describe('Livepeer digests (what Stream Health reads)', () => {
	it('give every figure of the view as the stored events do, events written in any batches', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(eventArb('s'), { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 7 }), async (events, batch) => {
				const db = freshDb();
				for (let i = 0; i < events.length; i += batch) await writeLivepeer(db, { events: events.slice(i, i + batch), health: [] });
				const stored = await loadLivepeerEvents(db, 's');
				const digested = await loadStreamHealthEvents(db, 's');
				expect(view(digested)).toEqual(view(stored));
				// The view's samples, read from the digests' columns: the stored events' own.
				const data = await loadStreamHealth(db, 's');
				expect(data.samples).toEqual(transcodeSamples(stored));
				expect(streamHealthView(data.events, [], data.samples)).toEqual(streamHealthView(stored, []));
				expect(eventLog(data.events, { withMetrics: true }, data.samples)).toEqual(eventLog(stored, { withMetrics: true }));
				const [summary] = await listLivepeerStreams(db);
				expect(summary?.events).toBe(stored.length);
				expect(summary?.lastAt).toBe(Math.max(...stored.map((e) => e.timestamp)));
				db.close();
			}),
			{ numRuns: Number(process.env.DIGEST_RUNS ?? 60) }
		);
	}, 60_000);

	it('are read once for the stream list and the shown stream: the same as the separate reads, the newest stream by default', async () => {
		const db = freshDb();
		const ofS = fc.sample(eventArb('s'), { numRuns: 30, seed: 3 });
		const ofT = fc.sample(eventArb('t'), { numRuns: 30, seed: 4 });
		await writeLivepeer(db, { events: [...ofS, ...ofT], health: [] });
		// A health response for "s" probed after every event: "s" is then the newest stream.
		const newest = Math.max(...[...ofS, ...ofT].map((e) => e.timestamp)) + 1;
		const probe: HealthSnapshotRow = { streamId: 's', probeAt: newest, importId: 'x', line: 1, healthy: null, conditions: [], metrics: [] };
		await writeLivepeer(db, { events: [], health: [probe] });
		const list = await listLivepeerStreams(db);
		expect(list.map((x) => x.streamId)).toEqual(['s', 't']);
		expect(list[0]?.health).toBe(1);
		for (const wanted of [null, 's', 't', 'none']) {
			const shown = wanted ?? 's';
			const data = await loadStreamHealth(db, wanted);
			expect(data.streams).toEqual(list);
			expect(data.streamId).toBe(shown);
			expect(data.events).toEqual(await loadStreamHealthEvents(db, shown));
			expect(data.snapshots).toEqual(await loadHealthSnapshots(db, shown));
		}
		expect((await loadStreamHealth(db, 't')).events.length).toBe(list[1]?.events);
		db.close();
	});

	it("follow the document's events capture, and an import removed (its buckets rebuilt from what stays)", async () => {
		const spec = readShared('spec', 'sources', 'livepeer-stream-health.txt');
		const start = spec.indexOf('retry: 10000');
		const capture = spec.slice(start, spec.indexOf('\n...', start)) + '\n';
		const db = freshDb();
		const first = await importFile({ file: new Blob([capture]), name: 'events.txt' }, { db });
		// Read by hand in livepeer-stream-health.txt: the capture's events belong to stream {id}.
		const stored = await loadLivepeerEvents(db, '{id}');
		expect(stored.length).toBeGreaterThan(0);
		expect(view(await loadStreamHealthEvents(db, '{id}'))).toEqual(view(stored));

		// A second import of the same stream, an hour later; then the first import is removed.
		const later: LivepeerEventRow[] = stored.map((e, i) => ({ ...e, id: `later-${i}`, timestamp: e.timestamp + 3_600_000, importId: 'other' }));
		await writeLivepeer(db, { events: later, health: [] });
		await deleteImport(db, first.importId as never);
		const remaining = await loadLivepeerEvents(db, '{id}');
		expect(remaining.map((e) => e.id)).toEqual(later.map((e) => e.id));
		expect(view(await loadStreamHealthEvents(db, '{id}'))).toEqual(view(remaining));
		expect((await listLivepeerStreams(db))[0]?.events).toBe(later.length);
		db.close();
	});

	it('are built for events stored before digests existed (schema 7 upgrade)', async () => {
		// A version-6 store: events, no digests.
		const { name, old } = storeAtVersion(6);
		const events = fc.sample(eventArb('old'), { numRuns: 40, seed: 7 });
		await old.table('livepeerEvents').bulkPut([...new Map(events.map((e) => [e.id, e])).values()]);
		old.close();
		const upgraded = new RtcscopeDb(name);
		const stored = await loadLivepeerEvents(upgraded, 'old');
		expect(stored.length).toBeGreaterThan(10);
		expect(view(await loadStreamHealthEvents(upgraded, 'old'))).toEqual(view(stored));
		upgraded.close();
	});
});
