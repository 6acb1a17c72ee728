import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeArchive, archiveInputOf } from '../analysis/archive.js';
import { buildClusterModel } from '../analysis/cluster.js';
import { describeEvent } from '../analysis/describe.js';
import { sliceSession } from '../analysis/meeting-slice.js';
import { buildSessionModel } from '../analysis/session-model.js';
import { globalHealth } from '../analysis/stream-health.js';
import { userRows } from '../analysis/user-data.js';
import { createCdrParser } from '../formats/openvidu-cdr/index.js';
import { rtcstatsFormat } from '../formats/rtcstats/index.js';
import type { ParsedRecord, StreamRecord } from '../formats/types.js';
import { importFile } from '../import/pipeline.js';
import type { SourcedEvent } from '../model/events.js';
import type { LivepeerEventRow } from '../model/livepeer.js';
import { ProblemLog } from '../model/problems.js';
import {
	listClusters,
	loadClusterEvents,
	loadSessionEvents,
	querySessions
} from '../storage/queries.js';
import { freshDb, readShared, sharedPath } from '../test-support/helpers.js';

/**
 * The cases issue 11 names, each on the file it names: what was read in the file (comment) and
 * what the views must therefore say (assertion). The corpus table (real-files.test.ts) checks
 * every file's counts; these check the figures behind them.
 */

const real = (path: string) => sharedPath('data/real', path);
const NOW = Date.UTC(2026, 11, 1);

async function importReal(path: string) {
	const db = freshDb();
	const name = path.split('/').pop() as string;
	const outcome = await importFile(
		{ file: new File([readFileSync(real(path))], name), name },
		{ db }
	);
	const rows = (await querySessions(db, { limit: 100, sort: 'start', descending: false })).rows;
	const models = await Promise.all(
		rows.map(async (r) => buildSessionModel(r.key, await loadSessionEvents(db, r.key)))
	);
	return { db, outcome, rows, models };
}

describe('dump sessions span their stats, name their connections, and count failed PCs', () => {
	it('capogreco: 13 s from the stats (log all in one second), 4 tabs named apart, 2 failed PCs', async () => {
		// Read: update log "15/07/2025, 12:33:31" for every entry (UTC+10); stats 02:33:31.067 →
		// 02:33:44.179 UTC. Tabs (PC id prefix = renderer): 714 and 734 on localhost:8000, 731 on
		// ctrl.html, 258 on string.assembly.fm. 714-1 and 734-2 end ICE + connectionState failed.
		const { rows, models, outcome } = await importReal(
			'webrtc-internals/capogreco-string.assembly.fm__webrtc_internals_dump.txt'
		);
		expect(rows[0]?.firstAt).toBe(Date.UTC(2025, 6, 15, 2, 33, 31, 0));
		expect(rows[0]?.lastAt).toBe(Date.UTC(2025, 6, 15, 2, 33, 44, 179));
		const model = models[0]!;
		const users = userRows(sliceSession(model, null));
		expect(users.map((u) => u.label)).toEqual([
			'localhost:8000 · tab 714',
			'localhost:8000/ctrl.html · tab 731',
			'localhost:8000 · tab 734',
			'string.assembly.fm/ctrl.html · tab 258'
		]);
		// Every connection's name is its own: no two legend entries read the same.
		const names = model.participants.map((p) => p.name);
		expect(new Set(names).size).toBe(names.length);
		expect(model.participants.find((p) => p.participantId === '714-1')?.leaveReason).toBe(
			'connectionFailed'
		);
		expect(model.participants.find((p) => p.participantId === '258-111')?.leaveReason).toBe(
			'closed'
		);
		expect(model.participants.find((p) => p.participantId === '731-1')?.leaveReason).toBe(
			'captureEnded'
		);
		// The date order "15/07/2025" is unambiguous; the zone offset is said.
		expect(outcome.progress.problems[0]?.message).toMatch(/shifted by −10 h/);
	});

	it('AndreiDen: 4 min 09 s, the getUserMedia of 16:17 outside it; the PCs are one tab', async () => {
		// Read: getUserMedia timestamps 16:17:50.444, 16:17:51.927, 16:17:52.595 (hours before),
		// then 18:33:39 … 18:34:10; PC 18084-8 created 18:34:11 (local 9:34:11 PM, UTC+3), stats to
		// 18:38:19.741.
		const { rows, models } = await importReal(
			'webrtc-internals/AndreiDen-WebRTC_stats_parser__webrtc_internals_dump.txt'
		);
		expect(rows[0]?.durationMs).toBe(
			Date.UTC(2020, 10, 5, 18, 38, 19, 741) - Date.UTC(2020, 10, 5, 18, 34, 11)
		);
		const slice = sliceSession(models[0]!, null);
		const before = slice.events.filter((e) => e.at < slice.startAt);
		expect(before.map((e) => new Date(e.at).toISOString().slice(11, 19))).toEqual([
			'16:17:50',
			'16:17:51',
			'16:17:52',
			'18:33:39',
			'18:33:40',
			'18:34:08',
			'18:34:10',
			'18:34:10'
		]);
		expect(userRows(slice).map((u) => [u.label, u.connections.length])).toEqual([
			['pre.vocalviews.com/…/online · tab 18084', 2]
		]);
	});

	it('rtcstats p2p-reconnect: --disconnect-- is a reconnect, the two PCs are one user named by identity', async () => {
		// Read: line 178 is "--disconnect--"; line 5's identity has displayName andrei-win-1; there
		// is no connectionInfo line.
		const { outcome, models } = await importReal(
			'rtcstats/jitsi-rtcstats-server__google-standard-stats-p2p-reconnect'
		);
		expect(outcome.progress.problems).toEqual([]);
		const model = models[0]!;
		const users = userRows(sliceSession(model, null));
		expect(users.map((u) => [u.label, u.connections.length])).toEqual([['andrei-win-1', 2]]);
		const marker = model.events.find((e) => e.type === 'rtcstatsReconnect');
		expect(marker).toMatchObject({ line: 178, severity: 'warning' });
	});

	it('jest-sfu: a user is online 70 s (overlapping PCs once), never longer than the session', async () => {
		// Read: PC_0 08:31:22.693 → end of data 08:32:32.696; PC_1/PC_2 08:31:22.697 → failed 08:31:37.88.
		const { models, rows } = await importReal('rtcstats/jitsi-rtcstats-server__jest-sfu');
		const [user] = userRows(sliceSession(models[0]!, null));
		expect(user?.durationMs).toBe(70_003);
		expect(user!.durationMs).toBeLessThanOrEqual(rows[0]!.durationMs);
	});

	it('chrome-standard-pc-failed: 3 of 3 failed, no connection "still connected", the edited last line named', async () => {
		const { models, outcome } = await importReal(
			'rtcstats/jitsi-rtcstats-server__chrome-standard-pc-failed'
		);
		const model = models[0]!;
		expect(model.participants.map((p) => [p.participantId, p.leaveReason])).toEqual([
			['PC_0', 'connectionFailed'],
			['PC_1', 'connectionFailed'],
			['PC_2', 'connectionFailed']
		]);
		expect(model.participants.every((p) => p.leftAt !== null)).toBe(true);
		expect(outcome.progress.problems).toEqual([
			expect.objectContaining({
				line: 223,
				message: expect.stringMatching(/^Line 223 is dated 45\.4 s before the records around it/)
			})
		]);
	});
});

describe('stale rtcstats values are gaps or zeros, never held', () => {
	it('google-standard-stats-p2p: video 1191903134 stops at 16:13:23 — 0 kbps, 0 fps, no resolution after', () => {
		// Read: bytesSent 143,467 and framesEncoded 37 from the getstats of 16:13:23 (line 114) on;
		// later reports hold only {timestamp: 0}, so framesPerSecond 24 and frameWidth 1280 are the
		// last values carried by delta compression, not measurements.
		const streams: StreamRecord[] = [];
		const problems = new ProblemLog();
		const parser = rtcstatsFormat.createParser({ importId: 'x', fileName: 'x', problems });
		readShared('data/real/rtcstats/jitsi-rtcstats-server__google-standard-stats-p2p')
			.split('\n')
			.forEach((line, i) => line.trim() && parser.parse(line, i + 1, problems, false));
		parser.finish?.({ record: () => {}, stream: (s) => streams.push(s) });
		const video = streams.find(
			(s) => s.stream.ssrc === '1191903134' && s.stream.direction === 'outbound'
		)!.stream;
		const stop = Date.UTC(2020, 10, 12, 16, 13, 23);
		const after = [...video.t.keys()].filter((i) => (video.t[i] as number) > stop + 1500);
		expect(after.length).toBeGreaterThan(20);
		for (const i of after) {
			expect(video.cols.bitrateBps![i]).toBe(0);
			expect(video.cols.fps![i]).toBe(0);
			expect(video.cols.widthPx![i]).toBeNaN();
		}
	});
});

describe('recordings say what the listing says, and no more', () => {
	it('a Vonage v2 list (applicationId) is read, the size above 2^32 exact, expired by the 72-hour rule', async () => {
		const { models } = await importReal(
			'opentok/vonage-dotnet-sdk__Video_Archives_GetArchives_ShouldDeserialize200-response.json'
		);
		const rec = models[0]!.recordings[0]!;
		expect(rec.sizeBytes).toBe(7_247_748_791);
		const a = analyzeArchive(archiveInputOf(models[0]!, rec, models[0]!.lastAt, NOW));
		expect(a.status).toBe('expired');
		expect(models[0]!.meetings).toEqual([]);
	});

	it('merged REST snapshots: the stop reply gives no time, so the archive lasts its reported 199 s', async () => {
		// Read: get.json says available, duration 199; stop.json says stopped, duration 0, no updatedAt.
		const db = freshDb();
		for (const f of [
			'OpenTok-PHP-SDK__mock_archive_ARCHIVEID_stop.json',
			'OpenTok-PHP-SDK__mock_archive_ARCHIVEID_get.json'
		]) {
			await importFile(
				{ file: new File([readFileSync(real(`opentok/${f}`))], f), name: f },
				{ db }
			);
		}
		const [row] = (await querySessions(db)).rows;
		const model = buildSessionModel(row!.key, await loadSessionEvents(db, row!.key));
		const a = analyzeArchive(archiveInputOf(model, model.recordings[0]!, model.lastAt, NOW));
		expect((a.runningMs ?? 0) + (a.pausedMs ?? 0)).toBe(199_000);
		expect(a.notes.map((n) => n.text).join(' ')).not.toMatch(/reported duration is 199 s, but/);
		expect(model.meetings).toEqual([]);
	});

	it('the paused archive: paused at 12:14:24, still paused when listed, the band drawn', async () => {
		const { models } = await importReal(
			'opentok/vonage-python-sdk__video_tests_data_list_archives.json'
		);
		const model = models[0]!;
		const paused = model.recordings.find(
			(r) => r.recordingId === '5b1521e6-115f-4efd-bed9-e527b87f0699'
		)!;
		const a = analyzeArchive(archiveInputOf(model, paused, model.lastAt, NOW));
		expect(a.status).toBe('paused');
		expect(a.openEnded).toBe(true);
		expect(a.bands.map((b) => b.state)).toEqual(['started', 'paused']);
		expect(a.notes.map((n) => n.text)).toContain(
			'Paused since 12:14:24 and still paused at the end of the data (12:14:24): how long it stayed paused is not in the data.'
		);
	});

	it('a failed recording says "started → failed", and a short pause names its seconds', () => {
		const src = { importId: 'i', line: 1 };
		const T = (s: number) => Date.UTC(2026, 10, 2, 10, 30, s);
		const rec = {
			key: 'r#0',
			recordingId: 'r',
			name: null,
			status: 'failed',
			startedAt: T(0),
			durationS: 60,
			sizeBytes: null,
			outputMode: null,
			layout: null,
			resolution: null,
			hasAudio: null,
			hasVideo: null,
			url: null,
			format: null,
			location: null,
			streamName: null,
			history: [
				{ at: T(0), status: 'started', reason: null, src },
				{ at: T(10), status: 'paused', reason: null, src },
				{ at: T(15), status: 'started', reason: null, src },
				{ at: T(20), status: 'failed', reason: null, src }
			]
		};
		const a = analyzeArchive({
			recording: rec,
			provider: 'vonage',
			publishers: [],
			connections: [],
			dataEnd: T(20),
			now: T(20)
		});
		const text = a.notes.map((n) => n.text).join('\n');
		expect(text).toContain('but started → failed is 20 s');
		expect(text).toContain('Paused for 5 s: the data says paused between 10:30:10 and 10:30:15.');
	});
});

describe('OpenVidu Pro and the reference examples', () => {
	it('the Elasticsearch export: summaries become the call, the 32-second run is 32 seconds', async () => {
		const { models } = await importReal(
			'openvidu-cdr/extracted/openvidu.io-docs__pro-elasticsearch-doc-examples.jsonl'
		);
		const model = models[0]!;
		// Read: sessionDestroyed startTime 1614770057250, duration 32, timestamp 1614770090067.
		expect(model.meetings.map((m) => Math.round((m.endAt - m.startAt) / 1000))).toEqual([33, 228]);
		expect(model.firstAt).toBe(1614770057250);
		expect(model.participants.map((p) => [p.participantId, p.clientData, p.location])).toEqual([
			['con_X5VIu6DNPF', 'publisherClient', 'Buenos Aires, Argentina'],
			['con_Yvwjb4DiNC', 'subscriberClient', 'Rome, Italy']
		]);
		expect(model.subscriptions[0]).toMatchObject({
			subscriberId: 'con_Yvwjb4DiNC',
			publisherId: 'con_X5VIu6DNPF'
		});
		expect(model.events.some((e) => e.type === 'MediaFlowOutStateChanged')).toBe(true);
		expect(model.events.some((e) => e.type === 'networkQualityLevelChanged')).toBe(true);
		expect(model.events.some((e) => e.type === 'sdpOffer')).toBe(true);
	});

	it('an audio-only stream is described without the video dimensions its line carries', () => {
		const parsed = createCdrParser().parse(
			JSON.stringify({
				webrtcConnectionCreated: {
					sessionId: 's',
					timestamp: 1_700_000_000_000,
					participantId: 'p',
					connection: 'OUTBOUND',
					streamId: 'str',
					audioEnabled: true,
					videoEnabled: false,
					videoFramerate: 15,
					videoDimensions: '{"width":1280,"height":720}'
				}
			}),
			1,
			new ProblemLog(),
			false
		) as ParsedRecord;
		expect(describeEvent(parsed.event)).toBe('p published str (audio)');
	});

	it("the cluster reference's own examples: 4 nodes (1 changed status, 3 listed by autoscaling), ids and URI kept", async () => {
		const doc = readShared('spec/sources/openvidu-cdr.txt');
		const blocks = [
			...doc.matchAll(/^\{\n {2}"(mediaNodeStatusChanged|autoscaling)"[\s\S]*?^\}$/gm)
		].map((m) => JSON.stringify(JSON.parse(m[0])));
		expect(blocks.length).toBe(2);
		const db = freshDb();
		await importFile(
			{ file: new File([blocks.join('\n') + '\n'], 'cluster.jsonl'), name: 'cluster.jsonl' },
			{ db }
		);
		const [cluster] = await listClusters(db);
		const model = buildClusterModel(
			cluster!.clusterId,
			(await loadClusterEvents(db, cluster!.scope)) as SourcedEvent[]
		);
		expect(model.nodes.map((n) => [n.nodeId, n.status, n.statusFrom])).toEqual([
			['kms_V3B5OxT7', 'running', 'mediaNodeStatusChanged'],
			['kms_M5VJ2N69', 'running', 'autoscaling'],
			['kms_Imvwxeny', 'launching', 'autoscaling'],
			['kms_MdNUPBwS', 'launching', 'autoscaling']
		]);
		const node = model.nodes[0]!;
		expect(node.environmentId).toBe(
			'c76535087c5767b83a211036197115d071daf897bfd951bc18f834fc535d9fa9'
		);
		expect(node.uri).toBe('ws://172.17.0.3:8888/kurento');
		expect(Array.from(model.load.minAvgLoadPct)).toEqual([30]);
		expect(Array.from(model.load.maxAvgLoadPct)).toEqual([70]);
	});
});

describe('Livepeer: the global rule holds without a health response', () => {
	it('events only: a target Offline makes the stream Unhealthy, with the reason', () => {
		let n = 0;
		const ev = (type: string, at: number, data: Record<string, unknown>): LivepeerEventRow => ({
			id: `e${n++}`,
			streamId: 's',
			type,
			timestamp: at,
			importId: 'i',
			line: n,
			data
		});
		const seg = (at: number) =>
			ev('transcode', at, {
				success: true,
				latencyMs: 500,
				segment: { seqNo: at, duration: 2, byteSize: 1000 }
			});
		const target = { id: 't', name: 'YouTube' };
		const events = [
			seg(1000),
			ev('webhook_event', 1500, {
				event: 'multistream.error',
				payload: { target, error: 'bad stream key' }
			}),
			seg(3000)
		];
		const g = globalHealth(null, events);
		expect(g.state).toBe('unhealthy');
		expect(g.reasons.join(' ')).toMatch(/target YouTube is Offline \(bad stream key\)/);
	});
});
