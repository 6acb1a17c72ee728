import { describe, expect, it } from 'vitest';
import { CdrWriter, type ParticipantSpec, type StreamSpec } from '../demo/cdr-lines.js';
import { writeDump } from '../demo/dump-writer.js';
import { importFile } from '../import/pipeline.js';
import { fleetExtent, listFleetApps, loadFleetDays, loadRoomFacts } from '../storage/fleet.js';
import { refreshFleet } from './refresh.js';
import { deleteImport } from '../storage/writer.js';
import { freshDb, storeAtVersion } from '../test-support/helpers.js';
import { RtcscopeDb } from '../storage/db.js';
import { Random } from '../util/rng.js';
import { diagnostics } from './diagnostics.js';
import { durationStats } from './durations.js';
import { summarizeInsights } from './insights.js';
import { realtime } from './realtime.js';
import { ALL_APPS, DAY_MS } from './rollup.js';

/**
 * A small day checked by hand, through the real import path: two rooms of the "meet" app on
 * 2026-11-02 (one crossing midnight) and bob's webrtc-internals dump.
 *
 * ses_A 10:00–10:30: alice joins 10:00:00, publishes 1280×720 at 10:00:02 (2 s), leaves 10:30;
 *   bob joins 10:00:10, publishes 640×480 at 10:00:17 (7 s), leaves 10:20; carol joins 10:05,
 *   never connects, leaves 10:05:40. alice and bob receive each other from 10:00:17.3 to 10:20.
 * ses_B 23:50 → 00:20 (next day): dave alone, audio only, connected in 1 s.
 * bob's dump: created 10:00:10.2, ICE connected 10:00:17 (6.8 s); cellular; 30 % loss both ways;
 *   received video frozen 60 × 1.5 s.
 */
const D = Date.UTC(2026, 10, 2);
const T = (h: number, m: number, s = 0) => D + ((h * 60 + m) * 60 + s) * 1000;

const person = (id: string, city: string, platform: string): ParticipantSpec => ({
	participantId: id,
	location: city,
	platform,
	clientData: id,
	serverData: ''
});
const alice = person('alice', 'Madrid, Spain', 'Chrome 131.0.1 on Windows 10 64-bit');
const bob = person('bob', 'Berlin, Germany', 'Chrome Mobile 131.0.1 on Android 14');
const carol = person('carol', 'Madrid, Spain', 'Safari 18.1 on OS X 10.15.7 64-bit');
const dave = person('dave', 'unknown', 'Firefox 133.0 on Ubuntu 64-bit');
const stream = (id: string, w: number, h: number, video = true): StreamSpec => ({
	streamId: id,
	videoSource: 'CAMERA',
	audioEnabled: true,
	videoEnabled: video,
	videoFramerate: 30,
	width: w,
	height: h
});

function cdr(): string {
	const w = new CdrWriter();
	const A = 'ses_A';
	const aCam = stream('str_alice', 1280, 720);
	const bCam = stream('str_bob', 640, 480);
	w.sessionCreated(T(10, 0), A);
	w.participantJoined(T(10, 0), A, alice);
	w.webrtcConnection('created', T(10, 0, 2), A, 'alice', aCam, null);
	w.participantJoined(T(10, 0, 10), A, bob);
	w.webrtcConnection('created', T(10, 0, 17), A, 'bob', bCam, null);
	w.webrtcConnection('created', T(10, 0, 17.3), A, 'alice', bCam, { receivingFrom: 'bob' });
	w.webrtcConnection('created', T(10, 0, 17.3), A, 'bob', aCam, { receivingFrom: 'alice' });
	w.participantJoined(T(10, 5), A, carol);
	w.participantLeft(T(10, 5, 40), A, carol, T(10, 5), 'disconnect');
	w.webrtcConnection('destroyed', T(10, 20), A, 'alice', bCam, { receivingFrom: 'bob' }, { startTime: T(10, 0, 17.3), reason: 'unsubscribe' });
	w.webrtcConnection('destroyed', T(10, 20), A, 'bob', aCam, { receivingFrom: 'alice' }, { startTime: T(10, 0, 17.3), reason: 'disconnect' });
	w.webrtcConnection('destroyed', T(10, 20), A, 'bob', bCam, null, { startTime: T(10, 0, 17), reason: 'disconnect' });
	w.participantLeft(T(10, 20), A, bob, T(10, 0, 10), 'disconnect');
	w.webrtcConnection('destroyed', T(10, 30), A, 'alice', aCam, null, { startTime: T(10, 0, 2), reason: 'unpublish' });
	w.participantLeft(T(10, 30), A, alice, T(10, 0), 'disconnect');
	w.sessionDestroyed(T(10, 30, 1), A, T(10, 0), 'lastParticipantLeft');
	const B = 'ses_B';
	const dMic = stream('str_dave', 0, 0, false);
	w.sessionCreated(T(23, 50), B);
	w.participantJoined(T(23, 50), B, dave);
	w.webrtcConnection('created', T(23, 50, 1), B, 'dave', dMic, null);
	w.webrtcConnection('destroyed', T(24, 20), B, 'dave', dMic, null, { startTime: T(23, 50, 1), reason: 'unpublish' });
	w.participantLeft(T(24, 20), B, dave, T(23, 50), 'disconnect');
	w.sessionDestroyed(T(24, 20, 1), B, T(23, 50), 'lastParticipantLeft');
	return w.toText();
}

function bobDump(): string {
	return writeDump(
		{
			userAgent:
				'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.1 Mobile Safari/537.36',
			url: 'https://meet.example.com/room/ses_A',
			networkType: 'cellular',
			peers: [
				{ direction: 'outbound', video: { width: 640, height: 480, fps: 30 }, audio: true, createdAt: T(10, 0, 10.2), connectedAt: T(10, 0, 17), endAt: T(10, 20) },
				{ direction: 'inbound', video: { width: 1280, height: 720, fps: 30 }, audio: true, createdAt: T(10, 0, 16.9), connectedAt: T(10, 0, 17.3), endAt: T(10, 20) }
			],
			quality: { rttMs: 100, jitterMs: 20, lossPct: 30, videoFreezesMs: new Array(60).fill(1_500), audioConcealedMs: [] },
			sampleS: 15
		},
		new Random(7)
	);
}

async function setup() {
	const db = freshDb();
	const a = await importFile({ file: new File([cdr()], 'cdr.log'), name: 'cdr.log', app: 'meet' }, { db });
	const b = await importFile({ file: new File([bobDump()], 'bob.txt'), name: 'bob.txt', app: 'meet' }, { db });
	expect(a.kind).toBe('done');
	expect(b.kind).toBe('done');
	const from = Math.min(a.span?.from ?? Infinity, b.span?.from ?? Infinity);
	const to = Math.max(a.span?.to ?? 0, b.span?.to ?? 0);
	await refreshFleet(db, from, to);
	return { db, cdrId: a.importId };
}

describe('fleet roll-ups, hand-checked', () => {
	it('counts usage, peaks, loading and durations of the day', async () => {
		const { db } = await setup();
		expect(await listFleetApps(db)).toEqual(['meet']);
		const rows = await loadFleetDays(db, 'meet', D, D + 2 * DAY_MS);
		expect(rows.map((r) => r.day)).toEqual([D, D + DAY_MS]);
		const day = rows[0]?.rollup;
		if (!day) throw new Error('no roll-up');
		expect(day.rooms).toBe(2);
		expect(day.participants).toBe(4);
		expect(day.joins).toBe(4);
		const min = 60_000;
		// alice 30 min, bob 19 min 50 s, carol 40 s, dave 10 min before midnight.
		expect(day.callMs).toBe(30 * min + 19 * min + 50_000 + 40_000 + 10 * min);
		expect(day.videoCallMs).toBe(30 * min + 19 * min + 50_000);
		expect(day.audioCallMs).toBe(40_000 + 10 * min);
		expect(day.peakUsers).toBe(3);
		expect(day.peakRooms).toBe(1);
		expect(day.hourlyPeakUsers[10]).toBe(3);
		expect(day.hourlyPeakUsers[23]).toBe(1);
		expect(day.hourlyPeakUsers[12]).toBe(0);
		// Loading: 4 attempts; alice (CDR 2 s), bob (dump 6.8 s), dave (CDR 1 s) connected; carol never.
		expect(day.quality.attempts).toBe(4);
		expect(day.quality.loaded).toBe(3);
		expect(day.quality.loaded5s).toBe(2);
		// Durations: HD = alice's camera (10:00:02–10:30) + bob receiving it (10:00:17.3–10:20);
		// SD = bob's camera (10:00:17–10:20) + alice receiving it; audio = dave until midnight.
		expect(day.durations.hd).toBe(T(10, 30) - T(10, 0, 2) + (T(10, 20) - T(10, 0, 17.3)));
		expect(day.durations.sd).toBe(T(10, 20) - T(10, 0, 17) + (T(10, 20) - T(10, 0, 17.3)));
		expect(day.durations.audio).toBe(10 * min - 1_000);
		expect(day.durations.uhd).toBe(0);
		// Dimensions: dave's "unknown" location has no region; network only from bob's dump.
		expect(Object.keys(day.dims.region).sort()).toEqual(['Germany', 'Spain']);
		expect(day.coverage.region).toBe(3);
		expect(Object.keys(day.dims.network)).toEqual(['cellular']);
		expect(day.dims.os['Android 14']?.joins).toBe(1);
		expect(day.dims.sdk['Chrome 131']?.joins).toBe(1);
		expect(day.coverage.stats).toBe(1);
		// The next day has dave's last 20 minutes and no join.
		const next = rows[1]?.rollup;
		expect(next?.callMs).toBe(20 * min);
		expect(next?.joins).toBe(0);
		expect(next?.rooms).toBe(0);
		// The all-apps rows equal the only app's.
		const all = await loadFleetDays(db, ALL_APPS, D, D + DAY_MS);
		expect(all[0]?.rollup.callMs).toBe(day.callMs);
	});

	it('summarizes a range into Data Insights and Duration Statistics', async () => {
		const { db } = await setup();
		const rows = await loadFleetDays(db, 'meet', D, D + 2 * DAY_MS);
		const insights = summarizeInsights(rows, D, D + 2 * DAY_MS);
		expect(insights.days).toBe(2);
		expect(insights.usage.rooms).toBe(2);
		expect(insights.usage.avgPeakUsers).toBe((3 + 1) / 2);
		expect(insights.usage.callMin).toBeCloseTo(30 + 19 + 50 / 60 + 40 / 60 + 30);
		expect(insights.quality.roomLoaded.value).toBeCloseTo(3 / 4);
		expect(insights.quality.roomLoaded5s.value).toBeCloseTo(2 / 4);
		// Only bob's dump has freezes: 60 × 1.5 s over his received video.
		const vf = insights.quality.videoFreeze;
		expect(vf.num).toBe(90_000);
		expect(vf.value).toBeGreaterThan(0.05);
		expect(insights.quality.audioFreeze.value).toBe(0);
		// HQ: bob's streams all lose ~30 %: none is HQ.
		expect(insights.quality.hqVideo.value).toBe(0);
		expect(insights.distributions.region.map((s) => s.name)).toEqual(['Spain', 'Germany']);
		expect(insights.daily).toHaveLength(2);
		expect(insights.hourly.peakUsers[10]).toBe(3);
		const durations = durationStats(rows, D, D + 2 * DAY_MS);
		expect(durations.minutes.audio[1]).toBeCloseTo(20);
		expect(durations.totals.uhd).toBe(0);
	});

	it('replays the day in Real-Time Data and lists the exceptions in Diagnostics', async () => {
		const { db } = await setup();
		const rooms = await loadRoomFacts(db, ALL_APPS, T(0, 0), T(24, 0));
		expect(rooms.map((r) => r.sessionId).sort()).toEqual(['ses_A', 'ses_B']);
		const rt = realtime(rooms, T(10, 0), T(10, 6));
		expect(rt.dashboard.onlineUsers).toBe(3);
		expect(rt.dashboard.onlineRooms).toBe(1);
		expect(rt.dashboard.usersWithStats).toBe(1);
		expect(rt.dashboard.unmeasurable.map((a) => a.id)).toEqual(['systemCpu', 'appCpu']);
		const alarmIds = rt.dashboard.alarms.map((a) => a.id);
		expect(alarmIds).toContain('downlinkVideoFreeze');
		expect(alarmIds).toContain('uplinkVideoLoss');
		expect(rt.dashboard.alarms.length).toBeLessThanOrEqual(6);
		// At 10:06 carol has left; the peak of the window was 3.
		expect(rt.scale.users[rt.scale.users.length - 1]).toBe(2);
		expect(rt.dashboard.peakUsers).toBe(3);

		const dx = diagnostics(rooms, T(0, 0), T(24, 0));
		const byUser = (u: string) => dx.rows.filter((r) => r.participantId === u).map((r) => [r.type, r.cause, r.source]);
		expect(byUser('carol')).toEqual([['slowLoading', 'Never connected (no media)', null]]);
		expect(byUser('bob')).toEqual([
			['slowLoading', 'Uplink audio packet loss', 'local'],
			['videoFreeze', 'Downlink video packet loss', 'local']
		]);
		expect(byUser('alice')).toEqual([]);
		expect(dx.overview).toEqual({ slowLoading: 2, videoFreeze: 1, audioFreeze: 0 });
		// A stricter threshold from Settings adds alice? No: she has no stats — only bob moves.
		const strict = diagnostics(rooms, T(0, 0), T(24, 0), { downlinkVideoLoss: 90 });
		expect(strict.rows.find((r) => r.participantId === 'bob' && r.type === 'videoFreeze')?.cause).toBe('Downlink video freeze');
	});

	it('recounts the days when an import is removed', async () => {
		const { db, cdrId } = await setup();
		const span = await deleteImport(db, cdrId as never);
		expect(span).not.toBeNull();
		if (span) await refreshFleet(db, span.from, span.to);
		const rows = await loadFleetDays(db, 'meet', D, D + 2 * DAY_MS);
		// Only bob's dump remains: one room of one user (the dump), on the 2nd.
		expect(rows.map((r) => r.rollup.rooms)).toEqual([1]);
		expect(rows[0]?.rollup.joins).toBe(1);
		expect((await fleetExtent(db))?.lastDay).toBe(D);
	});

	it('reads the rooms of a store from before version 8 (rooms as objects) after the upgrade', async () => {
		const { db } = await setup();
		const rooms = await loadRoomFacts(db, 'meet', D, D + 2 * DAY_MS);
		expect(rooms.map((r) => r.sessionId).sort()).toEqual(['ses_A', 'ses_B']);
		const rows = await db.fleetFacts.toArray();
		db.close();
		// The same rows as a version-7 store held them: `rooms`, no `roomsJson`.
		const { name, old } = storeAtVersion(7);
		await old.table('fleetFacts').bulkPut(rows.map((r) => ({ app: r.app, day: r.day, rooms: JSON.parse(r.roomsJson) as unknown })));
		old.close();
		const upgraded = new RtcscopeDb(name);
		expect(await loadRoomFacts(upgraded, 'meet', D, D + 2 * DAY_MS)).toEqual(rooms);
		const after = await upgraded.fleetFacts.toArray();
		expect(after.length).toBe(rows.length);
		expect(after.every((r) => typeof r.roomsJson === 'string' && !('rooms' in r))).toBe(true);
		upgraded.close();
	});
});
