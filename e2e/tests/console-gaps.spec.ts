import { expect, test } from '@playwright/test';
import { loadDemo, openApp, waitForImports } from '../support/app';
import { CDR_DOCS } from '../support/env';

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
