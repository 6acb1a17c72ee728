import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { clickHouseFleetSource, createClickHouseClient, type ClickHouseClient } from '@rtcscope/core/clickhouse';
import { ALL_APPS, DAY_MS } from '@rtcscope/core/fleet';
import { ingest } from '../src/ingest.js';
import { writeDemoFiles, type FilesOnDisk } from '../src/demo.js';
import { expectClose } from './close.js';

/**
 * A call's CDR and its dumps ingested in different runs, in either order (link-earlier.ts). The demo call
 * case, read by hand in demo/call-case.ts: one OpenVidu session ses_DemoCase with Ana, Ben and
 * Cleo; Ana's and Ben's webrtc-internals dumps were taken in it (Cleo sent none). One run of
 * all three files makes one room of 3 participants, 2 of them with stats. Run 1 here holds the
 * CDR only (a room of 3, none with stats); run 2 the two dumps, which must then link into that
 * room — not count as 2 rooms of their own. The other order: run 1 the dumps (2 rooms of 1
 * user with stats each), run 2 the CDR, after which the dumps' rooms are retired and the one
 * room is the same.
 */

let call: FilesOnDisk;

async function fresh(database: string): Promise<ClickHouseClient> {
	const client = createClickHouseClient({ url: inject('clickhouseUrl'), database });
	await client.exec(`DROP DATABASE IF EXISTS ${database}`, { database: false });
	return client;
}

const rooms = (c: ClickHouseClient) =>
	c.rows<{ session_key: string; users: number; with_stats: number }>(
		'SELECT session_key, length(p_user_key) AS users, arraySum(p_stats) AS with_stats FROM rtcscope_rooms FINAL WHERE removed = 0 ORDER BY session_key'
	);

const count = (c: ClickHouseClient) => c.rows('SELECT count() AS n FROM rtcscope_sessions FINAL');

/** Every fleet figure of the day as one run of all the files gives it; the ledger holds the three inputs only. */
async function expectSameFleet(parts: ClickHouseClient, whole: ClickHouseClient): Promise<void> {
	expect(await rooms(parts)).toEqual(await rooms(whole));
	const [sw, sp] = [clickHouseFleetSource(whole), clickHouseFleetSource(parts)];
	const extent = await sw.extent();
	if (!extent) throw new Error('no fleet');
	expect(await sp.extent()).toEqual(extent);
	expect(await sp.apps()).toEqual(await sw.apps());
	expectClose(await sp.days(ALL_APPS, extent.firstDay, extent.lastDay + DAY_MS), await sw.days(ALL_APPS, extent.firstDay, extent.lastDay + DAY_MS));
	const to = extent.newestAt;
	expect(await sp.rooms(ALL_APPS, to - DAY_MS, to)).toEqual(await sw.rooms(ALL_APPS, to - DAY_MS, to));
	expectClose(await sp.realtime(ALL_APPS, to - DAY_MS, to, {}), await sw.realtime(ALL_APPS, to - DAY_MS, to, {}));
	expectClose(await sp.diagnostics(ALL_APPS, to - DAY_MS, to, {}), await sw.diagnostics(ALL_APPS, to - DAY_MS, to, {}));
	const names = (c: ClickHouseClient) => c.rows<{ name: string }>('SELECT name FROM rtcscope_files FINAL ORDER BY name');
	expect(await names(parts)).toEqual(await names(whole));
	expect(await count(parts)).toEqual(await count(whole));
}

let whole: ClickHouseClient;

const cdrFiles = () => call.files.filter((f) => f.name.endsWith('.cdr.log')).map((f) => f.path);
const dumpFiles = () => call.files.filter((f) => f.name.endsWith('.webrtc-internals.json')).map((f) => f.path);

beforeAll(async () => {
	call = writeDemoFiles('call');
	expect([cdrFiles().length, dumpFiles().length]).toEqual([1, 2]);
	whole = await fresh('link_whole');
	await ingest([...cdrFiles(), ...dumpFiles()], { client: whole });
	expect(await rooms(whole)).toEqual([{ session_key: 'openvidu:ses_DemoCase', users: 3, with_stats: 2 }]);
});

afterAll(() => {
	rmSync(call.dir, { recursive: true, force: true });
});

describe('a call and its dumps in different runs', () => {
	it('dumps after their call: link into its room, as one run of all the files does', async () => {
		const parts = await fresh('link_parts');
		const first = await ingest(cdrFiles(), { client: parts });
		expect(first.linked).toBe(0);
		expect(await rooms(parts)).toEqual([{ session_key: 'openvidu:ses_DemoCase', users: 3, with_stats: 0 }]);
		const second = await ingest(dumpFiles(), { client: parts });
		expect([second.linked, second.linkedEarlier, second.pushed.retired]).toEqual([2, 0, 0]);
		await expectSameFleet(parts, whole);

		// The dumps again: linked again, nothing added.
		const again = await ingest(dumpFiles(), { client: parts });
		expect(again.linked).toBe(2);
		await expectSameFleet(parts, whole);
	});

	it('dumps before their call: their rooms are retired into the call’s', async () => {
		const parts = await fresh('link_reversed');
		const first = await ingest(dumpFiles(), { client: parts });
		expect([first.linked, first.linkedEarlier]).toEqual([0, 0]);
		// Ana's and Ben's dumps alone: a room each, one user with stats.
		expect((await rooms(parts)).map((r) => [r.session_key.slice(0, 7), r.users, r.with_stats])).toEqual([
			['webrtc:', 1, 1],
			['webrtc:', 1, 1]
		]);
		const second = await ingest(cdrFiles(), { client: parts });
		expect([second.linked, second.linkedEarlier, second.pushed.retired]).toEqual([0, 2, 2]);
		await expectSameFleet(parts, whole);
		// The tombstones are newer versions of the dumps' keys, not deletions: 2 rows say removed.
		expect(Number((await parts.rows<{ n: number }>('SELECT count() AS n FROM rtcscope_rooms FINAL WHERE removed = 1'))[0]?.n)).toBe(2);

		// The CDR again: no dump room is left to link; the dumps again: linked to the call, no room comes back.
		const cdrAgain = await ingest(cdrFiles(), { client: parts });
		expect([cdrAgain.linkedEarlier, cdrAgain.pushed.retired]).toEqual([0, 0]);
		const dumpsAgain = await ingest(dumpFiles(), { client: parts });
		expect([dumpsAgain.linked, dumpsAgain.pushed.retired]).toEqual([2, 0]);
		await expectSameFleet(parts, whole);
	});

	it('pulls the call a dump’s page URL names, whatever its app label', async () => {
		// The dumps' URLs name ses_DemoCase (…/room/ses_DemoCase?user=ana): the browser links by
		// that word without a time or app check, so the pull looks the named call up by key.
		const parts = await fresh('link_named');
		await ingest(cdrFiles(), { client: parts, app: 'calls' });
		const second = await ingest(dumpFiles(), { client: parts, app: 'dumps' });
		expect(second.linked).toBe(2);
		expect(await rooms(parts)).toEqual([{ session_key: 'openvidu:ses_DemoCase', users: 3, with_stats: 2 }]);
		expect(await clickHouseFleetSource(parts).apps()).toEqual(['calls']);
	});

	it('leaves a dump with no call on the server a room of its own', async () => {
		const parts = await fresh('link_alone');
		const dumps = dumpFiles().filter((f) => f.endsWith('-ana.webrtc-internals.json'));
		const report = await ingest(dumps, { client: parts });
		expect(report.linked).toBe(0);
		expect(await rooms(parts)).toEqual([{ session_key: expect.stringMatching(/^webrtc:/) as unknown as string, users: 1, with_stats: 1 }]);
		expect(await parts.rows<{ name: string }>('SELECT name FROM rtcscope_files FINAL')).toHaveLength(1);
	});
});
