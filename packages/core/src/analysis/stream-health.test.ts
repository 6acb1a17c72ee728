import { describe, expect, it } from 'vitest';
import type { HealthSnapshotRow, LivepeerEventRow } from '../model/livepeer.js';
import {
	checkCards,
	eventLog,
	globalHealth,
	ingestRate,
	multistreamTargets,
	transcodeSamples,
	transcodeSeries
} from './stream-health.js';

const cond = (type: string, status: boolean | null) => ({
	type,
	status,
	frequency: null,
	lastProbeTime: 1,
	lastTransitionsTime: 1,
	extraData: null
});
const snap = (
	over: Partial<HealthSnapshotRow> & { conditions: HealthSnapshotRow['conditions'] }
): HealthSnapshotRow => ({
	streamId: 's',
	probeAt: 10,
	importId: 'i',
	line: 1,
	healthy: null,
	metrics: [],
	...over
});
let n = 0;
const ev = (
	type: string,
	timestamp: number,
	data: Record<string, unknown> = {}
): LivepeerEventRow => ({
	id: `e${n++}`,
	streamId: 's',
	type,
	timestamp,
	importId: 'i',
	line: 1,
	data: { type, timestamp, ...data }
});
const transcode = (
	t: number,
	seqNo: number,
	duration: number,
	byteSize: number,
	latencyMs: number,
	extra: Record<string, unknown> = {}
) =>
	ev('transcode', t, {
		segment: { name: '', seqNo, duration, byteSize },
		latencyMs,
		success: true,
		attempts: [],
		...extra
	});

describe('global state (Active ∧ TranscodeRealTime ∧ Multistreaming when configured)', () => {
	it('computes healthy, unhealthy and idle from conditions, with reasons', () => {
		const all = (rt: boolean, multi: boolean | null) =>
			snap({
				conditions: [
					cond('Active', true),
					cond('Transcoding', true),
					cond('TranscodeRealTime', rt),
					cond('Multistreaming', multi)
				]
			});
		expect(globalHealth(all(true, null), []).state).toBe('healthy');
		expect(globalHealth(all(true, true), []).state).toBe('healthy');
		const slow = globalHealth(all(false, null), []);
		expect(slow.state).toBe('unhealthy');
		expect(slow.reasons.join(' ')).toContain('slower than real time');
		expect(globalHealth(all(true, false), []).state).toBe('unhealthy');
		expect(
			globalHealth(
				snap({ conditions: [cond('Active', false), cond('TranscodeRealTime', true)] }),
				[]
			).state
		).toBe('idle');
	});

	it("prefers the API's own `healthy` when present", () => {
		const s = snap({
			healthy: cond('healthy', false),
			conditions: [cond('Active', true), cond('TranscodeRealTime', true)]
		});
		expect(globalHealth(s, [])).toMatchObject({ state: 'unhealthy', basis: 'api' });
	});

	it('falls back to events: stream_state idle, slow segments unhealthy', () => {
		expect(globalHealth(null, [ev('stream_state', 1, { state: { active: false } })]).state).toBe(
			'idle'
		);
		expect(globalHealth(null, [transcode(1000, 1, 2, 1000, 500)]).state).toBe('healthy');
		expect(
			globalHealth(null, [transcode(1000, 1, 2, 1000, 500), transcode(3000, 2, 2, 1000, 2500)])
				.state
		).toBe('unhealthy');
		expect(globalHealth(null, []).state).toBe('unknown');
	});

	it('cards: one per check, blank when not reported', () => {
		const cards = checkCards(
			snap({ conditions: [cond('Transcoding', true), cond('Multistreaming', null)] })
		);
		expect(cards.map((c) => [c.title, c.status])).toEqual([
			['Transcoding', true],
			['Real-time', null],
			['Multistreaming', null],
			['No errors', null]
		]);
	});
});

describe('checks estimated from events when no health response is stored', () => {
	it('last segment gives the status; windows give the frequencies; the last change gives the transition', () => {
		const events = [
			transcode(0, 1, 2, 100, 500),
			transcode(30_000, 2, 2, 100, 500),
			transcode(50_000, 3, 2, 100, 3_000),
			transcode(70_000, 4, 2, 100, 4_000)
		];
		const cards = checkCards(null, events);
		const realtime = cards.find((c) => c.type === 'TranscodeRealTime');
		expect(realtime).toMatchObject({
			status: false,
			lastProbeTime: 70_000,
			lastTransitionsTime: 50_000
		});
		// The 1-minute window before 70 s holds segments at 30, 50 and 70 s: one of three was real time.
		expect(realtime?.frequency?.['1m']).toBeCloseTo(1 / 3, 6);
		expect(realtime?.frequency?.['10m']).toBe(0.5);
		expect(cards.find((c) => c.type === 'Transcoding')?.status).toBe(true);
		expect(cards.find((c) => c.type === 'Multistreaming')?.status).toBeNull();
	});
});

describe('ingest rate, transcode latency, targets and the log', () => {
	it('bitrate per 10 s = Σ bytes × 8 ÷ Σ durations (the document example: 2,270,100 B in 8.334 s ≈ 2.18 Mbit/s)', () => {
		const samples = transcodeSamples([
			transcode(1635994875678, 292, 8.334, 2270100, 1209),
			transcode(1635994876000, 293, 2, 500000, 400),
			transcode(1635994885000, 294, 2, 250000, 400)
		]);
		const rate = ingestRate(samples);
		expect(Array.from(rate.t)).toEqual([1635994870, 1635994880]);
		expect(rate.y[0]).toBeCloseTo(((2270100 + 500000) * 8) / 10.334, 3);
		expect(rate.y[1]).toBeCloseTo(1_000_000, 6);
		const series = transcodeSeries(samples);
		expect(series.realtimeRatio[0]).toBeCloseTo(8334 / 1209, 6);
	});

	it('multistream targets: Pending → Online → Offline, Idle when the stream is not active', () => {
		const target = { id: 't1', name: 'YouTube', profile: 'source' };
		const events = [
			ev('media_server_metrics', 1, { multistream: [{ target, metrics: null }] }),
			ev('webhook_event', 2, { event: 'multistream.connected', payload: { target } }),
			ev('webhook_event', 3, {
				event: 'multistream.connected',
				payload: { target: { id: 't2', name: 'Twitch' } }
			}),
			ev('webhook_event', 4, {
				event: 'multistream.error',
				payload: JSON.stringify({ target: { id: 't2', name: 'Twitch' }, error: 'bad key' })
			})
		];
		expect(multistreamTargets(events.slice(0, 1), true).map((t) => t.state)).toEqual(['Pending']);
		expect(multistreamTargets(events, true).map((t) => [t.name, t.state, t.error])).toEqual([
			['YouTube', 'Online', null],
			['Twitch', 'Offline', 'bad key']
		]);
		expect(multistreamTargets(events, false).map((t) => t.state)).toEqual(['Idle', 'Idle']);
	});

	it("the log shows fatal transcode errors with the document's advice, stream starts and stops", () => {
		const log = eventLog([
			ev('stream_state', 1, { state: { active: true } }),
			transcode(2, 0, 2, 100, 100, {
				success: false,
				attempts: [
					{
						orchestrator: {
							transcodeUri: 'https://ewr-prod-livepeer-orchestrator-0.livepeer.com:443'
						},
						error: 'Unsupported input pixel format'
					}
				]
			}),
			transcode(3, 1, 2, 100, 100),
			ev('media_server_metrics', 4, { stats: { mediaTimeMs: 1000 } }),
			ev('something_new', 5)
		]);
		expect(log.map((l) => [l.severity, l.text])).toEqual([
			['info', 'Stream started'],
			[
				'fatal',
				'Transcode error from ewr-prod-livepeer-orchestrator-0 for segment 0: Unsupported input pixel format'
			],
			['info', 'something_new event']
		]);
		expect(log[1]?.advice).toContain('OBS');
	});
});
