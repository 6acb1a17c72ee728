import 'fake-indexeddb/auto';
import { rmSync } from 'node:fs';
import { openAsBlob } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildSessionModel } from '@rtcscope/core/analysis';
import { clickHouseFleetSource, createClickHouseClient, loadServerBundle, searchServerSessions, type ClickHouseClient } from '@rtcscope/core/clickhouse';
import { ALL_APPS, browserFleetSource, DAY_MS, diagnostics, durationStats, realtime, summarizeInsights, type FleetSource } from '@rtcscope/core/fleet';
import { createQueryApi } from '@rtcscope/core/query-api';
import { loadSessionEvents, RtcscopeDb } from '@rtcscope/core/storage';
import type { SessionKey } from '@rtcscope/core/model';
import { createIngestApi } from '@rtcscope/core/worker-api';
import { ingest } from '../src/ingest.js';
import { writeDemoFiles, type FilesOnDisk } from '../src/demo.js';
import { expectClose } from './close.js';

/**
 * Issue 16 "Equal figures": the demo fleet imported into the browser's store (one job, as
 * "Load demo fleet" does) and ingested into ClickHouse (two runs at once, one per app, as two
 * operators' processes would) must give every figure of the four fleet views identically, and a
 * session opened from the server must show what the browser shows for it.
 *
 * The fleet is demo/fleet.ts at a tenth of the demo's size (21 days, 60 sessions a day, a dump
 * for one participant in 15): every code path of the full demo (two apps, rooms crossing
 * midnight, dumps linked to CDR sessions, failures, freezes) in a test that runs in CI.
 * Float sums (freeze ms, counters) are compared to 1e-9 relative: ClickHouse adds in another order.
 */

const OPTIONS = { days: 21, sessionsPerDay: 60, dumpEvery: 15 };

let fleet: FilesOnDisk;
let client: ClickHouseClient;
let browserDb: RtcscopeDb;
let browser: FleetSource;
let server: FleetSource;

beforeAll(async () => {
	fleet = writeDemoFiles('fleet', OPTIONS);
	client = createClickHouseClient({ url: inject('clickhouseUrl'), database: 'equal_figures' });
	await client.exec('DROP DATABASE IF EXISTS equal_figures', { database: false });

	browserDb = new RtcscopeDb(`equal-figures-${process.pid}`, 'writer');
	const api = createIngestApi({ db: browserDb, locks: null });
	const inputs = await Promise.all(fleet.files.map(async (f) => ({ file: await openAsBlob(f.path), name: f.name, app: f.app })));
	const ingestBoth = Promise.all([...fleet.apps].map(([app, dir]) => ingest([dir], { client, app })));
	const outcomes = await api.importFiles('browser', inputs);
	expect(outcomes.every((o) => o.kind === 'done')).toBe(true);
	const reports = await ingestBoth;
	expect(reports.every((r) => r.notImported.length === 0)).toBe(true);
	browser = browserFleetSource(browserDb);
	server = clickHouseFleetSource(client);
});

afterAll(async () => {
	browserDb?.close();
	rmSync(fleet.dir, { recursive: true, force: true });
});

describe('the demo fleet in the browser store and in ClickHouse', () => {
	it('has the same extent and apps', async () => {
		const [b, s] = await Promise.all([browser.extent(), server.extent()]);
		expect(b).not.toBeNull();
		expect(s).toEqual(b);
		expect(await server.apps()).toEqual(await browser.apps());
		expect(await server.apps()).toEqual(['classroom', 'meet']);
	});

	it('gives every day roll-up, Data Insights and Duration Statistics figure identically', async () => {
		const extent = await browser.extent();
		if (!extent) throw new Error('no fleet');
		const from = extent.firstDay;
		const to = extent.lastDay + DAY_MS;
		for (const app of [ALL_APPS, 'meet', 'classroom']) {
			const [b, s] = await Promise.all([browser.days(app, from, to), server.days(app, from, to)]);
			expect(b.length).toBeGreaterThanOrEqual(OPTIONS.days);
			expect(s.map((r) => r.day)).toEqual(b.map((r) => r.day));
			for (let i = 0; i < b.length; i++) expectClose(s[i], b[i]);
			// The views' own figures over ranges of 1, 7 and every day.
			for (const [f, t] of [[to - DAY_MS, to], [to - 7 * DAY_MS, to], [from, to]] as const) {
				const [rb, rs] = [b.filter((r) => r.day >= f && r.day < t), s.filter((r) => r.day >= f && r.day < t)];
				expectClose(summarizeInsights(rs, f, t), summarizeInsights(rb, f, t));
				expectClose(durationStats(rs, f, t), durationStats(rb, f, t));
			}
		}
		const all = await browser.days(ALL_APPS, from, to);
		// Not a vacuous comparison: the fleet has rooms, minutes, freezes and dimensions.
		expect(all.reduce((n, r) => n + r.rollup.rooms, 0)).toBeGreaterThan(OPTIONS.days * OPTIONS.sessionsPerDay * 0.5);
		expect(all.some((r) => r.rollup.quality.videoFreezeMs > 0)).toBe(true);
		expect(all.some((r) => Object.keys(r.rollup.dims.region).length > 1)).toBe(true);
	});

	it('gives the same rooms, Real-time and Diagnostics over windows of 1 h, 24 h and 7 days', async () => {
		const extent = await browser.extent();
		if (!extent) throw new Error('no fleet');
		const end = extent.newestAt;
		for (const hours of [1, 24, 168]) {
			const from = end - hours * 3_600_000;
			for (const app of [ALL_APPS, 'meet']) {
				const [b, s] = await Promise.all([browser.rooms(app, from, end), server.rooms(app, from, end)]);
				// The newest hour has rooms of one app only (classroom's last call ends last).
				if (app === ALL_APPS || hours > 1) expect(b.length).toBeGreaterThan(0);
				expect(s).toEqual(b);
				// Real-time tallied by SQL, Diagnostics over the rooms SQL found an exception in.
				const [rt, dx] = [await server.realtime(app, from, end, {}), await server.diagnostics(app, from, end, {})];
				expectClose(rt, realtime(b, from, end));
				expectClose(dx, diagnostics(b, from, end));
				expectClose(await browser.realtime(app, from, end, {}), realtime(b, from, end));
				// The figures compared are not empty: users online, a curve, exception rows over 7 days.
				if (app === ALL_APPS || hours > 1) expect(rt.dashboard.users).toBeGreaterThan(0);
				if (hours === 168) expect(dx.rows.length).toBeGreaterThan(0);
				// With thresholds of Settings (lower: more alarms and exceptions).
				const lower = { downlinkVideoFreeze: 1, uplinkVideoLoss: 2, downlinkAudioJitter: 20 };
				expectClose(await server.realtime(app, from, end, lower), realtime(b, from, end, lower));
				expectClose(await server.diagnostics(app, from, end, lower), diagnostics(b, from, end, lower));
			}
		}
	});

	it('opens a session from the server with the figures the browser shows for it', async () => {
		const { sessions, total } = await searchServerSessions(client, { limit: 1000 });
		expect(total).toBe(await browserDb.sessions.count());
		// A sample: CDR sessions with and without linked dumps, and a dump on its own.
		const linked = new Set((await browserDb.qualityStreams.toArray()).map((q) => q.linkedSessionKey).filter(Boolean));
		const sample = [
			...sessions.filter((s) => linked.has(s.sessionKey as SessionKey)).slice(0, 3),
			...sessions.filter((s) => s.provider !== 'webrtc' && !linked.has(s.sessionKey as SessionKey)).slice(0, 2),
			...sessions.filter((s) => s.provider === 'webrtc').slice(0, 1)
		];
		expect(sample.length).toBe(6);
		for (const s of sample) {
			const bytes = await loadServerBundle(client, s.sessionKey);
			expect(bytes).not.toBeNull();
			const pulled = new RtcscopeDb(`pulled-${process.pid}-${s.sessionKey}`, 'writer');
			const outcome = await createIngestApi({ db: pulled, locks: null }).importFiles('open', [{ file: new Blob([bytes as Uint8Array<ArrayBuffer>]), name: `${s.sessionId}.rtcscope` }]);
			expect(outcome[0]?.kind).toBe('done');
			const key = s.sessionKey as SessionKey;
			const model = (db: RtcscopeDb) => loadSessionEvents(db, key).then((e) => buildSessionModel(key, e));
			const [mb, mp] = await Promise.all([model(browserDb), model(pulled)]);
			expect(mp.participants.length).toBeGreaterThan(0);
			// The same participants; each event's source keeps its file line, only the import id differs.
			const plain = (m: typeof mb) => JSON.parse(JSON.stringify(m.participants, (k, v: unknown) => (k === 'importId' ? undefined : v))) as unknown;
			expect(plain(mp)).toEqual(plain(mb));
			const streams = async (db: RtcscopeDb) =>
				(await db.qualityStreams.where('linkedSessionKey').equals(key).or('sessionKey').equals(key).toArray())
					.map((q) => ({ ssrc: q.ssrc, kind: q.kind, direction: q.direction, summary: q.summary, session: q.sessionKey, pcId: q.pcId }))
					.sort((a, b) => `${a.session}|${a.pcId}|${a.ssrc}|${a.direction}`.localeCompare(`${b.session}|${b.pcId}|${b.ssrc}|${b.direction}`));
			expectClose(await streams(pulled), await streams(browserDb));
			// Observations: the same conclusions and figures; ids name streams by import id, which differs.
			const obs = async (db: RtcscopeDb) =>
				((await createQueryApi(db).observations({ sessionKey: key, now: 0 }))?.observations ?? []).map((o) => ({ id: o.id.replace(/[0-9a-f]{32}\|/g, ''), severity: o.severity, sentence: o.sentence, fired: o.fired }));
			const seen = await obs(pulled);
			expect(seen).toEqual(await obs(browserDb));
			// Each observation is one row of the inspector: ids are unique (two subscriptions failing at the same ms were not).
			expect(new Set(seen.map((o) => o.id)).size).toBe(seen.length);
			pulled.close();
		}
	});
});
