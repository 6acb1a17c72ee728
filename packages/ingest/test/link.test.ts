import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { clickHouseFleetSource, createClickHouseClient, type ClickHouseClient } from '@rtcscope/core/clickhouse';
import { ALL_APPS, DAY_MS } from '@rtcscope/core/fleet';
import { ingest } from '../src/ingest.js';
import { writeDemoFiles, type FilesOnDisk } from '../src/demo.js';
import { expectClose } from './close.js';

/**
 * Dumps ingested after the CDR of their call, in another run (link-earlier.ts). The demo call
 * case, read by hand in demo/call-case.ts: one OpenVidu session ses_DemoCase with Ana, Ben and
 * Cleo; Ana's and Ben's webrtc-internals dumps were taken in it (Cleo sent none). One run of
 * all three files makes one room of 3 participants, 2 of them with stats. Run 1 here holds the
 * CDR only (a room of 3, none with stats); run 2 the two dumps, which must then link into that
 * room — not count as 2 rooms of their own.
 */

let call: FilesOnDisk;

async function fresh(database: string): Promise<ClickHouseClient> {
	const client = createClickHouseClient({ url: inject('clickhouseUrl'), database });
	await client.exec(`DROP DATABASE IF EXISTS ${database}`, { database: false });
	return client;
}

const rooms = (c: ClickHouseClient) =>
	c.rows<{ session_key: string; users: number; with_stats: number }>(
		'SELECT session_key, length(p_user_key) AS users, arraySum(p_stats) AS with_stats FROM rtcscope_rooms FINAL ORDER BY session_key'
	);

beforeAll(() => {
	call = writeDemoFiles('call');
});

afterAll(() => {
	rmSync(call.dir, { recursive: true, force: true });
});

describe('dumps of a call an earlier run wrote', () => {
	it('link into its room, as one run of all the files does', async () => {
		const cdr = call.files.filter((f) => f.name.endsWith('.cdr.log')).map((f) => f.path);
		const dumps = call.files.filter((f) => f.name.endsWith('.webrtc-internals.json')).map((f) => f.path);
		expect([cdr.length, dumps.length]).toEqual([1, 2]);
		const whole = await fresh('link_whole');
		const parts = await fresh('link_parts');
		await ingest([...cdr, ...dumps], { client: whole });
		expect(await rooms(whole)).toEqual([{ session_key: 'openvidu:ses_DemoCase', users: 3, with_stats: 2 }]);

		const first = await ingest(cdr, { client: parts });
		expect(first.linked).toBe(0);
		expect(await rooms(parts)).toEqual([{ session_key: 'openvidu:ses_DemoCase', users: 3, with_stats: 0 }]);
		const second = await ingest(dumps, { client: parts });
		expect(second.linked).toBe(2);
		expect(await rooms(parts)).toEqual(await rooms(whole));

		// Every fleet figure of the day as one run gives it; the ledger holds the three inputs only.
		const [sw, sp] = [clickHouseFleetSource(whole), clickHouseFleetSource(parts)];
		const extent = await sw.extent();
		if (!extent) throw new Error('no fleet');
		expect(await sp.extent()).toEqual(extent);
		expectClose(await sp.days(ALL_APPS, extent.firstDay, extent.lastDay + DAY_MS), await sw.days(ALL_APPS, extent.firstDay, extent.lastDay + DAY_MS));
		const to = extent.newestAt;
		expectClose(await sp.realtime(ALL_APPS, to - DAY_MS, to, {}), await sw.realtime(ALL_APPS, to - DAY_MS, to, {}));
		expectClose(await sp.diagnostics(ALL_APPS, to - DAY_MS, to, {}), await sw.diagnostics(ALL_APPS, to - DAY_MS, to, {}));
		const names = (c: ClickHouseClient) => c.rows<{ name: string }>('SELECT name FROM rtcscope_files FINAL ORDER BY name');
		expect(await names(parts)).toEqual(await names(whole));
		const count = (c: ClickHouseClient) => c.rows('SELECT count() AS n FROM rtcscope_sessions FINAL');
		expect(await count(parts)).toEqual(await count(whole));

		// The dumps again: linked again, nothing added.
		const again = await ingest(dumps, { client: parts });
		expect(again.linked).toBe(2);
		expect(await rooms(parts)).toEqual(await rooms(whole));
		expect(await count(parts)).toEqual(await count(whole));
	});

	it('leaves a dump with no call on the server a room of its own', async () => {
		const parts = await fresh('link_alone');
		const dumps = call.files.filter((f) => f.name.endsWith('-ana.webrtc-internals.json')).map((f) => f.path);
		const report = await ingest(dumps, { client: parts });
		expect(report.linked).toBe(0);
		expect(await rooms(parts)).toEqual([{ session_key: expect.stringMatching(/^webrtc:/) as unknown as string, users: 1, with_stats: 1 }]);
		expect(await parts.rows<{ name: string }>('SELECT name FROM rtcscope_files FINAL')).toHaveLength(1);
	});
});
