import { expect, test } from '@playwright/test';
import { loadDemo, openApp, waitForImports } from '../support/app';
import { CDR_DOCS } from '../support/env';
import { generateBroadcast } from '../../packages/core/src/demo/broadcast';

/**
 * The source documents' remaining console features (issue 15) on the real docs CDR and the demo
 * data: calls by status and app, the inspector's call info, recently inspected sessions, SIP
 * users, SparkRTC Table 4-1 event types, the region map, 0–100 % rate axes, the retention note.
 */
test.use({ viewport: { width: 1280, height: 900 } });

test('Sessions by status and app; call info; recently inspected; SIP users; Table 4-1 event types', async ({ page }) => {
	await openApp(page);
	await page.getByTestId('import-app').fill('classroom');
	await page.getByTestId('file-input').setInputFiles(CDR_DOCS);
	await waitForImports(page, 1);

	// Read in the file: 4 sessions; only fds4e07mdug1ga3h has a sessionDestroyed.
	await page.goto('sessions/');
	await expect(page.getByTestId('session-count')).toHaveText('4 sessions');
	await page.getByTestId('session-status').selectOption('ended');
	await expect(page).toHaveURL(/status=ended/);
	await expect(page.getByTestId('session-count')).toHaveText('1 session');
	await expect(page.getByTestId('session-row')).toContainText('fds4e07mdug1ga3h');
	await page.getByTestId('session-status').selectOption('open');
	await expect(page.getByTestId('session-count')).toHaveText('3 sessions');
	await expect(page.getByTestId('session-status-cell').first()).toHaveText('open');
	await expect(page.getByTestId('session-app-cell').first()).toHaveText('classroom');
	await page.getByTestId('session-app').selectOption('classroom');
	await expect(page.getByTestId('session-count')).toHaveText('3 sessions');
	await page.screenshot({ path: 'test-results/screens/sessions-status-app.png', fullPage: true });

	await page.goto('inspect/?session=openvidu%3Ases_SuXO99zeb1');
	await expect(page.getByTestId('call-info')).toContainText('app classroom');
	await expect(page.getByTestId('room-status')).toHaveText('room still open at the end of the data');
	await expect(page.getByTestId('stat-sip')).toHaveText(/^0\s+no input marks a SIP connection$/);
	// Line 20 participantJoined → Table 4-1 event 1, line 21 participantLeft → 2.
	const types = page.getByTestId('event-type');
	await expect(types.filter({ hasText: 'participantJoined' }).first()).toContainText('1 · Join room');
	await expect(types.filter({ hasText: 'participantLeft' }).first()).toContainText('2 · Leave room');

	await page.goto('inspect/?session=openvidu%3Afds4e07mdug1ga3h');
	await expect(page.getByTestId('room-status')).toHaveText('ended');
	await page.goto('sessions/?tab=recent');
	const recent = page.getByTestId('recent-row');
	await expect(recent).toHaveCount(2);
	await expect(recent.first()).toContainText('fds4e07mdug1ga3h');
	await expect(recent.nth(1)).toContainText('ses_SuXO99zeb1');
	await page.screenshot({ path: 'test-results/screens/recently-inspected.png' });
});

test('the region map and the retention note, on the demo data', async ({ page }) => {
	await loadDemo(page);
	await page.goto('insights/');
	// The demo's five regions (Spain, Japan, Brazil, Germany, United States) are shaded.
	const map = page.getByTestId('region-map');
	await expect(map.locator('path[data-shaded=yes]')).toHaveCount(5);
	await expect(map.locator('path[data-country="United States of America"]')).toHaveAttribute('data-shaded', 'yes');
	await expect(map.locator('path[data-country="France"]')).toHaveAttribute('data-shaded', 'no');
	await map.scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'test-results/screens/region-map.png' });

	await page.goto('settings/');
	await expect(page.getByTestId('retention-note')).toContainText('data stays in this browser until you remove it');
	await expect(page.getByTestId('retention-note')).toContainText('“Latency” is the time from a file or feed to the views');
});

test('a 120-viewer broadcast: connection and subscriber summaries, worst first, users paged', async ({ page }) => {
	await openApp(page);
	await page.getByTestId('file-input').setInputFiles({ name: 'broadcast.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(generateBroadcast({ startAt: Date.UTC(2026, 10, 3, 10), clientData: true })) });
	await waitForImports(page, 1);
	await page.goto('inspect/?session=openvidu%3Ases_Big');
	const large = page.getByTestId('large-session');
	await expect(page.getByTestId('connection-summary')).toContainText('Connection summary · 121');
	await expect(page.getByTestId('connection-summary')).toContainText('106 open at the end of the data');
	await expect(page.getByTestId('connection-summary')).toContainText('10 failed');
	await expect(page.getByTestId('connection-summary')).toContainText('Safari 17: 40');
	await expect(page.getByTestId('subscriber-summary')).toContainText('120 subscribers, 120 subscriptions');
	await expect(large.getByTestId('subscriber-line').first()).toContainText('con_v000');
	await expect(large.getByTestId('subscriber-line')).toHaveCount(20);
	await expect(page.getByTestId('user-row')).toHaveCount(50);
	await page.getByTestId('more-users').click();
	await expect(page.getByTestId('user-row')).toHaveCount(100);
	// Room profile: 121 users, all online at once; every join loaded (all got media within 5 s).
	await expect(page.getByTestId('room-max-online')).toHaveText('121');
	await expect(page.getByTestId('room-roomLoaded5s')).toContainText('100.0 %');
	await large.scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'test-results/screens/large-session.png' });
});

test('the demo call: room profile and network · SDK per user', async ({ page }) => {
	await openApp(page);
	await page.getByTestId('load-demo-call').click();
	await expect(page.getByTestId('import-open-session')).toHaveCount(3, { timeout: 30_000 });
	await page.goto('inspect/?session=openvidu%3Ases_DemoCase');
	// Read in the CDR: Cleo's join never got media; Ana and Ben were connected within 1.5 s.
	await expect(page.getByTestId('room-users')).toHaveText('3');
	await expect(page.getByTestId('room-max-online')).toHaveText('3');
	await expect(page.getByTestId('room-issues')).toHaveText('1');
	await expect(page.getByTestId('room-roomLoaded')).toContainText('66.7 % 2 of 3');
	await expect(page.getByTestId('user-network-sdk').first()).toContainText('Chrome 138');
	await page.getByTestId('room-profile').scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'test-results/screens/room-profile.png' });

	// Ben's video subscription (Ana's camera, SSRC 112) as indicators over time: six charts.
	await page.goto('user/?session=openvidu%3Ases_DemoCase&participant=con_Ben');
	const charts = page.getByTestId('subscription-series').getByTestId('subscription-chart');
	await expect(charts).toHaveCount(6);
	await expect(charts.filter({ hasText: 'Delay (round-trip time)' })).toHaveCount(1);
	await expect(charts.first().locator('canvas')).toBeVisible();
	await page.getByTestId('subscription-series').scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'test-results/screens/subscription-series.png' });
	await page.getByRole('tab', { name: 'Audio subscription' }).click();
	await expect(charts).toHaveCount(4);
});
