import { describe, expect, it } from 'vitest';
import type { Recording } from '../model/session.js';
import { analyzeArchive, CLOUD_RETENTION_MS, type ArchiveInput } from './archive.js';

const T = (h: number, m: number, s = 0) => Date.UTC(2026, 10, 2, h, m, s);
const src = { importId: 'i', line: 1 };

function recording(history: [number, string, boolean?][], extra: Partial<Recording> = {}): Recording {
	return {
		key: 'a1#0',
		recordingId: 'a1',
		name: null,
		status: history[history.length - 1]?.[1] ?? 'started',
		history: history.map(([at, status, inferred]) => ({ at, status, reason: null, src, ...(inferred ? { inferred } : {}) })),
		startedAt: history[0]?.[0] ?? 0,
		durationS: null,
		sizeBytes: null,
		outputMode: 'composed',
		layout: null,
		resolution: null,
		hasAudio: true,
		hasVideo: true,
		url: null,
		format: 'MP4',
		location: null,
		streamName: null,
		...extra
	};
}

function run(rec: Recording, more: Partial<ArchiveInput> = {}) {
	return analyzeArchive({ recording: rec, provider: 'vonage', publishers: [], connections: [], dataEnd: T(12, 0), now: T(12, 0), ...more });
}

describe('archive state machine (Vonage Archive Inspector rules)', () => {
	it('splits a recording into running and paused minutes from publisher presence, and explains the pause', () => {
		// Recording 10:00–10:30; publishers 10:00–10:02 and 10:16–10:30.
		const rec = recording([[T(10, 0), 'started'], [T(10, 30), 'stopped'], [T(10, 31), 'uploaded']], { durationS: 1800 });
		const a = run(rec, { publishers: [{ start: T(9, 59), end: T(10, 2) }, { start: T(10, 16), end: T(10, 30) }] });
		expect(a.pausedMs).toBe(14 * 60_000);
		expect(a.runningMs).toBe(16 * 60_000);
		expect(a.expectedMs).toBe(16 * 60_000);
		expect(a.notes.map((n) => n.text)).toContain('Paused for 14 min: no stream was published between 10:02 and 10:16.');
		expect(a.bands.map((b) => [b.state, b.inferred])).toEqual([
			['started', false],
			['paused', true],
			['started', false],
			['stopped', false],
			['uploaded', false]
		]);
		expect(a.status).toBe('uploaded');
	});

	it('knows a pause over 60 minutes stops the archive', () => {
		const rec = recording([[T(9, 0), 'started'], [T(10, 10), 'stopped']]);
		const a = run(rec, { publishers: [{ start: T(9, 0), end: T(9, 10) }] });
		expect(a.notes.map((n) => n.text)).toContain('Stopped at 10:10: paused for 60 minutes (the documented timeout).');
		const late = run(recording([[T(9, 0), 'started'], [T(10, 40), 'stopped']]), { publishers: [{ start: T(9, 0), end: T(9, 10) }] });
		expect(late.notes.some((n) => n.severity === 'warning' && /should have stopped at 10:10, but stopped at 10:40/.test(n.text))).toBe(true);
	});

	it('knows it stops 60 seconds after all clients disconnect', () => {
		const rec = recording([[T(10, 0), 'started'], [T(10, 21), 'stopped']]);
		const a = run(rec, { connections: [{ start: T(10, 0), end: T(10, 20) }], publishers: [{ start: T(10, 0), end: T(10, 20) }] });
		expect(a.notes.map((n) => n.text)).toContain('Stopped at 10:21:00, 60 s after all clients disconnected (10:20:00), as documented.');
	});

	it('accepts "uploaded" before "stopped" for a tiny archive without calling it an error', () => {
		const a = run(recording([[T(10, 0), 'started'], [T(10, 0, 5), 'uploaded'], [T(10, 0, 6), 'stopped']]));
		const note = a.notes.find((n) => n.text.includes('came before'));
		expect(note?.severity).toBe('info');
		expect(a.notes.filter((n) => n.severity === 'warning')).toEqual([]);
	});

	it('expires an archive on the OpenTok cloud 72 hours after creation', () => {
		const rec = recording([[T(10, 0), 'started', true], [T(10, 5), 'available']]);
		const a = run(rec, { dataEnd: T(10, 0) + CLOUD_RETENTION_MS + 3_600_000 });
		expect(a.expiresAt).toBe(T(10, 0) + CLOUD_RETENTION_MS);
		expect(a.bands.map((b) => b.state)).toEqual(['started', 'available', 'expired']);
		expect(a.bands[2]).toMatchObject({ from: T(10, 0) + CLOUD_RETENTION_MS, inferred: true });
		expect(a.status).toBe('expired');
		// Not expired yet within 72 hours; uploaded archives never expire there.
		expect(run(rec, { dataEnd: T(11, 0), now: T(11, 0) }).status).toBe('available');
		// A listing read years later: "available" in the file, expired by the rule now, and said so.
		const late = run(rec, { dataEnd: T(10, 5), now: T(10, 0) + 100 * CLOUD_RETENTION_MS });
		expect(late.status).toBe('expired');
		expect(late.bands.map((b) => b.state)).toEqual(['started', 'available']);
		expect(late.notes.map((n) => n.text)).toContain(
			'Listed as "available", but archives stay on the OpenTok cloud 72 hours from creation: it expired on 2026-11-05 10:00 UTC and cannot be downloaded from there now.'
		);
		expect(run(recording([[T(10, 0), 'started'], [T(10, 5), 'uploaded']]), { dataEnd: T(10, 0) + 4 * CLOUD_RETENTION_MS }).expiresAt).toBeNull();
	});

	it('notes a stop without a start, an unknown status, a negative size and a duration that disagrees', () => {
		const a = run(recording([[T(10, 30), 'stopped'], [T(10, 31), 'exploded']], { startedAt: T(10, 0), durationS: 60, sizeBytes: -1 }));
		const texts = a.notes.map((n) => n.text).join('\n');
		expect(texts).toMatch(/No "started" in the data/);
		expect(texts).toMatch(/Status "exploded" .* not one the Archive Inspector documents/);
		expect(texts).toMatch(/negative/);
		expect(texts).toMatch(/reported duration is 60 s, but started → stopped is 1800 s/);
		expect(a.startedAt).toBe(T(10, 0));
	});

	it('maps OpenVidu "ready" to available, with no 72-hour expiry (it is on the OpenVidu server)', () => {
		const a = analyzeArchive({
			recording: recording([[T(10, 0), 'started'], [T(10, 30), 'stopped'], [T(10, 30, 5), 'ready']]),
			provider: 'openvidu',
			publishers: [],
			connections: [],
			dataEnd: T(10, 0) + 10 * CLOUD_RETENTION_MS,
			now: T(10, 0) + 10 * CLOUD_RETENTION_MS
		});
		expect(a.status).toBe('available');
		expect(a.expiresAt).toBeNull();
	});
});
