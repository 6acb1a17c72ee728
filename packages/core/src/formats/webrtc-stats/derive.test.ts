import { describe, expect, it } from 'vitest';
import { PcStats } from './collector.js';
import { deriveStreams } from './derive.js';

const T0 = 1_700_000_000_000;
const sec = (s: number) => T0 + s * 1000;

/** An inbound video stream sampled each second with the given counters. */
function inbound(
	rows: { bytes: number; received: number; lost: number; freezes?: number; freezeS?: number }[]
) {
	const pc = new PcStats('pc');
	pc.setType('IT01V1', 'inbound-rtp');
	rows.forEach((r, i) => {
		pc.add('IT01V1', 'kind', sec(i), 'video');
		pc.add('IT01V1', 'bytesReceived', sec(i), r.bytes);
		pc.add('IT01V1', 'packetsReceived', sec(i), r.received);
		pc.add('IT01V1', 'packetsLost', sec(i), r.lost);
		pc.add('IT01V1', 'jitter', sec(i), 0.012);
		pc.add('IT01V1', 'framesPerSecond', sec(i), 30);
		pc.add('IT01V1', 'frameWidth', sec(i), 1280);
		pc.add('IT01V1', 'frameHeight', sec(i), 720);
		pc.add('IT01V1', 'freezeCount', sec(i), r.freezes ?? 0);
		pc.add('IT01V1', 'totalFreezesDuration', sec(i), r.freezeS ?? 0);
	});
	return deriveStreams(pc);
}

describe('deriveStreams', () => {
	it('bitrate from byte deltas, loss from packet deltas, jitter in ms', () => {
		const [s] = inbound([
			{ bytes: 0, received: 0, lost: 0 },
			{ bytes: 125_000, received: 100, lost: 0 }, // 1 Mbps, no loss
			{ bytes: 250_000, received: 190, lost: 10 }, // 1 Mbps, 10 of 100 lost
			{ bytes: 312_500, received: 290, lost: 10 } // 0.5 Mbps
		]);
		expect(s).toMatchObject({
			direction: 'inbound',
			kind: 'video',
			source: 'camera',
			objectId: 'IT01V1'
		});
		expect(Array.from(s!.cols.bitrateBps!)).toEqual([NaN, 1_000_000, 1_000_000, 500_000]);
		expect(Array.from(s!.cols.packetLossPct!)).toEqual([NaN, 0, 10, 0]);
		expect(s!.cols.jitterMs![1]).toBeCloseTo(12, 5);
		expect(Array.from(s!.cols.widthPx!)).toEqual([1280, 1280, 1280, 1280]);
	});

	it('a counter reset or a long pause is a gap, never a negative or infinite rate', () => {
		const pc = new PcStats('pc');
		pc.setType('OT', 'outbound-rtp');
		const samples: [number, number][] = [
			[0, 0],
			[1, 1000],
			[2, 2000],
			[3, 500], // reset (e.g. a new encoder)
			[4, 1500],
			[40, 9000], // 36 s without a sample
			[41, 10_000],
			[41, 11_000] // same time twice
		];
		for (const [t, b] of samples) {
			pc.add('OT', 'kind', sec(t), 'audio');
			pc.add('OT', 'bytesSent', sec(t), b);
		}
		const [s] = deriveStreams(pc);
		expect(Array.from(s!.cols.bitrateBps!)).toEqual([NaN, 8000, 8000, NaN, 8000, NaN, 8000, NaN]);
	});

	it('freezes from freezeCount with their duration', () => {
		const [s] = inbound([
			{ bytes: 0, received: 0, lost: 0 },
			{ bytes: 1000, received: 10, lost: 0, freezes: 1, freezeS: 0.8 },
			{ bytes: 2000, received: 20, lost: 0, freezes: 1, freezeS: 0.8 },
			{ bytes: 3000, received: 30, lost: 0, freezes: 3, freezeS: 2.0 }
		]);
		expect(s!.freezes).toEqual([
			{ at: sec(1), durationMs: 800 },
			{ at: sec(3), durationMs: 1200 }
		]);
	});

	it('sent streams take loss, jitter and RTT from the receiver report (remote-inbound-rtp)', () => {
		const pc = new PcStats('pc');
		pc.setType('OT01V9', 'outbound-rtp');
		pc.setType('RIV9', 'remote-inbound-rtp');
		for (let i = 0; i < 3; i++) {
			pc.add('OT01V9', 'kind', sec(i), 'video');
			pc.add('OT01V9', 'bytesSent', sec(i), i * 50_000);
			pc.add('OT01V9', 'contentType', sec(i), 'screenshare');
			pc.add('RIV9', 'localId', sec(i) + 3, 'OT01V9');
			pc.add('RIV9', 'fractionLost', sec(i) + 3, 0.05);
			pc.add('RIV9', 'roundTripTime', sec(i) + 3, 0.123);
			pc.add('RIV9', 'jitter', sec(i) + 3, 0.004);
		}
		const [s] = deriveStreams(pc);
		expect(s).toMatchObject({ direction: 'outbound', source: 'screen' });
		expect(Array.from(s!.cols.bitrateBps!)).toEqual([NaN, 400_000, 400_000]);
		expect(s!.cols.packetLossPct![2]).toBeCloseTo(5, 4);
		expect(s!.cols.rttMs![2]).toBeCloseTo(123, 3);
		expect(s!.cols.jitterMs![2]).toBeCloseTo(4, 4);
	});

	it('legacy Chrome ssrc reports: string values, ms units, direction from bytesSent', () => {
		const pc = new PcStats('PC_1');
		pc.setType('ssrc_1_recv', 'ssrc');
		for (let i = 0; i < 3; i++) {
			pc.add('ssrc_1_recv', 'mediaType', sec(i), 'audio');
			pc.add('ssrc_1_recv', 'bytesReceived', sec(i), String(i * 4000));
			pc.add('ssrc_1_recv', 'packetsReceived', sec(i), String(i * 50));
			pc.add('ssrc_1_recv', 'packetsLost', sec(i), String(i));
			pc.add('ssrc_1_recv', 'googJitterReceived', sec(i), '7');
			pc.add('ssrc_1_recv', 'googRtt', sec(i), '0');
		}
		const [s] = deriveStreams(pc);
		expect(s).toMatchObject({ direction: 'inbound', kind: 'audio' });
		expect(Array.from(s!.cols.bitrateBps!)).toEqual([NaN, 32_000, 32_000]);
		expect(s!.cols.packetLossPct![1]).toBeCloseTo((1 / 51) * 100, 4);
		expect(s!.cols.jitterMs![1]).toBe(7);
	});

	it('the selected candidate pair: RTT, available bitrate, relay', () => {
		const pc = new PcStats('pc');
		pc.setType('T01', 'transport');
		pc.setType('CPa', 'candidate-pair');
		pc.setType('CPb', 'candidate-pair');
		pc.setType('Iloc', 'local-candidate');
		pc.setType('Irem', 'remote-candidate');
		pc.add('Iloc', 'candidateType', sec(0), 'relay');
		pc.add('Iloc', 'relayProtocol', sec(0), 'tls');
		pc.add('Irem', 'candidateType', sec(0), 'srflx');
		for (let i = 0; i < 3; i++) {
			pc.add('T01', 'selectedCandidatePairId', sec(i), 'CPb');
			for (const id of ['CPa', 'CPb']) {
				pc.add(id, 'bytesSent', sec(i), i * 1000);
				pc.add(id, 'localCandidateId', sec(i), 'Iloc');
				pc.add(id, 'remoteCandidateId', sec(i), 'Irem');
			}
			pc.add('CPa', 'currentRoundTripTime', sec(i), 0.9);
			pc.add('CPb', 'currentRoundTripTime', sec(i), 0.05);
			pc.add('CPb', 'availableOutgoingBitrate', sec(i), 1_500_000);
		}
		const [c] = deriveStreams(pc);
		expect(c).toMatchObject({ direction: 'connection', objectId: 'CPb' });
		expect(Array.from(c!.cols.rttMs!).map((v) => Math.round(v))).toEqual([50, 50, 50]);
		expect(c!.cols.availableOutgoingBitrateBps![0]).toBe(1_500_000);
		expect(c!.selectedPair).toMatchObject({
			relayed: true,
			local: { candidateType: 'relay', relayProtocol: 'tls' },
			remote: { candidateType: 'srflx' }
		});
	});

	it('flags series that hit Chrome’s 1,000-sample limit', () => {
		const pc = new PcStats('pc');
		pc.setType('OT', 'outbound-rtp');
		for (let i = 0; i < 1000; i++) pc.add('OT', 'bytesSent', sec(i + 500), i * 100);
		const [s] = deriveStreams(pc, { chromeTruncation: true });
		expect(s!.droppedBeforeAt).toBe(sec(500));
		expect(deriveStreams(pc)[0]!.droppedBeforeAt).toBeNull();
	});
});
