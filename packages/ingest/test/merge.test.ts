import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { clickHouseFleetSource, createClickHouseClient, loadServerBundle, migrate, planWindow, ROOM_COLUMN_NAMES, type ClickHouseClient } from '@rtcscope/core/clickhouse';
import { ALL_APPS, DAY_MS } from '@rtcscope/core/fleet';
import { ingest } from '../src/ingest.js';
import { writeDemoFiles, type FilesOnDisk } from '../src/demo.js';
import { expectClose } from './close.js';

/**
 * Issue 16 "resumable … nothing else is lost" across runs: a session's lines in two files that
 * go to two runs (a CDR rotated mid-call) must end on the server as if one run had read both.
 * Before merge.ts the second run's part replaced the first's (one row per session key).
 */

const REAL = resolve(import.meta.dirname, '../../../../shared/data/real');
const DOCS_CDR = join(REAL, 'openvidu-cdr/extracted/openvidu.io-docs__cdr-doc-examples-2018-2022.jsonl');

let dir: string;
let fleet: FilesOnDisk;
const url = () => inject('clickhouseUrl');

async function fresh(database: string): Promise<ClickHouseClient> {
	const c = createClickHouseClient({ url: url(), database });
	await c.exec(`DROP DATABASE IF EXISTS ${database}`, { database: false });
	return c;
}

function split(lines: string[], at: number, name: string): [string, string] {
	const a = join(dir, `${name}.1.log`);
	const b = join(dir, `${name}.2.log`);
	writeFileSync(a, `${lines.slice(0, at).join('\n')}\n`);
	writeFileSync(b, `${lines.slice(at).join('\n')}\n`);
	return [a, b];
}

const sessionRow = async (c: ClickHouseClient, key: string) =>
	(await c.rows<Record<string, unknown>>(`SELECT first_at, last_at, duration_ms, participant_count, issues, recordings, ended_at FROM rtcscope_sessions FINAL WHERE session_key = '${key}'`))[0];

/** Events in the session's bundle (its event lines), as the inspector would load them. */
async function bundleEvents(c: ClickHouseClient, key: string): Promise<number> {
	const bytes = await loadServerBundle(c, key);
	if (!bytes) return -1;
	const lines = gunzipSync(bytes).toString('utf8').trim().split('\n').slice(1).map((l) => JSON.parse(l) as { session?: { key: string }; events?: unknown[] });
	return lines.filter((l) => l.session?.key === key && l.events).reduce((n, l) => n + (l.events?.length ?? 0), 0);
}

beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'rtcscope-merge-'));
	fleet = writeDemoFiles('fleet', { days: 6, sessionsPerDay: 40, dumpEvery: 1_000_000 });
});

afterAll(() => {
	rmSync(dir, { recursive: true, force: true });
	rmSync(fleet.dir, { recursive: true, force: true });
});

describe('a session split over two runs', () => {
	it('ends as one run of both files on the docs CDR cut inside a session', async () => {
		// Read by hand: the second fds4e07mdug1ga3h call is lines 9–16 (created 1538481330577,
		// destroyed at 1538481699154, 368 s). Cut after line 12: its participants' joins and
		// leaves go to run 1; its connection (13–14) and the TestSession recording (15–16) to run 2.
		const lines = readFileSync(DOCS_CDR, 'utf8').trimEnd().split('\n');
		expect(lines.length).toBe(26);
		const [a, b] = split(lines, 12, 'docs');
		const whole = await fresh('merge_whole');
		const parts = await fresh('merge_parts');
		await ingest([DOCS_CDR], { client: whole });
		const first = await ingest([a], { client: parts });
		const second = await ingest([b], { client: parts });
		expect(first.merged).toBe(0);
		expect(second.merged).toBeGreaterThan(0);
		// One after the other: no race to report.
		expect([first.overlapping, second.overlapping]).toEqual([[], []]);
		const key = 'openvidu:fds4e07mdug1ga3h';
		const want = await sessionRow(whole, key);
		// The session id's first line is line 1 (1516292370848, its 2018-01 call); its last end is
		// line 10's sessionDestroyed (1538481699154); recordings fds4e07mdug1ga3h and TestSession.
		// Without the merge the server kept run 2's part: first_at 1538481419726 (line 13), no end.
		expect(want).toMatchObject({ first_at: 1516292370848, ended_at: 1538481699154, recordings: 2 });
		expect(await sessionRow(parts, key)).toEqual(want);
		expect(await bundleEvents(parts, key)).toBe(await bundleEvents(whole, key));
		const count = (c: ClickHouseClient) => c.rows<{ n: number }>('SELECT count() AS n FROM rtcscope_sessions FINAL');
		expect(await count(parts)).toEqual(await count(whole));
		// Only the two inputs are in the ledger, not the bundles merged.
		expect((await parts.rows<{ name: string }>('SELECT name FROM rtcscope_files FINAL ORDER BY name')).map((r) => r.name)).toEqual(['docs.1.log', 'docs.2.log']);

		// Run 2 again: it merges again and changes nothing (events count once, no growth).
		const again = await ingest([b], { client: parts });
		expect(again.merged).toBe(second.merged);
		expect(await sessionRow(parts, key)).toEqual(want);
		expect(await bundleEvents(parts, key)).toBe(await bundleEvents(whole, key));
	});

	it('reports the runs that covered the same app and hours while it merged and wrote', async () => {
		const c = await fresh('merge_overlap');
		await migrate(c);
		// The docs CDR's sessions span 1516292370848 (line 1) to its last line; other runs as the
		// ledger would hold them: one still running over those years, one done before this run
		// began, one of another app, one over other hours, one without a span (still parsing).
		const run = (run_id: string, status: string, finished_at: number, app: string, from_at: number, to_at: number) => ({ run_id, host: 'other', started_at: 1, finished_at, status, files: 1, version: 1, app, from_at, to_at });
		await c.insert('rtcscope_runs', [
			run('r-running', 'running', 0, 'default', 1.5e12, 1.6e12),
			run('r-before', 'done', 2, 'default', 1.5e12, 1.6e12),
			run('r-other-app', 'running', 0, 'meet', 1.5e12, 1.6e12),
			run('r-other-hours', 'running', 0, 'default', 1.7e12, 1.8e12),
			run('r-parsing', 'running', 0, '', 0, 0)
		]);
		const report = await ingest([DOCS_CDR], { client: c });
		expect(report.overlapping.map((o) => o.runId)).toEqual(['r-running']);
		const [row] = await c.rows<{ app: string; from_at: number; to_at: number }>(`SELECT app, from_at, to_at FROM rtcscope_runs FINAL WHERE run_id = '${report.runId}'`);
		expect(row).toMatchObject({ app: 'default', from_at: 1516292370848 });
	});

	it('reports a race of two runs over one call, or loses nothing in it', async () => {
		// The docs CDR cut inside fds4e07mdug1ga3h's second call (as above), both halves at once.
		const lines = readFileSync(DOCS_CDR, 'utf8').trimEnd().split('\n');
		const [a, b] = split(lines, 12, 'race');
		const whole = await fresh('merge_race_whole');
		const race = await fresh('merge_race');
		await ingest([DOCS_CDR], { client: whole });
		await migrate(race);
		const [ra, rb] = await Promise.all([ingest([a], { client: race }), ingest([b], { client: race })]);
		const key = 'openvidu:fds4e07mdug1ga3h';
		const reported = [...ra.overlapping.map((o) => o.runId), ...rb.overlapping.map((o) => o.runId)];
		if (reported.length === 0) expect(await sessionRow(race, key)).toEqual(await sessionRow(whole, key));
		else expect(reported.every((id) => id === ra.runId || id === rb.runId)).toBe(true);
		// Either way, both halves again, one after the other, end as one run of the whole file
		// (a rerun of the half that was written last alone finds its own part there and pulls nothing).
		await ingest([a], { client: race });
		await ingest([b], { client: race });
		expect(await sessionRow(race, key)).toEqual(await sessionRow(whole, key));
	});

	it('gives every fleet figure of one run on a demo CDR cut in half', async () => {
		const [app, appDir] = [...fleet.apps][0] as [string, string];
		const cdr = readdirSync(join(appDir, 'a-cdr')).map((f) => join(appDir, 'a-cdr', f));
		const lines = cdr.flatMap((f) => readFileSync(f, 'utf8').trimEnd().split('\n'));
		const [a, b] = split(lines, Math.floor(lines.length / 2), 'demo');
		const whole = await fresh('merge_demo_whole');
		const parts = await fresh('merge_demo_parts');
		await ingest(cdr, { client: whole, app });
		await ingest([a], { client: parts, app });
		const second = await ingest([b], { client: parts, app });
		// The calls in progress at the cut.
		expect(second.merged).toBeGreaterThan(0);
		const [sw, sp] = [clickHouseFleetSource(whole), clickHouseFleetSource(parts)];
		const extent = await sw.extent();
		if (!extent) throw new Error('no fleet');
		expect(await sp.extent()).toEqual(extent);
		// A superseded version of a room in the time-ordered copy is never counted, wherever it
		// sits in the order: one room's row again, an earlier version, moved a day later (as a
		// room whose times changed between runs would be: its old row keeps its old start).
		const [one] = await parts.rows<Record<string, unknown>>(`SELECT ${ROOM_COLUMN_NAMES().join(', ')} FROM rtcscope_room_times ORDER BY start_at LIMIT 1`);
		if (!one) throw new Error('no room');
		const later = (v: unknown) => (Array.isArray(v) ? v.map((t) => Number(t) + DAY_MS) : Number(v) + DAY_MS);
		const times = ['start_at', 'end_at', 'p_join_at', 'p_left_at', 'm_start', 'm_end', 'r_start', 'r_end', 'u_start', 'u_end'];
		await parts.insert('rtcscope_room_times', [{ ...one, ...Object.fromEntries(times.map((c) => [c, later(one[c])])), version: Number(one.version) - 1 }]);
		const [dw, dp] = await Promise.all([sw.days(ALL_APPS, extent.firstDay, extent.lastDay + DAY_MS), sp.days(ALL_APPS, extent.firstDay, extent.lastDay + DAY_MS)]);
		expect(dw.length).toBeGreaterThanOrEqual(6);
		expectClose(dp, dw);
		const rows = (c: ClickHouseClient) => c.rows('SELECT session_key, first_at, last_at, duration_ms, participant_count FROM rtcscope_sessions FINAL ORDER BY session_key');
		expect(await rows(parts)).toEqual(await rows(whole));

		for (let end = extent.firstDay + DAY_MS; end <= extent.lastDay + DAY_MS; end += DAY_MS) {
			expect((await planWindow(parts, ALL_APPS, end - DAY_MS, end)).legacy).toBe(0);
			expectClose(await sp.realtime(ALL_APPS, end - DAY_MS, end, {}), await sw.realtime(ALL_APPS, end - DAY_MS, end, {}));
			expectClose(await sp.diagnostics(ALL_APPS, end - DAY_MS, end, {}), await sw.diagnostics(ALL_APPS, end - DAY_MS, end, {}));
		}
	});
});
