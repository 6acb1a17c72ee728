import { describe, expect, it } from 'vitest';
import { openAt, peakConcurrency, segmentPeaks, unionIntervals } from '../util/intervals.js';
import { networkOf, osOf, regionOf, sdkOf } from './dimensions.js';
import { resolutionClass } from './resolution.js';
import { ALARM_TABLE, alarmTable } from './thresholds.js';
import { OTHER, allDescending, topWithOther } from './top-five.js';
import { clampDayRange } from './range.js';
import { DAY_MS } from './rollup.js';
import { toCsv } from '../util/csv.js';

describe('top 5 with Other (SparkRTC §4.2 Note)', () => {
	it('shows every item, descending, when there are five or fewer', () => {
		const out = topWithOther({ wifi: 10, ethernet: 30, cellular: 20, vpn: 5, other4g: 1 });
		expect(out.map((s) => s.name)).toEqual(['ethernet', 'cellular', 'wifi', 'vpn', 'other4g']);
		expect(out.reduce((s, x) => s + x.share, 0)).toBeCloseTo(1);
	});
	it('folds the fifth item and all after it into Other, shown fifth', () => {
		const out = topWithOther({ a: 60, b: 50, c: 40, d: 30, e: 20, f: 10 });
		expect(out.map((s) => [s.name, s.value])).toEqual([
			['a', 60],
			['b', 50],
			['c', 40],
			['d', 30],
			[OTHER, 30]
		]);
		expect(out[4]?.members).toEqual(['e', 'f']);
		expect(out[4]?.share).toBeCloseTo(30 / 210);
	});
	it('drops empty items and breaks ties by name', () => {
		expect(topWithOther({ b: 1, a: 1, z: 0 }).map((s) => s.name)).toEqual(['a', 'b']);
		expect(allDescending({ x: 1, y: 2, z: 3, u: 4, v: 5, w: 6 })).toHaveLength(6);
	});
});

describe('concurrency by sweep line', () => {
	const iv = (start: number, end: number) => ({ start, end });
	it('counts intervals open at once, half-open at the ends', () => {
		expect(peakConcurrency([iv(0, 10), iv(5, 15), iv(10, 20)], 0, 100)).toBe(2);
		// Leaving at the ms another joins is not an overlap.
		expect(peakConcurrency([iv(0, 10), iv(10, 20)], 0, 100)).toBe(1);
		expect(peakConcurrency([iv(0, 10), iv(2, 8), iv(3, 4)], 0, 100)).toBe(3);
		// Clipped to the range.
		expect(peakConcurrency([iv(0, 10), iv(5, 15)], 10, 20)).toBe(1);
		expect(peakConcurrency([], 0, 1)).toBe(0);
	});
	it('gives each segment its own peak, counting what spans a boundary in both', () => {
		// Segments of 10: [0,10) [10,20) [20,30)
		expect(segmentPeaks([iv(2, 25), iv(4, 6), iv(12, 14)], 0, 10, 3)).toEqual([2, 2, 1]);
		expect(segmentPeaks([iv(0, 30)], 0, 10, 3)).toEqual([1, 1, 1]);
		expect(segmentPeaks([iv(31, 40)], 0, 10, 3)).toEqual([0, 0, 0]);
	});
	it('samples the open count at steps', () => {
		expect([...openAt([iv(0, 10), iv(5, 15)], 0, 5, 4)]).toEqual([1, 2, 1, 0]);
	});
	it('merges overlapping or touching intervals', () => {
		expect(unionIntervals([iv(5, 8), iv(0, 5), iv(20, 30), iv(7, 10)])).toEqual([iv(0, 10), iv(20, 30)]);
	});
});

describe('resolution classes (SD < 1280×720 ≤ HD ≤ 1920×1080 < UHD)', () => {
	it('compares pixel counts', () => {
		expect(resolutionClass(640, 480)).toBe('sd');
		expect(resolutionClass(1279, 720)).toBe('sd');
		expect(resolutionClass(1280, 720)).toBe('hd');
		expect(resolutionClass(720, 1280)).toBe('hd');
		expect(resolutionClass(1920, 1080)).toBe('hd');
		expect(resolutionClass(1921, 1080)).toBe('uhd');
		expect(resolutionClass(3840, 2160)).toBe('uhd');
		expect(resolutionClass(0, 0)).toBeNull();
		expect(resolutionClass(null, 720)).toBeNull();
	});
});

describe('Table 4-2', () => {
	it('holds the document’s sixteen events and thresholds in order', () => {
		expect(ALARM_TABLE.map((r) => [r.label, r.threshold, r.unit])).toEqual([
			['Heavy system CPU usage', 80, '%'],
			['Heavy app CPU usage', 70, '%'],
			['Uplink audio latency', 500, 'ms'],
			['Uplink audio jitter', 500, 'ms'],
			['Uplink video latency', 500, 'ms'],
			['Uplink video jitter', 500, 'ms'],
			['Downlink audio latency', 500, 'ms'],
			['Downlink audio jitter', 500, 'ms'],
			['Downlink video latency', 500, 'ms'],
			['Downlink video jitter', 500, 'ms'],
			['Uplink audio packet loss', 20, '%'],
			['Uplink video packet loss', 20, '%'],
			['Downlink audio packet loss', 20, '%'],
			['Downlink video packet loss', 20, '%'],
			['Downlink video freeze', 5, '%'],
			['Downlink audio freeze', 3, '%']
		]);
	});
	it('applies valid overrides only', () => {
		const t = alarmTable({ uplinkAudioLatency: 300, downlinkVideoFreeze: -1, appCpu: Number.NaN });
		expect(t.find((r) => r.id === 'uplinkAudioLatency')?.threshold).toBe(300);
		expect(t.find((r) => r.id === 'downlinkVideoFreeze')?.threshold).toBe(5);
		expect(t.find((r) => r.id === 'appCpu')?.threshold).toBe(70);
	});
});

describe('dimensions', () => {
	it('reads region, OS and SDK from OpenVidu fields and network type from ICE', () => {
		expect(regionOf('Madrid, Spain')).toBe('Spain');
		expect(regionOf('unknown')).toBeNull();
		expect(regionOf('')).toBeNull();
		expect(osOf('Chrome 85.0.4183.121 on Linux 64-bit')).toBe('Linux');
		expect(osOf('Safari 18.1 on OS X 10.15.7 64-bit')).toBe('macOS');
		expect(osOf('Chrome Mobile 131.0.6778.81 on Android 14')).toBe('Android 14');
		expect(osOf('Mobile Safari 18.1 on iOS 18.1')).toBe('iOS 18');
		expect(osOf('Edge 131.0.2903.70 on Windows 10 64-bit')).toBe('Windows 10');
		expect(sdkOf('Chrome 131.0.6778.86 on Windows 10 64-bit')).toBe('Chrome 131');
		expect(sdkOf('Mobile Safari 18.1 on iOS 18.1')).toBe('Mobile Safari 18');
		expect(sdkOf(null)).toBeNull();
		expect(networkOf('wifi')).toBe('wifi');
		expect(networkOf('unknown')).toBeNull();
	});
});

describe('query ranges (last 90 days of data, at most 31)', () => {
	const newest = Date.UTC(2026, 10, 22, 18);
	const last = Date.UTC(2026, 10, 22);
	it('defaults to the last days of data and caps the span', () => {
		expect(clampDayRange({}, newest)).toEqual({ from: last - 6 * DAY_MS, to: last + DAY_MS });
		const long = clampDayRange({ from: last - 60 * DAY_MS, to: last + DAY_MS }, newest);
		expect((long.to - long.from) / DAY_MS).toBe(31);
		expect(long.to).toBe(last + DAY_MS);
	});
	it('keeps the range within the last 90 days', () => {
		const old = clampDayRange({ from: last - 200 * DAY_MS, to: last - 150 * DAY_MS }, newest);
		expect(old.from).toBe(last - 89 * DAY_MS);
		expect(old.to).toBeGreaterThan(old.from);
	});
});

describe('CSV', () => {
	it('quotes per RFC 4180 and defuses formulas in third-party text', () => {
		const csv = toCsv(['user', 'minutes'], [['=HYPERLINK("x")', 3], ['a,"b"', null]]);
		expect(csv.split('\r\n')).toEqual(['user,minutes', `"'=HYPERLINK(""x"")",3`, '"a,""b""",']);
	});
});
