import { expect, test, type Page } from '@playwright/test';
import { openApp, waitForImports } from '../support/app';
import { realSample } from '../support/env';

/**
 * Dump forensics on real files: any stats field charted on demand, bands, the ICE table, SDP,
 * the API log; charts built once per chart shown; Firefox about:webrtc pages as snapshot tables.
 */
test.use({ viewport: { width: 1280, height: 900 } });

const GUILOSPANCK = realSample('webrtc-internals', 'Guilospanck-webrtc-stats-analyzer__webrtc_internals_dump.txt');

async function importAndOpen(page: Page, path: string) {
	await openApp(page);
	await page.getByTestId('file-input').setInputFiles(path);
	await waitForImports(page, 1);
	// The import card links straight to the session it made.
	await page.getByTestId('import-open-session').first().click();
	await expect(page.getByTestId('session-id')).toBeVisible();
}

const builds = (page: Page) =>
	page.evaluate(() => (window as unknown as { __rtcscopeCharts?: { builds: number } }).__rtcscopeCharts?.builds ?? 0);

test('a real dump: any field charted with its bands, charts built once each, the ICE table, SDP and the API log', async ({ page }) => {
	await importAndOpen(page, GUILOSPANCK);
	const forensics = page.getByTestId('forensics');
	await expect(forensics).toBeVisible();
	// Opening the session: the timeline and the 6 quality charts, each built once.
	await expect(page.getByTestId('quality-metrics').locator('canvas')).toHaveCount(6);
	await page.waitForTimeout(500);
	expect(await builds(page)).toBe(7);

	// Read in the file: 92-1 has 24 stats objects; outbound video 322562611's qualityLimitationReason
	// goes bandwidth → none.
	await expect(page.getByTestId('forensics-pc')).toContainText('24 stats objects');
	await expect(page.getByTestId('fields-shown')).toContainText('of 181 numeric fields listed');
	await forensics.locator('[data-testid=pick-field][data-field="totalEncodeTime"][data-object="OT01V322562611"]').check();
	const chart = page.getByTestId('field-chart').filter({ hasText: 'totalEncodeTime' });
	await expect(chart.locator('canvas').first()).toBeVisible();
	await expect(chart.getByTestId('field-view')).toHaveValue('per:framesEncoded');
	await expect(chart).toContainText('ΔtotalEncodeTime ÷ ΔframesEncoded');
	expect(await builds(page)).toBe(8);
	await expect(page.getByTestId('band').filter({ hasText: 'qualityLimitationReason' })).toContainText('bandwidth');
	await expect(page.getByTestId('band').filter({ hasText: 'encoderImplementation' })).toContainText('libvpx');
	// A second field builds one chart more, and no other.
	await forensics.locator('[data-testid=pick-field][data-field="packetsSent"][data-object="OT01A3649547636"]').check();
	await expect(page.getByTestId('field-chart')).toHaveCount(2);
	await page.waitForTimeout(300);
	expect(await builds(page)).toBe(9);
	await page.screenshot({ path: 'test-results/screens/forensics-fields.png', fullPage: true });

	// The charted fields are in the link: a reload shows them again.
	await expect(page).toHaveURL(/ff=/);
	await page.reload();
	await expect(page.getByTestId('field-chart')).toHaveCount(2);

	await page.getByTestId('forensics-tab-ice').click();
	const pairs = page.getByTestId('ice-pairs');
	await expect(pairs).toContainText('succeeded');
	// The priority as the dump writes it (a double would print …933632).
	await expect(pairs).toContainText('9079290933588934000');
	await expect(page.getByTestId('ice-candidates')).toContainText('hidden');
	await page.getByTestId('ice-show-addresses').check();
	await expect(page.getByTestId('ice-candidates')).toContainText('192.168.1.217');

	await page.getByTestId('forensics-tab-sdp').click();
	await expect(page.getByTestId('sdp-entry')).toHaveCount(6);
	await expect(page.getByTestId('sdp-list')).toContainText('every local description is the one the browser created');
	await expect(page.getByTestId('sdp-diff-count')).toContainText('added');

	await page.getByTestId('forensics-tab-api').click();
	await expect(page.getByTestId('api-count')).toContainText('33 of 33');
	// Read: 92-1's update log has 33 entries; "setRemote" is in 6 (2 setRemoteDescription, 2 …OnSuccess,
	// and 2 transceiverModified whose value says reason "setRemoteDescription").
	await page.getByTestId('api-filter').fill('setRemote');
	await expect(page.getByTestId('api-count')).toContainText('6 of 33');
	await page.getByTestId('forensics-tab-bandwidth').click();
	await expect(page.getByTestId('bandwidth')).toContainText('estimate: available outgoing');
	await expect(page.getByTestId('media-requests')).toContainText('HD User Facing (0408:a061)');
});

test('Firefox about:webrtc, 2019 Portuguese Latin-1 page: 4 connections, snapshot tables with the page’s figures', async ({ page }) => {
	await importAndOpen(page, realSample('firefox-about-webrtc', 'Faracoeng-SMU29009__aboutWebrtc.html'));
	await expect(page.getByTestId('stat-users')).toHaveText('1');
	await page.getByTestId('forensics-pc').selectOption('15032385555');
	await expect(page.getByTestId('snapshot-note')).toContainText('one snapshot per connection');
	const tables = page.getByTestId('snapshot-tables');
	// Read: "inbound-rtp SSRC: 3981974271 Recebido: 3214 pacotes (544.18 Kb) Perdido: 3 Jitter: 0.008".
	await expect(tables.locator('table').filter({ hasText: 'inbound-rtp audio 3981974271' })).toContainText('3,214');
	await page.getByTestId('forensics-tab-ice').click();
	await expect(page.getByTestId('ice-pairs')).toContainText('7961835276047483000');
	await page.getByTestId('forensics-tab-sdp').click();
	await expect(page.getByTestId('sdp-entry')).toHaveCount(2);
	await page.screenshot({ path: 'test-results/screens/forensics-about-webrtc.png', fullPage: true });
});

test('Firefox about:webrtc, 2025 page: 19 connections in 4 tabs, SDP history with its times', async ({ page }) => {
	await importAndOpen(page, realSample('firefox-about-webrtc', 'lukewestmark-174afpschess__aboutWebrtc.html'));
	await expect(page.getByTestId('stat-users')).toHaveText('4');
	await expect(page.getByTestId('forensics-pc').locator('option')).toHaveCount(19);
	await page.getByTestId('forensics-pc').selectOption('7000796692518');
	await page.getByTestId('forensics-tab-sdp').click();
	await expect(page.getByTestId('sdp-entry').first()).toContainText('setLocalDescription (offer) 2025-12-04 09:02:59.696');
	await page.getByTestId('forensics-tab-config').click();
	await expect(page.getByTestId('forensics-config')).toContainText('stun:stun.l.google.com:19302');
});
