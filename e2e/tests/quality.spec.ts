import { expect, test, type Page } from '@playwright/test';
import { openApp, waitForImports } from '../support/app';
import { CDR_DOCS, RTCSTATS_RELAY, WI_OLD, WI_PAIR } from '../support/env';

async function openOnlySession(page: Page) {
	await page.goto('sessions/');
	await page.getByTestId('session-row').first().locator('a').click();
	await expect(page.getByTestId('quality-metrics')).toBeVisible();
}

test('a webrtc-internals dump becomes a session with quality charts, thresholds and a table view', async ({ page }) => {
	await openApp(page);
	await page.getByTestId('file-input').setInputFiles(WI_OLD);
	await waitForImports(page, 1);
	await expect(page.getByTestId('import-file').getByTestId('file-counts')).toContainText('8 quality streams (1,733 samples)');
	await expect(page.getByTestId('import-job')).toContainText('shifted by −3 h');
	await openOnlySession(page);
	const section = page.getByTestId('quality-metrics');
	await expect(section.locator('canvas')).toHaveCount(6);
	await expect(section).toContainText('Bitrate');
	await expect(section.locator('.u-legend').first()).toContainText('sent video');
	await page.screenshot({ path: 'test-results/screens/quality-dump.png', fullPage: true });

	// Show Video off: video streams leave the bitrate legend.
	await page.getByTestId('show-video').uncheck();
	await expect(section.locator('.u-legend').first()).not.toContainText('video');
	await page.getByTestId('show-video').check();
	// Table view for accessibility and copy-paste.
	await page.getByTestId('as-table').check();
	await expect(section.locator('canvas')).toHaveCount(0);
	await expect(section.locator('table').first()).toContainText('Time (UTC)');
	await expect(section.locator('table').first()).toContainText('2020-11-05 18:34');
});

test('user details: experience chart, subscriptions per kind, ICE with addresses hidden until asked', async ({ page }) => {
	await openApp(page);
	await page.getByTestId('file-input').setInputFiles(WI_PAIR);
	await waitForImports(page, 1);
	await openOnlySession(page);
	// IP addresses never show in the event log.
	await expect(page.getByTestId('event-log')).toContainText('onicecandidate');
	await expect(page.getByTestId('event-log')).not.toContainText('192.168.1.217');
	await page.getByTestId('user-details-link').first().click();
	await expect(page.getByTestId('user-label')).toBeVisible();
	await expect(page.locator('section[aria-labelledby=exp-h] canvas')).toHaveCount(1);
	await expect(page.getByTestId('subscriptions-video')).toContainText('640×');
	await page.getByRole('tab', { name: 'Audio subscription' }).click();
	await expect(page.getByTestId('subscriptions-audio')).toContainText('kbps');
	const ice = page.locator('section[aria-labelledby=ice-h]');
	await expect(ice).toContainText('Selected pair: host');
	await expect(ice).not.toContainText('192.168.1.217');
	await page.getByTestId('show-addresses').check();
	await expect(ice).toContainText('192.168.1.217');
	await expect(page.getByTestId('operations')).toContainText('oniceconnectionstatechange');
	await page.screenshot({ path: 'test-results/screens/user-details.png', fullPage: true });
});

test('a dump linked by hand shows its series in the OpenVidu session', async ({ page }) => {
	await openApp(page);
	await page.getByTestId('file-input').setInputFiles([CDR_DOCS, RTCSTATS_RELAY]);
	await waitForImports(page, 2);
	await page.goto('sessions/?q=room-');
	await page.getByTestId('session-row').first().locator('a').click();
	await page.getByTestId('link-search').fill('SuXO99');
	await page.getByTestId('link-choice').first().click();
	await page.getByTestId('link-map-PC_0').selectOption({ label: 'Mike (con_ZTMYOmVuZB, joined 2020-03-12 10:26:11)' });
	await page.getByTestId('link-save').click();
	await expect(page.getByTestId('linked-session')).toHaveText('openvidu:ses_SuXO99zeb1');
	await page.getByTestId('linked-session').click();
	await expect(page.getByTestId('session-id')).toHaveText('ses_SuXO99zeb1');
	// The relay dump is from 2023, this session from 2020: the streams are attached, and flagged as outside its time.
	await expect(page.getByTestId('outside-streams')).toContainText('6 streams lie outside this selection’s time');
	await expect(page.getByTestId('outside-streams')).toContainText('2023-10-19');
});
