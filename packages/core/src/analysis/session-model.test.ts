import { describe, expect, it } from 'vitest';
import { ProblemLog } from '../model/problems.js';
import { sessionKey } from '../model/ids.js';
import { createCdrParser } from '../formats/openvidu-cdr/index.js';
import { readShared } from '../test-support/helpers.js';
import { HAND_CHECKED_KEY, handCheckedEvents, T0 } from '../test-support/session-fixture.js';
import { buildSessionModel } from './session-model.js';
import { sliceSession } from './meeting-slice.js';
import { sessionStatistics } from './statistics.js';
import { failureRates } from './failure-rates.js';
import { onlineTimeline } from './timeline.js';
import { filterEvents } from './event-filter.js';
import { describeEvent } from './describe.js';
import { eventKey } from '../model/event-key.js';

const s = (sec: number) => T0 + sec * 1000;

describe('buildSessionModel on the hand-checked session', () => {
	const model = buildSessionModel(HAND_CHECKED_KEY, handCheckedEvents());

	it('pairs joins and leaves into connections', () => {
		expect(
			model.participants.map((p) => [p.participantId, p.joinedAt, p.leftAt, p.leaveReason])
		).toEqual([
			['con_A', s(0), s(600), 'disconnect'],
			['con_B', s(60), s(300), 'networkDisconnect'],
			['con_B2', s(330), s(600), 'disconnect'],
			['con_C', s(1500), s(1620), 'forceDisconnectByServer']
		]);
		expect(model.participants.every((p) => !p.joinInferred)).toBe(true);
		expect(model.participants[1]?.userKey).toBe(model.participants[2]?.userKey);
		expect(model.participants[0]?.userKey).not.toBe(model.participants[1]?.userKey);
	});

	it('pairs publications and subscriptions with their ends', () => {
		expect(
			model.publications.map((p) => [
				p.participantId,
				p.startedAt,
				p.endedAt,
				p.endReason,
				p.widthPx
			])
		).toEqual([
			['con_A', s(2), s(600), 'unpublish', 640],
			['con_B', s(62), s(300), 'networkDisconnect', 1280],
			['con_B2', s(332), s(600), 'unpublish', 640]
		]);
		expect(
			model.subscriptions.map((x) => [
				x.subscriberId,
				x.publisherId,
				x.startedAt,
				x.endedAt,
				x.endReason
			])
		).toEqual([
			['con_B', 'con_A', s(61), s(300), 'networkDisconnect'],
			['con_A', 'con_B', s(63), s(300), 'networkDisconnect'],
			['con_B2', 'con_A', s(331), s(600), 'unsubscribe'],
			['con_A', 'con_B2', s(333), s(600), 'unpublish']
		]);
	});

	it('collects the recording with its history and final figures', () => {
		expect(model.recordings).toHaveLength(1);
		expect(model.recordings[0]).toMatchObject({
			recordingId: 'hand-checked',
			status: 'ready',
			startedAt: s(100),
			durationS: 399.5,
			sizeBytes: 4_200_000,
			outputMode: 'COMPOSED',
			layout: 'BEST_FIT',
			resolution: '1280x720'
		});
		expect(model.recordings[0]?.history.map((h) => h.status)).toEqual([
			'started',
			'stopped',
			'ready'
		]);
	});

	it('splits two meetings at the 15-minute idle gap', () => {
		expect(model.meetings).toEqual([
			{ index: 1, startAt: s(0), endAt: s(600), participantIds: ['con_A', 'con_B', 'con_B2'] },
			{ index: 2, startAt: s(1500), endAt: s(1620), participantIds: ['con_C'] }
		]);
		expect(model.destroyedAt).toBe(s(1621));
	});

	it('meeting 1: statistics worked out by hand', () => {
		const slice = sliceSession(model, 1);
		const stats = sessionStatistics(slice);
		expect(stats).toMatchObject({
			callType: 'one-to-one',
			users: 2,
			connections: 3,
			publishedStreams: 3,
			subscriptions: 4,
			publishingUsers: 2,
			issues: 4
		});
		// (300−61) + (300−63) + (600−331) + (600−333) = 1012 s
		expect(stats.streamedMinutes).toBeCloseTo(1012 / 60, 10);
		// (600−2) + (300−62) + (600−332) = 1104 s
		expect(stats.publishedMinutes).toBeCloseTo(1104 / 60, 10);
		expect(stats.endpoints).toEqual([
			{ label: 'Chrome 120', users: 1 },
			{ label: 'Firefox 121', users: 1 }
		]);
		expect(stats.platforms.map((p) => p.label)).toEqual(['Ubuntu', 'Windows 10']);
		expect(stats.locations).toEqual([
			{ label: 'Berlin, Germany', users: 1 },
			{ label: 'Madrid, Spain', users: 1 }
		]);
		// sessionCreated (before the first join) and the recording belong to meeting 1.
		expect(slice.events[0]?.type).toBe('sessionCreated');
		expect(slice.recordings).toHaveLength(1);
	});

	it('meeting 1: failure rates', () => {
		const rates = failureRates(sliceSession(model, 1));
		expect(rates.map((r) => [r.what, r.attempts, r.failures, r.forced, r.rate])).toEqual([
			['connections', 3, 1, 0, 1 / 3],
			['publications', 3, 1, 0, 1 / 3],
			['subscriptions', 4, 2, 0, 0.5],
			['recordings', 1, 0, 0, 0]
		]);
		expect(rates[0]?.definition).toMatch(/networkDisconnect/);
	});

	it('meeting 2 is one-to-zero with a forced end; the whole session is multiparty', () => {
		const m2 = sliceSession(model, 2);
		expect(sessionStatistics(m2)).toMatchObject({
			callType: 'one-to-zero',
			users: 1,
			connections: 1,
			issues: 1
		});
		expect(failureRates(m2)[0]).toMatchObject({ attempts: 1, failures: 0, forced: 1, rate: 0 });
		expect(m2.events.map((e) => e.type)).toEqual([
			'participantJoined',
			'participantLeft',
			'sessionDestroyed'
		]);
		const all = sessionStatistics(sliceSession(model, null));
		expect(all).toMatchObject({ callType: 'multiparty', users: 3, connections: 4, issues: 5 });
	});

	it('timeline: participants and streams online over meeting 1', () => {
		const t = onlineTimeline(sliceSession(model, 1));
		const rows = Array.from(t.t, (sec, i) => [
			sec - T0 / 1000,
			t.participants[i],
			t.publications[i],
			t.subscriptions[i]
		]);
		// The meeting starts with the first join (sessionCreated one second earlier is not presence).
		expect(rows).toEqual([
			[0, 1, 0, 0],
			[2, 1, 1, 0],
			[60, 2, 1, 0],
			[61, 2, 1, 1],
			[62, 2, 2, 1],
			[63, 2, 2, 2],
			[300, 1, 1, 0],
			[330, 2, 1, 0],
			[331, 2, 1, 1],
			[332, 2, 2, 1],
			[333, 2, 2, 2],
			[600, 0, 0, 0]
		]);
	});

	it('event log filter: + terms all required, − terms excluded, participant filter', () => {
		const events = model.events;
		const disconnects = filterEvents(events, {
			include: ['networkDisconnect'],
			exclude: [],
			participantIds: []
		});
		expect(disconnects).toHaveLength(4);
		const notSubscribe = filterEvents(events, {
			include: ['networkDisconnect'],
			exclude: ['receiving'],
			participantIds: []
		});
		expect(notSubscribe.map((e) => e.type)).toEqual([
			'webrtcConnectionDestroyed',
			'participantLeft'
		]);
		const carol = filterEvents(events, { include: [], exclude: [], participantIds: ['con_C'] });
		expect(carol.map((e) => e.type)).toEqual(['participantJoined', 'participantLeft']);
		expect(describeEvent(carol[1]!)).toBe(
			'Participant con_C left — forceDisconnectByServer after 120 s'
		);
	});
});

describe('buildSessionModel on real 2018 lines', () => {
	it('pairs a 2018 INBOUND stream without streamId by its startTime, and infers joins from leaves', () => {
		const lines = readShared(
			'data/real/openvidu-cdr/extracted/openvidu.io-docs__cdr-doc-examples-2018-2022.jsonl'
		)
			.split('\n')
			.filter(Boolean);
		const parser = createCdrParser();
		const problems = new ProblemLog();
		const events = lines
			.map((l, i) => one(parser.parse(l, i + 1, problems, false)))
			.filter((r) => r?.session?.sessionId === 'fds4e07mdug1ga3h')
			.map((r) => ({ ...r!.event, importId: 'docs' }));
		const model = buildSessionModel(sessionKey('openvidu', 'fds4e07mdug1ga3h'), events);
		// The doc lines span 2018-01..2018-10: separate meetings by the idle rule.
		expect(model.meetings.length).toBeGreaterThan(1);
		const early = model.subscriptions.find((x) => x.subscriberId === '6ptvp0in09fhbroy');
		expect(early).toMatchObject({
			publisherId: 'eedki0mookh577mx',
			startedAt: 1523971686215,
			endedAt: 1523971692831,
			endReason: 'disconnect'
		});
		// No participantLeft for wsalcr1r72goj8sk: the sessionDestroyed at 1538481699154 ends it.
		expect(model.participants.find((p) => p.participantId === 'wsalcr1r72goj8sk')).toMatchObject({
			joinedAt: 1538481330760,
			leftAt: 1538481699154,
			leaveInferred: true,
			leaveReason: null
		});
		const inferred = model.participants.find((p) => p.participantId === 'lgge40niviipjzwg');
		expect(inferred).toMatchObject({
			joinInferred: true,
			joinedAt: 1538481532507,
			leftAt: 1538481597612
		});
		expect(model.recordings.map((r) => [r.recordingId, r.status, r.startedAt])).toEqual([
			['fds4e07mdug1ga3h', 'stopped', 1523973259519],
			['TestSession', 'stopped', 1538481536707]
		]);
	});
});

describe('userRows', () => {
	it('groups the reconnect into one user and lists who subscribed to each stream', async () => {
		const { userRows, userLabel } = await import('./user-data.js');
		const model = buildSessionModel(HAND_CHECKED_KEY, handCheckedEvents());
		const rows = userRows(sliceSession(model, 1));
		expect(rows.map((r) => [r.label, r.connections.length, r.issues, r.leaveReason])).toEqual([
			['alice', 1, 1, 'disconnect'],
			['bob', 2, 3, 'disconnect']
		]);
		const bob = rows[1]!;
		expect(bob.durationMs).toBe((300 - 60 + 600 - 330) * 1000);
		expect(bob.platform).toBe('Firefox 121 · Ubuntu');
		const alicePub = rows[0]!.connections[0]!.publications[0]!;
		expect(
			alicePub.subscribers.map((s) => [
				s.subscriberLabel,
				s.subscription.subscriberId,
				s.subscription.endReason
			])
		).toEqual([
			['bob', 'con_B', 'networkDisconnect'],
			['bob', 'con_B2', 'unsubscribe']
		]);
		expect(userLabel({ clientData: '{"clientData":"Alice"}', participantId: 'x' })).toBe('Alice');
		expect(userLabel({ clientData: '<img src=x onerror=alert(1)>', participantId: 'x' })).toBe(
			'<img src=x onerror=alert(1)>'
		);
		expect(userLabel({ clientData: '', participantId: 'con_1' })).toBe('con_1');
	});
});

describe('the same event from two sources counts once', () => {
	it('a CDR line and the webhook copy of it are one event', () => {
		const parser = createCdrParser();
		const problems = new ProblemLog();
		const cdr = one(parser.parse(
			'{"sessionCreated":{"sessionId":"fds4e07mdug1ga3h","timestamp":1538481330577}}',
			9,
			problems,
			false
		));
		const hook = one(parser.parse(
			'{"event":"sessionCreated", "sessionId":"fds4e07mdug1ga3h","timestamp":1538481330577}',
			3,
			problems,
			false
		));
		const other = one(parser.parse(
			'{"sessionCreated":{"sessionId":"fds4e07mdug1ga3h","timestamp":1538481330578}}',
			4,
			problems,
			false
		));
		expect(eventKey(cdr!.event)).toBe(eventKey(hook!.event));
		expect(eventKey(other!.event)).not.toBe(eventKey(cdr!.event));
		const model = buildSessionModel(sessionKey('openvidu', 'fds4e07mdug1ga3h'), [
			{ ...cdr!.event, importId: 'a' },
			{ ...hook!.event, importId: 'b' },
			{ ...other!.event, importId: 'b' }
		]);
		expect(model.events.map((e) => [e.importId, e.line])).toEqual([
			['a', 9],
			['b', 4]
		]);
	});
});

/** The CDR parser returns one record per line, or several for an Elasticsearch summary. */
function one<T>(r: T | T[] | null): T | null {
	return Array.isArray(r) ? (r[0] ?? null) : r;
}
