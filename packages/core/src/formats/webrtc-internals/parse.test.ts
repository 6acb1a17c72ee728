import { readFileSync } from 'node:fs';
import { gunzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ProblemLog } from '../../model/problems.js';
import { sharedPath } from '../../test-support/helpers.js';
import type { ParsedRecord, StreamRecord } from '../types.js';
import { webrtcInternalsFormat } from './index.js';
import { splitStatsKey } from './keys.js';
import { localOffsetMs, parseLocaleTimeAsUtc, spreadTimes } from './time.js';

function parse(text: string, chunk = 65_536, importId = 'abcdef0123456789') {
	const records: ParsedRecord[] = [];
	const streams: StreamRecord[] = [];
	const problems = new ProblemLog();
	const parser = webrtcInternalsFormat.createParser(
		{ importId, fileName: 'dump.txt', problems },
		{ record: (r) => records.push(r), stream: (s) => streams.push(s) }
	);
	for (let i = 0; i < text.length; i += chunk) parser.push(text.slice(i, i + chunk));
	parser.end();
	return { records, streams, problems: problems.kept };
}

const dump = (name: string) => readFileSync(sharedPath('data/real/webrtc-internals', name), 'utf8');

describe('splitStatsKey', () => {
	it('splits on the last dash, ids with dashes, colons, slashes and equals signs included', () => {
		expect(splitStatsKey('OT01V4059607022-bytesSent')).toEqual({
			id: 'OT01V4059607022',
			prop: 'bytesSent'
		});
		expect(splitStatsKey('CIT01_49_level-id=186;profile-id=1;tier-flag=0-mimeType')).toEqual({
			id: 'CIT01_49_level-id=186;profile-id=1;tier-flag=0',
			prop: 'mimeType'
		});
		expect(splitStatsKey('RTCIceCandidatePair_frv/SrN8_WEp1m6Tw-currentRoundTripTime')).toEqual({
			id: 'RTCIceCandidatePair_frv/SrN8_WEp1m6Tw',
			prop: 'currentRoundTripTime'
		});
		expect(splitStatsKey('IT01V4059607022-[framesReceived-framesDecoded-framesDropped]')).toEqual({
			id: 'IT01V4059607022',
			prop: '[framesReceived-framesDecoded-framesDropped]'
		});
		expect(splitStatsKey('nodash')).toBeNull();
	});
});

describe('times', () => {
	it('reads zone-less locale times and finds their offset', () => {
		expect(parseLocaleTimeAsUtc('11/5/2020, 9:34:11 PM')).toBe(Date.UTC(2020, 10, 5, 21, 34, 11));
		expect(parseLocaleTimeAsUtc('11/5/2020, 12:05:00 AM')).toBe(Date.UTC(2020, 10, 5, 0, 5, 0));
		expect(parseLocaleTimeAsUtc('05/11/2020, 21:34:11')).toBe(Date.UTC(2020, 10, 5, 21, 34, 11));
		expect(parseLocaleTimeAsUtc('5.11.2020, 21:34:11')).toBe(Date.UTC(2020, 10, 5, 21, 34, 11));
		expect(parseLocaleTimeAsUtc('yesterday')).toBeNaN();
		expect(
			localOffsetMs(Date.UTC(2020, 10, 5, 21, 34, 11), Date.UTC(2020, 10, 5, 18, 34, 12, 741))
		).toBe(3 * 3_600_000);
		expect(spreadTimes(1000, 3000, 3)).toEqual([1000, 2000, 3000]);
	});
});

describe('real webrtc-internals dumps', () => {
	it('Chrome 86 (no statsType, local-time update log): streams, and the log shifted by the zone offset', () => {
		const { records, streams, problems } = parse(
			dump('AndreiDen-WebRTC_stats_parser__webrtc_internals_dump.txt')
		);
		expect(problems.map((p) => p.severity)).toEqual(['warning', 'warning']);
		expect(problems[0]?.message).toMatch(/shifted by −3 h/);
		// "11/5/2020" reads as 5 Nov or 11 May: the stats (2020-11-05 UTC) decide, and it says so.
		expect(problems[1]?.message).toMatch(/month-first \(2020-11-05\) lines up with the stats/);
		const out = streams
			.filter((s) => s.stream.direction === 'outbound')
			.map((s) => [s.stream.pcId, s.stream.kind, s.stream.t.length]);
		expect(out).toEqual([
			['18084-8', 'audio', 247],
			['18084-8', 'video', 247]
		]);
		// The first update-log entry (9:34:11 PM local, UTC+3) lands at 18:34:11 UTC, a second before the stats start.
		const created = records.find(
			(r) => r.event.type === 'peerConnectionCreated' && r.event.participantId === '18084-8'
		);
		expect(new Date(created!.event.at).toISOString()).toBe('2020-11-05T18:34:11.000Z');
		// The session comes from the dump's content, not from the import (file bytes): the same
		// dump read under another import id (its .gz) is the same session.
		expect(records[0]?.session?.key).toMatch(/^webrtc:dump-[0-9a-z]+$/);
		expect(parse(dump('AndreiDen-WebRTC_stats_parser__webrtc_internals_dump.txt'), 65_536, 'ffff00001111')
			.records[0]?.session?.key).toBe(records[0]?.session?.key);
	});

	it('current Chrome (statsType, timestamp series, numeric log times)', () => {
		const { streams, problems, records } = parse(dump('xuyu130-webrtc__webrtc_internals_dump.txt'));
		expect(problems).toEqual([]);
		const video = streams.find(
			(s) => s.stream.direction === 'inbound' && s.stream.kind === 'video'
		)!.stream;
		expect(video.ssrc).toBe('4059607022');
		// Sample times come from the object's `timestamp` series (not spread evenly).
		expect(video.t[1]! - video.t[0]!).not.toBe(1000);
		expect(records.some((r) => r.event.type === 'oniceconnectionstatechange')).toBe(true);
	});

	it('an empty dump and a gzipped one import without errors', () => {
		expect(
			parse(
				dump('hostagetodeveloper-cla-check-test__webrtc_internals_dump_empty.txt')
			).problems.map((p) => p.severity)
		).toEqual(['warning']);
		const gum = new TextDecoder().decode(
			gunzipSync(
				readFileSync(sharedPath('data/real/webrtc-internals/rtcstats-rtcstats__gumonly.gz'))
			)
		);
		const { records, problems } = parse(gum);
		expect(problems).toEqual([]);
		expect(records.map((r) => r.event.type)).toEqual(['getUserMedia', 'getUserMediaOnSuccess']);
	});

	it('a dump cut off mid-file keeps every complete series before the cut and says so', () => {
		const text = dump('staal0-mammotion-rtsp-bridge__webrtc_internals_dump.txt');
		const whole = parse(text);
		const cut = parse(text.slice(0, Math.floor(text.length * 0.7)));
		expect(cut.problems[0]).toMatchObject({ code: 'truncated-line', severity: 'error' });
		expect(cut.problems[0]?.message).toMatch(/cut off/);
		expect(cut.streams.length).toBeGreaterThan(0);
		expect(cut.streams.length).toBeLessThanOrEqual(whole.streams.length);
	});

	it('gives the same result in 1-character chunks', () => {
		const text = dump('xuyu130-webrtc__webrtc_internals_dump.txt').slice(0, 60_000);
		const a = parse(text, 65_536);
		const b = parse(text, 997);
		expect(b.streams.map((s) => [s.stream.objectId, s.stream.t.length])).toEqual(
			a.streams.map((s) => [s.stream.objectId, s.stream.t.length])
		);
		expect(b.problems).toEqual(a.problems);
	});
});
