import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, test, type Page, type Request } from '@playwright/test';
import { startClickHouse, type RunningClickHouse } from '../../packages/ingest/src/local-server';
import { openApp } from '../support/app';

/**
 * Issue 16, read side: a ClickHouse filled by `rtcscope-ingest --demo call` (the demo call case:
 * ses_DemoCase's CDR and Ana's and Ben's webrtc-internals dumps) selected in Settings → Fleet
 * source; the fleet views read it, Sessions searches it, and "Open" copies the session into this
 * browser, whose inspector then shows the call's conclusions.
 * Read by hand in demo/call-case.ts: one room with 3 users (Ana, Ben, Cleo), 3 call sessions,
 * Cleo's connection fails after 8 s; 3 sessions in all (the CDR's and one per dump).
 */
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1280, height: 900 } });

let server: RunningClickHouse;

test.beforeAll(async () => {
	test.setTimeout(120_000);
	server = await startClickHouse();
	const cli = resolve(import.meta.dirname, '../../packages/ingest/bin/rtcscope-ingest.mjs');
	const out = execFileSync(process.execPath, [cli, '--url', server.url, '--database', 'e2e', '--demo', 'call', '--quiet'], { encoding: 'utf8' });
	expect(out).toMatch(/3 files, .* 0 problems → 1 room, 3 sessions, 3 bundles/);
});

/** Runs `go`, waits for `shown` and a second more, and asserts no query reached the server twice meanwhile. */
async function expectEachQueryOnce(page: Page, go: () => Promise<unknown>, shown: () => Promise<void>): Promise<void> {
	const asked: string[] = [];
	const count = (r: Request) => {
		if (r.url().startsWith(server.url)) asked.push(r.postData() ?? r.url());
	};
	page.context().on('request', count);
	await go();
	await shown();
	await page.waitForTimeout(1_000);
	page.context().off('request', count);
	const twice = asked.filter((q, i) => asked.indexOf(q) !== i);
	expect(twice, `asked twice of ${asked.length}`).toEqual([]);
	expect(asked.length).toBeGreaterThan(4);
}

test.afterAll(async () => {
	await server?.stop();
});

test('ClickHouse as the fleet source: views, server search, and a session opened into this browser', async ({ page }) => {
	await openApp(page, 'settings/');
	await page.getByTestId('source-clickhouse').check();
	await page.getByTestId('ch-url').fill(server.url);
	await page.getByTestId('ch-database').fill('e2e');
	await page.getByTestId('apply-source').click();
	await expect(page.getByTestId('source-status')).toContainText(/Using ClickHouse 18\.16[\d.]*: 1 room, 3 sessions/, { timeout: 20_000 });
	await expect(page.getByTestId('badge-clickhouse')).toBeVisible();

	// Data Insights over the server: the day of the call.
	await page.goto('insights/');
	await expect(page.getByTestId('fleet-source-note')).toContainText(`ClickHouse at ${server.url}`);
	await expect(page.getByTestId('figure-rooms').locator('.value')).toHaveText('1');
	await expect(page.getByTestId('figure-participants').locator('.value')).toHaveText('3');
	await expect(page.getByTestId('figure-joins').locator('.value')).toHaveText('3');
	// A reload reads ClickHouse from its first render (the saved choice), never this browser's store meanwhile.
	await expectEachQueryOnce(page, () => page.reload(), async () => {
		await page.getByTestId('fleet-source-note').waitFor();
		expect(await page.getByTestId('fleet-source-note').textContent()).toContain('ClickHouse at');
		await expect(page.getByTestId('figure-rooms').locator('.value')).toHaveText('1');
	});
	await expectEachQueryOnce(page, () => page.goto('durations/'), async () => {
		await expect(page.getByTestId('durations-table')).toBeVisible();
	});
	// Real-time tallied by SQL and Diagnostics over the rooms SQL selected: the call's 3 joins in its last 24 h.
	// Each view asks the server each of its queries once per load (the extent, apps, schema check,
	// legacy-rows check, run list and its tallies): a settling source check or a re-read extent ran
	// Real-time's 7 tallies 3 times (32 requests).
	await expectEachQueryOnce(page, () => page.goto('realtime/?span=24'), async () => {
		await expect(page.getByTestId('dashboard')).toContainText('3 users in the window');
	});
	await expectEachQueryOnce(page, () => page.goto('diagnostics/?span=24'), async () => {
		await expect(page.getByTestId('diagnostics-overview')).toContainText('3 joins in the window');
	});

	// The server's sessions; open the CDR session: its rows are copied into this browser.
	await page.goto('sessions/?tab=server');
	await expect(page.getByTestId('server-count')).toContainText('3 sessions on the server');
	const row = page.getByTestId('server-sessions').locator('tr').filter({ hasText: 'ses_DemoCase' });
	await row.getByTestId('server-open').click();
	await expect(page).toHaveURL(/inspect\/\?session=openvidu%3Ases_DemoCase/, { timeout: 30_000 });
	await expect(page.getByTestId('observations')).toContainText('Cleo’s connection failed at 09:00:28: networkDisconnect', { timeout: 20_000 });
	await expect(page.getByTestId('store-overview')).toContainText('3 sessions');

	// Back to this browser: the views read the local store again (which now holds the opened call).
	await page.goto('settings/');
	await page.getByTestId('source-browser').check();
	await page.getByTestId('apply-source').click();
	await expect(page.getByTestId('source-status')).toContainText('this browser');
});
