import { gunzipSync, gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildSessionModel } from '../analysis/session-model.js';
import { sessionStatistics } from '../analysis/statistics.js';
import { sliceSession } from '../analysis/meeting-slice.js';
import { CdrWriter } from '../demo/cdr-lines.js';
import { packColumn, unpackColumn } from '../formats/bundle/codec.js';
import type { DerivedStream } from '../formats/webrtc-stats/types.js';
import { importFile } from '../import/pipeline.js';
import { sessionKey, type ImportId, type SessionKey } from '../model/ids.js';
import { streamRows } from '../quality/rows.js';
import { freshDb, readShared } from '../test-support/helpers.js';
import { Random } from '../util/rng.js';
import { exportBundle } from './bundle.js';
import { listCases, saveCase } from './cases.js';
import type { RtcscopeDb } from './db.js';
import { loadSessionEvents } from './queries.js';
import { listQualityStreams, loadSeries } from './quality.js';
import { commitStreams } from './writer.js';
import { listPcDetails, loadAllStatsObjects } from './pc-details.js';

const DOCS = readShared('data/real/openvidu-cdr/extracted/openvidu.io-docs__cdr-doc-examples-2018-2022.jsonl');
const WI = readShared('data/real/webrtc-internals/AndreiDen-WebRTC_stats_parser__webrtc_internals_dump.txt');

async function view(db: RtcscopeDb, key: SessionKey) {
	const model = buildSessionModel(key, await loadSessionEvents(db, key));
	const stats = sessionStatistics(sliceSession(model, null));
	const streams = await listQualityStreams(db, key);
	const series = await Promise.all(streams.map((s) => loadSeries(db, s)));
	const details = await listPcDetails(db, key);
	const objects = await Promise.all(details.map((d) => loadAllStatsObjects(db, d)));
	return {
		// Dump forensics: every connection's catalogue, descriptions, bands, ICE and each object's samples.
		forensics: details.map((d, i) => [
			d.pcId,
			d.objects.length,
			d.descriptions.map((x) => x.sdp.length).join(),
			d.bands.length,
			JSON.stringify(d.ice),
			(objects[i] ?? [])
				.map((o) => `${o.objectId}:${o.t.length}:${Object.values(o.numbers).map((c) => [...c].filter((v) => !Number.isNaN(v)).reduce((a, b) => a + b, 0)).join('/')}:${Object.keys(o.texts).length}`)
				.sort()
				.join('|')
		]),
		participants: model.participants.map((p) => [p.participantId, p.joinedAt, p.leftAt, p.leaveReason]),
		publications: model.publications.length,
		subscriptions: model.subscriptions.length,
		recordings: model.recordings.map((r) => [r.recordingId, r.status, r.history.length]),
		meetings: model.meetings.map((m) => [m.startAt, m.endAt]),
		stats,
		events: model.events.length,
		streams: streams.map((s) => [s.pcId, s.objectId, s.direction, s.points, s.freezes.length, s.linkedSessionKey ?? null]).sort(),
		// What the charts print: kbps with one decimal, ms and % with two.
		series: series.map((s) => [
			[...(s.cols.bitrateBps ?? [])].map((v) => (Number.isFinite(v) ? (v / 1000).toFixed(1) : '-')).join(),
			[...(s.cols.jitterMs ?? [])].map((v) => (Number.isFinite(v) ? v.toFixed(2) : '-')).join(),
			[...(s.cols.packetLossPct ?? [])].map((v) => (Number.isFinite(v) ? v.toFixed(2) : '-')).join()
		]).sort()
	};
}

describe('case bundles', () => {
	it('restores exactly what the views showed, adds nothing when imported twice, and keeps the case', async () => {
		const db = freshDb();
		await importFile({ file: new File([DOCS], 'cdr.log'), name: 'cdr.log' }, { db });
		const dump = await importFile({ file: new File([WI], 'dump.txt'), name: 'dump.txt' }, { db });
		expect(dump.kind).toBe('done');
		const keys = (await db.sessions.toCollection().primaryKeys()) as SessionKey[];
		const cdrKey = keys.find((k) => k.startsWith('openvidu:')) as SessionKey;
		const dumpKey = keys.find((k) => k.startsWith('webrtc:')) as SessionKey;
		await saveCase(db, { sessionKey: cdrKey, meeting: null, name: 'customer call', tags: ['network', 'vip'] });
		const before = [await view(db, cdrKey), await view(db, dumpKey)];
		// The dump's two connections carry forensic detail (AndreiDen: 2 PCs of one tab).
		expect(before[1]?.forensics.length).toBe(2);

		const out = await exportBundle(db, { caseIds: [`${cdrKey}#all`], sessionKeys: [dumpKey], notes: 'for support' });
		expect(out.header.counts.cases).toBe(1);
		expect(out.header.sources.map((s) => s.name).sort()).toEqual(['cdr.log', 'dump.txt']);
		expect(out.name).toMatch(/\.rtcscope$/);
		const text = new TextDecoder().decode(gunzipSync(out.bytes));
		expect(text).not.toMatch(/password|secret|apiKey/i);

		const fresh = freshDb();
		const first = await importFile({ file: new File([out.bytes], out.name), name: out.name }, { db: fresh });
		expect(first.kind).toBe('done');
		expect(first.progress.format).toBe('rtcscope-bundle');
		expect([await view(fresh, cdrKey), await view(fresh, dumpKey)]).toEqual(before);
		expect((await listCases(fresh)).map((c) => [c.name, c.tags])).toEqual([['customer call', ['network', 'vip']]]);
		const again = await importFile({ file: new File([out.bytes], out.name), name: out.name }, { db: fresh });
		expect(again.kind).toBe('duplicate');
		expect([await view(fresh, cdrKey), await view(fresh, dumpKey)]).toEqual(before);
	});

	it('adds no stream twice when opened over the files it was exported from', async () => {
		// AndreiDen's dump (read by hand: 2 peer connections of one tab) beside the docs CDR; the
		// bundle of both, opened in the same store (a session opened from ClickHouse that the
		// browser had imported, or an ingest run merging a session's earlier parts).
		const db = freshDb();
		await importFile({ file: new File([DOCS], 'cdr.log'), name: 'cdr.log' }, { db });
		await importFile({ file: new File([WI], 'dump.txt'), name: 'dump.txt' }, { db });
		const keys = (await db.sessions.toCollection().primaryKeys()) as SessionKey[];
		const streamsBefore = await db.qualityStreams.count();
		expect(streamsBefore).toBeGreaterThan(0);
		const before = await Promise.all(keys.map((k) => view(db, k)));
		const out = await exportBundle(db, { sessionKeys: keys });
		const opened = await importFile({ file: new File([out.bytes], out.name), name: out.name }, { db });
		expect(opened.kind).toBe('done');
		expect(await db.qualityStreams.count()).toBe(streamsBefore);
		// Events arrive twice in the blocks but count once (model/event-key.ts): every view is unchanged.
		expect(await Promise.all(keys.map((k) => view(db, k)))).toEqual(before);
	});

	it('refuses a bundle from a newer rtcscope with a plain message', async () => {
		const db = freshDb();
		const bytes = gzipSync(new TextEncoder().encode(`${JSON.stringify({ rtcscopeBundle: 99, writer: 'rtcscope 9' })}\n{"session":{},"events":[]}\n`));
		const out = await importFile({ file: new File([bytes], 'x.rtcscope'), name: 'x.rtcscope' }, { db });
		expect(out.progress.problems[0]?.message).toMatch(/written by a newer rtcscope \(bundle format 99; this version reads up to 1\)/);
		expect(await db.sessions.count()).toBe(0);
	});

	it('packs columns losslessly at their unit, gaps included', () => {
		const v = Float64Array.from([1_234_500, 1_234_600, Number.NaN, 999_900, 1_000_000]);
		expect([...unpackColumn(packColumn(v, 0.01), 0.01)]).toEqual([1_234_500, 1_234_600, Number.NaN, 999_900, 1_000_000]);
		expect(packColumn(v, 0.01)).toEqual([12345, 1, null, 9999, 1]);
		expect([...unpackColumn(packColumn(Float32Array.from([12.3456, 12.3461]), 1000), 1000)]).toEqual([12.346, 12.346]);
	});

	it('keeps a session of 50 participants with an hour of quality series each under 5 MB', async () => {
		const db = freshDb();
		const w = new CdrWriter();
		const t0 = Date.UTC(2026, 10, 2, 10);
		const sid = 'ses_big';
		w.sessionCreated(t0, sid);
		for (let i = 0; i < 50; i++) {
			const p = { participantId: `con_${i}`, location: 'Madrid, Spain', platform: 'Chrome 131.0.1 on Windows 10 64-bit', clientData: `user-${i}`, serverData: '' };
			w.participantJoined(t0 + i * 1000, sid, p);
			w.participantLeft(t0 + 3_600_000, sid, p, t0 + i * 1000, 'disconnect');
		}
		await importFile({ file: new File([w.toText()], 'big.log'), name: 'big.log' }, { db });
		// Two received streams per participant (video and audio), one sample a second for an hour.
		const rnd = new Random(5);
		const n = 3600;
		const rows = [];
		const chunks = [];
		for (let i = 0; i < 50; i++) {
			for (const kind of ['video', 'audio'] as const) {
				const t = Float64Array.from({ length: n }, (_, k) => t0 + k * 1000 + Math.round(rnd.next() * 3));
				const walk = (base: number, step: number) => {
					let v = base;
					return Float32Array.from({ length: n }, () => (v = Math.max(0, v + (rnd.next() - 0.5) * step)));
				};
				const cols: DerivedStream['cols'] = {
					bitrateBps: walk(kind === 'video' ? 1_200_000 : 40_000, kind === 'video' ? 40_000 : 2_000),
					packetLossPct: walk(0.5, 0.2),
					jitterMs: walk(12, 1),
					rttMs: walk(60, 2)
				};
				if (kind === 'video') {
					cols.fps = walk(30, 0.5);
					cols.widthPx = new Float32Array(n).fill(1280);
					cols.heightPx = new Float32Array(n).fill(720);
				}
				const stream: DerivedStream = { objectId: `IT${kind}${i}`, pcId: `pc${i}`, direction: 'inbound', kind, source: kind === 'video' ? 'camera' : null, ssrc: null, mid: null, trackId: null, codec: null, t, cols, freezes: [], droppedBeforeAt: null };
				const built = streamRows('dumpimport' as ImportId, { session: { key: sessionKey('openvidu', sid), provider: 'openvidu', sessionId: sid }, participantId: `con_${i}`, stream });
				rows.push(built.row);
				chunks.push(...built.chunks);
			}
		}
		await commitStreams(db, rows, chunks);
		const out = await exportBundle(db, { sessionKeys: [sessionKey('openvidu', sid)] });
		expect(out.header.counts.points).toBe(100 * n);
		console.log(`bundle of 50 participants × 2 streams × 1 h: ${(out.bytes.length / 1024 / 1024).toFixed(2)} MB`);
		expect(out.bytes.length).toBeLessThan(5 * 1024 * 1024);
	}, 60_000);
});
