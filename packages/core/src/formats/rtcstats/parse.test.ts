import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProblemLog } from '../../model/problems.js';
import { sharedPath } from '../../test-support/helpers.js';
import type { ParsedRecord, StreamRecord } from '../types.js';
import { webrtcInternalsFormat } from '../webrtc-internals/index.js';
import { rtcstatsFormat } from './index.js';

function parse(text: string) {
	const records: ParsedRecord[] = [];
	const streams: StreamRecord[] = [];
	const problems = new ProblemLog();
	const parser = rtcstatsFormat.createParser({
		importId: 'feedface00112233',
		fileName: 'dump',
		problems
	});
	text.split('\n').forEach((line, i) => {
		if (!line.trim()) return;
		const out = parser.parse(line, i + 1, problems, false);
		if (Array.isArray(out)) records.push(...out);
		else if (out) records.push(out);
	});
	parser.finish?.({ record: (r) => records.push(r), stream: (s) => streams.push(s) });
	return { records, streams, problems: problems.kept };
}

const file = (name: string) => readFileSync(sharedPath('data/real/rtcstats', name), 'utf8');

describe('real rtcstats dumps (every generation)', () => {
	for (const name of readdirSync(sharedPath('data/real/rtcstats'))) {
		it(`${name} imports without an error`, () => {
			const { problems, records } = parse(file(name));
			expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
			if (name !== 'jitsi-rtcstats-server__jigasi-sample')
				expect(records.length).toBeGreaterThan(0);
		});
	}

	it('3.x with a 5th sequence element: times are the 4th element, not 1, 2, 3…', () => {
		const { records } = parse(file('jitsi-rtcstats-server__firefox-relay-p2p'));
		expect(Math.min(...records.map((r) => r.event.at))).toBeGreaterThan(Date.UTC(2023, 0, 1));
	});

	it('a connectionInfo years after the call does not stretch the session', () => {
		const { records } = parse(
			file('jitsi-rtcstats-server__chrome96-standard-stats-p2p-add-transceiver')
		);
		const times = records.map((r) => r.event.at);
		expect(Math.max(...times) - Math.min(...times)).toBeLessThan(10 * 60_000);
	});

	it('file format 3: relative times add up to the epoch of the first record', () => {
		const { streams, records } = parse(
			file('Guilospanck-webrtc-stats-analyzer__rtcstats_dump.txt')
		);
		const first = Math.min(...records.map((r) => r.event.at));
		expect(new Date(first).toISOString().slice(0, 16)).toBe('2026-02-03T09:14');
		expect(streams.filter((s) => s.stream.direction !== 'connection').length).toBe(8);
	});

	it('legacy Chrome getStats: string values re-accumulated from deltas', () => {
		const { streams } = parse(file('jitsi-rtcstats-server__google-legacy-stats-sfu'));
		const video = streams.filter(
			(s) => s.stream.direction === 'inbound' && s.stream.kind === 'video'
		);
		expect(video.length).toBe(4);
		const busiest = Math.max(
			...video.map((s) =>
				Number.isFinite(s.stream.cols.bitrateBps![10]!) ? s.stream.cols.bitrateBps![10]! : 0
			)
		);
		expect(busiest).toBeGreaterThan(100_000);
	});

	it('a connectionInfo given as a JSON string names the session after the room', () => {
		const { records } = parse(file('fippo-rtcstats-server__jest-p2p-sfu'));
		expect(records[0]?.session?.key).toBe('webrtc:room-contentlogosformyesterday');
	});

	it('Jitsi server dumps: the conference and who was in it', () => {
		const { records } = parse(file('jitsi-rtcstats-server__jicofo-sample'));
		expect(records[0]?.session?.key).toBe(
			'webrtc:room-dutchacademyeindhovengamemainrooma-2021@conference.meet.jit.si'
		);
		const joins = records.filter((r) => r.event.type === 'peerConnectionCreated');
		expect(joins.length).toBeGreaterThan(2);
		expect(records.some((r) => r.event.type === 'identity')).toBe(true);
	});
});

describe('one call in both formats (Guilospanck: webrtc-internals and rtcstats)', () => {
	it('gives the same bitrates and loss at the same sample times', () => {
		const rtc = parse(file('Guilospanck-webrtc-stats-analyzer__rtcstats_dump.txt')).streams;
		const wiStreams: StreamRecord[] = [];
		const parser = webrtcInternalsFormat.createParser(
			{ importId: 'x', fileName: 'x', problems: new ProblemLog() },
			{ record: () => {}, stream: (s) => wiStreams.push(s) }
		);
		parser.push(
			readFileSync(
				sharedPath(
					'data/real/webrtc-internals/Guilospanck-webrtc-stats-analyzer__webrtc_internals_dump.txt'
				),
				'utf8'
			)
		);
		parser.end();
		const key = (s: StreamRecord) => `${s.stream.pcId}|${s.stream.direction}|${s.stream.ssrc}`;
		const media = (list: StreamRecord[]) => list.filter((s) => s.stream.direction !== 'connection');
		expect(media(wiStreams).map(key).sort()).toEqual(media(rtc).map(key).sort());
		let compared = 0;
		for (const a of media(wiStreams)) {
			const b = rtc.find((s) => key(s) === key(a))!.stream;
			for (let i = 0; i < a.stream.t.length; i++) {
				const j = b.t.findIndex((t) => Math.abs(t - a.stream.t[i]!) < 5);
				if (j < 0) continue;
				for (const metric of ['bitrateBps', 'packetLossPct'] as const) {
					const x = a.stream.cols[metric]![i]!;
					const y = b.cols[metric]![j]!;
					if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
					expect(Math.abs(x - y)).toBeLessThanOrEqual(Math.max(1, Math.abs(x) * 0.01));
					compared++;
				}
			}
		}
		expect(compared).toBeGreaterThan(300);
	});
});
