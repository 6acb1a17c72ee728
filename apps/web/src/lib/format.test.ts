import { describe, expect, it } from 'vitest';
import { bytes, dateInputToUtc, exactBytes, duration, inspectHref, percent, utc } from './format';

describe('format', () => {
	it('shows UTC times without a zone conversion', () => {
		expect(utc(1601394690713)).toBe('2020-09-29 15:51:30');
		expect(utc(1601394690713, false)).toBe('2020-09-29 15:51');
		expect(utc(null)).toBe('—');
	});

	it('shows durations with their unit', () => {
		expect(duration(44_000)).toBe('44 s');
		expect(duration(650_000)).toBe('10 min 50 s');
		expect(duration(7_380_000)).toBe('2 h 03 min');
		expect(duration(-1)).toBe('—');
		expect(duration(6163.7 * 3_600_000)).toBe('256 d 19 h');
	});

	it('shows sizes and rates', () => {
		// SI: 1 MB = 1,000,000 B (sparkrtc/vonage sizes are bytes; one convention everywhere).
		expect(bytes(1973428)).toBe('1.97 MB');
		expect(bytes(512)).toBe('512 B');
		expect(bytes(52_428_800)).toBe('52.4 MB');
		expect(bytes(50_000_000)).toBe('50.0 MB');
		expect(bytes(7_247_748_791)).toBe('7.25 GB');
		expect(exactBytes(7_247_748_791)).toBe('7,247,748,791 bytes');
		expect(percent(1 / 3)).toBe('33.3 %');
		expect(percent(null)).toBe('no attempts');
	});

	it('reads date inputs as UTC days', () => {
		expect(dateInputToUtc('2026-11-16')).toBe(Date.UTC(2026, 10, 16));
		expect(dateInputToUtc('2026-11-16', true)).toBe(Date.UTC(2026, 10, 17) - 1);
		expect(dateInputToUtc('')).toBeUndefined();
	});

	it('builds inspector links with the session key encoded', () => {
		expect(inspectHref('/tools/rtcscope', 'openvidu:ses_A&B', 2)).toBe('/tools/rtcscope/inspect/?session=openvidu%3Ases_A%26B&meeting=2');
	});
});
