import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCallCase } from '../demo/call-case.js';
import { diagnostics } from '../fleet/diagnostics.js';
import { roomFacts } from '../fleet/facts.js';
import { importFile } from '../import/pipeline.js';
import { buildSessionModel } from '../analysis/session-model.js';
import type { SessionKey } from '../model/ids.js';
import { createQueryApi } from '../query-api.js';
import type { RtcscopeDb } from '../storage/db.js';
import { listQualityStreams } from '../storage/quality.js';
import { loadSessionEvents, querySessions } from '../storage/queries.js';
import { freshDb, sharedPath } from '../test-support/helpers.js';
import type { ObserveResult } from './types.js';

/**
 * The observation rules on the demo call written with known impairments (demo/call-case.ts) and
 * on real files (../shared/data/real). Every expectation says what was put in, or what was read
 * in the file, and the figure the rule must give.
 */

async function importAll(db: RtcscopeDb, files: { name: string; text: string | Uint8Array<ArrayBuffer> }[]) {
	for (const f of files) {
		const out = await importFile({ file: new File([f.text], f.name), name: f.name }, { db });
		expect(out.kind, f.name).toBe('done');
	}
}

async function observationsOf(db: RtcscopeDb, key: string): Promise<ObserveResult> {
	const result = await createQueryApi(db).observations({ sessionKey: key, now: Date.UTC(2026, 11, 1) });
	expect(result).not.toBeNull();
	return result as ObserveResult;
}

const real = (path: string) => ({ name: basename(path), text: new Uint8Array(readFileSync(sharedPath('data/real', path))) });

describe('the demo call with known impairments (both ends and the CDR)', () => {
	it('names each impairment, on the right side, with its figures and evidence', async () => {
		const db = freshDb();
		const call = generateCallCase();
		await importAll(db, call.files);
		const r = await observationsOf(db, `openvidu:${call.sessionId}`);
		const lines = r.observations.map((o) => `${o.severity} ${o.rule}: ${o.sentence}`);
		// Put in: Cleo's connection fails 8 s after her join at +20 s (networkDisconnect).
		expect(lines).toContain('problem connection-failed: Cleo’s connection failed at 09:00:28: networkDisconnect, 8.0 s after it started.');
		// Put in: Ben's encoder is cpu-limited from 30 s to 110 s of a 120 s capture → 80 s, 67 %;
		// his clock runs 1.5 s ahead, so his dump says 09:00:31.5 → 09:01:51.5.
		expect(lines).toContain(
			'problem quality-limited: Ben’s camera (outbound-rtp video 222 (mid 1)) was limited by cpu for 1 min 20 s (67 % of its time), the longest from 09:00:31 to 09:01:51.'
		);
		// Put in: Ana's uplink loses 8 % of her video from 40 s to 100 s: on her side as her receiver
		// reports it, and on the path to Ben on his side (the streams stitch by SSRC 112).
		const loss = r.observations.filter((o) => o.rule === 'loss-over-time');
		expect(loss.map((o) => o.sentence)).toEqual([
			'The sent video stream 112 of Ana lost more than 3 % of its packets for 1 min 00 s on Ana’s uplink (as the receiving side reports it), peaking at 8.0 % at 09:00:40.',
			// (at 09:00:41 by Ben's clock, 1.5 s ahead)
			'The received video stream 112 of Ben lost more than 3 % of its packets for 1 min 00 s on the path from Ana to Ben, peaking at 8.3 % at 09:00:41.'
		]);
		// Evidence: the loss window on the stream's chart, ±5 s. The samples at 40 s … 99 s carry the
		// loss; each stands for the second that ends at it, so the window is 39 s → 99 s.
		const ev = loss[0]?.evidence[0];
		expect(ev).toMatchObject({ metric: 'packetLossPct', participantId: 'con_Ana', from: call.startAt + 34_000, to: call.startAt + 104_000 });
		expect(ev?.streamKey).toBeTruthy();
		// The failure's evidence is the CDR line of Cleo's participantLeft.
		const failed = r.observations.find((o) => o.rule === 'connection-failed');
		expect(failed?.evidence[0]?.lines).toHaveLength(1);
		// Problems first.
		expect(r.observations.map((o) => o.severity)).toEqual(['problem', 'problem', 'warning', 'warning']);
		// What could not be measured is said, not passed silently.
		expect(r.statuses.find((s) => s.rule === 'recording-failed')).toMatchObject({ status: 'not-measurable' });
		expect(r.statuses.find((s) => s.rule === 'received-below-sent')).toMatchObject({ status: 'passed', note: '2 stitched video stream(s) compared' });
	});

	it('a linked dump on its own speaks of the user it was linked to, not of its page URL', async () => {
		const db = freshDb();
		const call = generateCallCase();
		await importAll(db, call.files);
		const dumps = (await querySessions(db, { limit: 10 })).rows.filter((r) => r.key.startsWith('webrtc:'));
		expect(dumps).toHaveLength(2);
		const sentences = (await Promise.all(dumps.map((d) => observationsOf(db, d.key)))).flatMap((r) => r.observations.map((o) => o.sentence));
		// Put in: Ben's dump is cpu-limited, Ana's dump has the uplink loss; each dump's page URL
		// names ses_DemoCase and the user's connection id, so each is linked to its user.
		expect(sentences).toContain('Ben’s camera (outbound-rtp video 222 (mid 1)) was limited by cpu for 1 min 20 s (67 % of its time), the longest from 09:00:31 to 09:01:51.');
		expect(sentences.some((t) => t.startsWith('The sent video stream 112 of Ana lost more than 3 %'))).toBe(true);
		expect(sentences.join(' ')).not.toContain('demo.rtcscope.example');
	});

	it('both ends: the streams stitch by SSRC, and Ben’s clock is found 1.5 s ahead of Ana’s', async () => {
		const db = freshDb();
		const call = generateCallCase();
		await importAll(db, call.files);
		const both = await createQueryApi(db).bothEnds(`openvidu:${call.sessionId}`);
		// Put in: Ana sends 111 (audio) and 112 (video) to Ben, Ben 221 and 222 to Ana.
		expect(both.pairs.map((p) => `${p.sender.participantId} ${p.sender.ssrc} → ${p.receiver.participantId}`).sort()).toEqual([
			'con_Ana 111 → con_Ben',
			'con_Ana 112 → con_Ben',
			'con_Ben 221 → con_Ana',
			'con_Ben 222 → con_Ana'
		]);
		// Put in: Ben's clock 1,500 ms ahead; reports take 25 ms one way; the pair's RTT is ~47 ms,
		// so the estimate is 1,500 − 25 + 23.5 ≈ 1,498.5 ms (and −1,501.5 ms seen from Ben).
		// One estimate per pair of browsers, each combining the peer's audio and video reports.
		expect(both.clocks.map((c) => `${c.pcId} ← ${c.sender?.participantId} [${c.ssrcs.sort().join(',')}]`).sort()).toEqual([
			'11-1 ← con_Ben [221,222]',
			'21-1 ← con_Ana [111,112]'
		]);
		const fromAna = both.clocks.find((c) => c.pcId === '11-1');
		const fromBen = both.clocks.find((c) => c.pcId === '21-1');
		expect(fromAna?.offsetMs).toBeCloseTo(1498.5, -1);
		expect(fromBen?.offsetMs).toBeCloseTo(-1501.5, -1);
		// 121 sender reports per stream (one per second of the 2-minute call), two streams.
		expect(fromAna?.reports).toBe(242);
	});

	it('the same call without impairments: no problem and no warning', async () => {
		const db = freshDb();
		const call = generateCallCase({ healthy: true });
		await importAll(db, call.files);
		for (const row of (await querySessions(db, { limit: 10 })).rows) {
			const r = await observationsOf(db, row.key);
			expect(r.observations, row.key).toEqual([]);
			expect(r.statuses.filter((s) => s.status === 'fired')).toEqual([]);
		}
	});

	it('Table 4-2 causes: the session’s observations and Diagnostics agree on who and which figure', async () => {
		const db = freshDb();
		const call = generateCallCase({ severe: true });
		await importAll(db, call.files);
		const key = `openvidu:${call.sessionId}` as SessionKey;
		const r = await observationsOf(db, key);
		const model = buildSessionModel(key, await loadSessionEvents(db, key));
		const streams = await listQualityStreams(db, key);
		const bySession = new Map<string, typeof streams>();
		for (const s of streams) bySession.set(s.sessionKey, [...(bySession.get(s.sessionKey) ?? []), s]);
		const room = roomFacts(model, '', [...bySession.entries()].map(([dumpKey, list]) => ({ dumpKey, streams: list })));
		const diag = diagnostics(room ? [room] : [], call.startAt - 60_000, call.startAt + 200_000);
		// Put in: Ben's received video freezes (10 × 1.2 s of 120 s = 10 %) while it loses 25 %:
		// Diagnostics names his own downlink video loss as the cause.
		const ben = diag.rows.find((row) => row.participantId === 'con_Ben' && row.type === 'videoFreeze');
		expect(ben).toMatchObject({ causeId: 'downlinkVideoLoss', source: 'local' });
		const same = r.observations.find((o) => o.id === `network-thresholds:con_Ben:${ben?.causeId}`);
		expect(same?.sentence).toContain('downlink video packet loss averaged');
		expect(same?.fired).toMatch(/^2[45]\.\d % > 20 %$/);
		expect(r.observations.find((o) => o.id === 'freezes:con_Ben:video')).toMatchObject({ severity: 'problem' });
		// And Ana's uplink, the source of it.
		expect(r.observations.some((o) => o.id === 'network-thresholds:con_Ana:uplinkVideoLoss')).toBe(true);
	});
});

describe('real files', () => {
	it('rtcstats pc-failed: 3 failed connections and the NotReadableError of getUserMedia, each with its line', async () => {
		const db = freshDb();
		await importAll(db, [real('rtcstats/jitsi-rtcstats-server__chrome-standard-pc-failed')]);
		const [row] = (await querySessions(db, { limit: 1 })).rows;
		const r = await observationsOf(db, row?.key as string);
		// Read: PC_0, PC_1, PC_2 all log connectionState "failed" (13:40:27); line 26 is
		// navigator.mediaDevices.getUserMediaOnFailure "NotReadableError".
		expect(r.observations.filter((o) => o.rule === 'connection-failed').map((o) => o.participantId).sort()).toEqual(['PC_0', 'PC_1', 'PC_2']);
		const gum = r.observations.find((o) => o.rule === 'get-user-media-failed');
		expect(gum?.sentence).toContain('NotReadableError: the device is in use by another application or failed');
		expect(gum?.evidence[0]?.lines).toEqual([26]);
		// A failed connection is told once: no separate "ICE disconnected" for it.
		expect(r.observations.filter((o) => o.rule === 'ice-disconnected')).toEqual([]);
	});

	it('rtcstats chrome-relay: TURN over TLS, and received video frozen 6.5 % of the time (Table 4-2: 5 %)', async () => {
		const db = freshDb();
		await importAll(db, [real('rtcstats/jitsi-rtcstats-server__chrome-relay')]);
		const [row] = (await querySessions(db, { limit: 1 })).rows;
		const r = await observationsOf(db, row?.key as string);
		// Read: the selected pair's local candidate is relay with relayProtocol "tls".
		expect(r.observations.find((o) => o.rule === 'relay')).toMatchObject({ severity: 'warning', fired: 'selected pair relay ↔ srflx, relayProtocol tls' });
		const freeze = r.observations.find((o) => o.rule === 'freezes');
		expect(freeze).toMatchObject({ severity: 'problem', fired: 'freeze rate 6.5 % > 5 %' });
	});

	it('Guilospanck: both cameras limited by bandwidth (17 s and 19 s), the first join 7.9 s; nothing else', async () => {
		const db = freshDb();
		await importAll(db, [real('webrtc-internals/Guilospanck-webrtc-stats-analyzer__webrtc_internals_dump.txt')]);
		const [row] = (await querySessions(db, { limit: 1 })).rows;
		const r = await observationsOf(db, row?.key as string);
		// Read: 92-1's OT01V322562611 qualityLimitationReason "bandwidth" 09:14:58.6 → 09:15:15.6 of a
		// band to 09:15:47.9 (34 %); 94-1's 09:14:58.6 → 09:15:17.6 (39 %). The first stats series starts
		// 09:14:50.620, ICE connected at 09:14:58.5: 7.9 s.
		expect(r.observations.map((o) => `${o.severity} ${o.rule} ${o.fired}`)).toEqual([
			'warning slow-join 7.9 s > 5 s',
			'warning quality-limited qualityLimitationReason = bandwidth 34 % of the time',
			'warning quality-limited qualityLimitationReason = bandwidth 39 % of the time'
		]);
	});

	it('a CDR alone: the dump rules say "not measurable", never "passed"', async () => {
		const db = freshDb();
		await importAll(db, [real('openvidu-cdr/extracted/openvidu.io-docs__cdr-doc-examples-2018-2022.jsonl')]);
		const [row] = (await querySessions(db, { limit: 1 })).rows;
		const r = await observationsOf(db, row?.key as string);
		for (const rule of ['quality-limited', 'freezes', 'network-thresholds', 'loss-over-time', 'relay'] as const)
			expect(r.statuses.find((s) => s.rule === rule)?.status, rule).toBe('not-measurable');
	});
});
