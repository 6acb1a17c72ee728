import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { openApp } from '../support/app';

/**
 * The fleet views over the demo fleet (90 days, two apps, ≥ 20,000 sessions, a thousand dumps),
 * loaded with the one-click button through the real import path. One test: the load takes a
 * couple of minutes and every view reads the same data.
 */
test.describe.configure({ mode: 'serial' });

const SHOTS = 'test-results/screens';

async function csvOf(page: Page, click: () => Promise<void>): Promise<string[]> {
	const [download] = await Promise.all([page.waitForEvent('download'), click()]);
	const path = await download.path();
	return readFileSync(path, 'utf8').split('\r\n');
}

test('demo fleet: insights, durations, real-time and diagnostics with CSV exports', async ({ page }) => {
	test.setTimeout(10 * 60_000);
	await openApp(page);
	await page.getByTestId('load-fleet').click();
	// While it runs, the button cannot start a second fleet job: sampled for 6 s, never enabled (it was
	// enabled whenever the throttled import list showed a file still running).
	const button = page.getByTestId('load-fleet');
	for (let i = 0; i < 12; i++) {
		expect(await button.isDisabled(), `sample ${i}`).toBe(true);
		await page.waitForTimeout(500);
	}
	await expect(button).toHaveAttribute('title', /being imported/);
	const totals = page.getByTestId('job-totals');
	await expect(totals.locator('.badge.ok')).toBeVisible({ timeout: 8 * 60_000 });
	await expect(totals).toContainText(/1,0\d\d of 1,0\d\d files done/);
	await expect(page.getByTestId('load-fleet')).toBeDisabled();

	// Data Insights: the last 31 days of the two apps.
	await page.getByRole('link', { name: 'Insights', exact: true }).click();
	await expect(page.getByTestId('usage')).toBeVisible();
	await page.getByTestId('range-31').click();
	await expect(page.getByTestId('range-controls')).toContainText('31 days');
	await expect(page).toHaveURL(/from=2026-10-23&to=2026-11-22/);
	const rooms = Number((await page.getByTestId('figure-rooms').locator('.value').textContent())?.replace(/,/g, ''));
	expect(rooms).toBeGreaterThan(5_000);
	// Regions all shown, the others top 5 with Other (8 platforms → 4 + Other).
	await expect(page.getByTestId('distribution-region').locator('li')).toHaveCount(7);
	await expect(page.getByTestId('distribution-sdk').locator('li')).toHaveCount(5);
	await expect(page.getByTestId('distribution-sdk').locator('li').last()).toContainText('Other');
	// Network type only comes from dumps: its coverage says so.
	await expect(page.getByTestId('usage')).toContainText(/Known for.*joins \(1 %\)/);
	await expect(page.getByTestId('figure-roomLoaded5s')).toContainText('%');
	await page.screenshot({ path: `${SHOTS}/fleet-insights.png`, fullPage: true });

	// Details table and its CSV: header and the last day's row match the table.
	await page.getByTestId('details-toggle').click();
	const daily = page.getByTestId('daily-table').locator('tbody tr');
	await expect(daily).toHaveCount(31);
	const lastRow = daily.last();
	await expect(lastRow.locator('td').first()).toHaveText('2026-11-22');
	const tableRooms = (await lastRow.locator('td').nth(4).textContent())?.replace(/,/g, '');
	const tableJoins = (await lastRow.locator('td').nth(8).textContent())?.replace(/,/g, '');
	const insightsCsv = await csvOf(page, () => page.getByTestId('details').getByTestId('export-csv').click());
	expect(insightsCsv[0]).toBe(
		'date_utc,app,call_minutes,video_call_minutes,audio_call_minutes,rooms,max_concurrent_rooms,max_concurrent_users,call_participants,call_sessions,room_loaded_pct,room_loaded_5s_pct,video_freeze_pct,audio_freeze_pct,hq_video_pct,hq_audio_pct'
	);
	expect(insightsCsv).toHaveLength(32);
	const last = (insightsCsv[31] ?? '').split(',');
	expect(last[0]).toBe('2026-11-22');
	expect(last[1]).toBe('all');
	expect(last[5]).toBe(tableRooms);
	expect(last[9]).toBe(tableJoins);

	// One app: fewer rooms than all apps together.
	await page.getByTestId('app-select').selectOption('classroom');
	await expect(page).toHaveURL(/app=classroom/);
	await expect
		.poll(async () => Number((await page.getByTestId('figure-rooms').locator('.value').textContent())?.replace(/,/g, '')))
		.toBeLessThan(rooms);

	// Duration Statistics: SD/HD/UHD and audio per day, a series toggled off, CSV.
	await page.getByRole('link', { name: 'Durations', exact: true }).click();
	await expect(page.getByTestId('durations')).toBeVisible();
	await page.getByTestId('range-31').click();
	await expect(page.getByTestId('durations-table').locator('tbody tr')).toHaveCount(31);
	await page.getByTestId('toggle-uhd').uncheck();
	await expect(page).toHaveURL(/hide=uhd/);
	await expect(page.locator('.u-legend .u-series.u-off')).toHaveCount(1);
	const durationsCsv = await csvOf(page, () => page.getByTestId('export-csv').click());
	expect(durationsCsv[0]).toBe('date_utc,app,audio_minutes,video_sd_minutes,video_hd_minutes,video_uhd_minutes,video_unknown_resolution_minutes');
	expect(durationsCsv[1]).toMatch(/^2026-10-23,all,\d+\.\d\d,\d+\.\d\d,\d+\.\d\d,\d+\.\d\d,0\.00$/);
	await page.screenshot({ path: `${SHOTS}/fleet-durations.png`, fullPage: true });

	// Real-Time Data replayed on a weekday afternoon of the data.
	const end = Date.UTC(2026, 10, 19, 18);
	await page.goto(`realtime/?follow=0&end=${end}&span=24`);
	await expect(page.getByTestId('window-label')).toContainText('2026-11-18 18:00 → 2026-11-19 18:00 UTC');
	const online = Number((await page.getByTestId('figure-onlineUsers').locator('.value').textContent())?.replace(/,/g, ''));
	expect(online).toBeGreaterThan(0);
	await expect(page.getByTestId('users-by-region').locator('li')).toHaveCount(7);
	await expect(page.getByTestId('alarms')).toContainText('Not measurable from the imported inputs: Heavy system CPU usage (80 %)');
	await page.screenshot({ path: `${SHOTS}/fleet-realtime.png`, fullPage: true });
	await page.getByTestId('tab-scale').click();
	await expect(page.getByTestId('scale').locator('canvas')).toHaveCount(1);
	await page.getByTestId('tab-experience').click();
	await expect(page.getByTestId('experience-region')).toBeVisible();
	await page.getByTestId('tab-network').click();
	await expect(page.getByTestId('network')).toContainText('HQ video upload');

	// Diagnostics of the same window: every exception links into the inspector at its moment.
	await page.goto(`diagnostics/?follow=0&end=${end}&span=24`);
	const slow = Number(await page.getByTestId('overview-slowLoading').locator('.value').textContent());
	expect(slow).toBeGreaterThan(10);
	await expect(page.getByTestId('causes')).toContainText('Never connected (no media)');
	const videoFreezeUsers = Number(await page.getByTestId('overview-videoFreeze').locator('.value').textContent());
	await page.getByTestId('overview-videoFreeze').click();
	await expect(page).toHaveURL(/type=videoFreeze/);
	const rows = page.getByTestId('exception-row');
	await expect(rows.first()).toContainText('Video freeze');
	const diagnosticsCsv = await csvOf(page, () => page.getByTestId('export-csv').click());
	expect(diagnosticsCsv[0]).toBe('call_time_utc,app,room,user,participant_id,phase,type,cause,source,value');
	expect(diagnosticsCsv[1]).toMatch(/^2026-11-1[89]T.*,in call,Video freeze,/);
	await page.screenshot({ path: `${SHOTS}/fleet-diagnostics.png`, fullPage: true });
	const room = (await rows.first().locator('td').nth(1).textContent())?.trim().slice(0, 16) ?? '';
	await rows.first().locator('a').click();
	await expect(page.getByTestId('session-id')).toHaveText(room);
	await expect(page.getByTestId('opened-at')).toContainText('Opened at 2026-11-1');

	// Settings: a stricter threshold changes the causes Diagnostics names.
	await page.goto('settings/');
	await page.getByTestId('threshold-downlinkVideoFreeze').fill('1');
	await page.getByTestId('save-thresholds').click();
	await expect(page.getByRole('status')).toContainText('Saved 1 override');
	await page.goto(`diagnostics/?follow=0&end=${end}&span=24`);
	await expect
		.poll(async () => Number(await page.getByTestId('overview-videoFreeze').locator('.value').textContent()))
		.toBeGreaterThan(videoFreezeUsers);
});
