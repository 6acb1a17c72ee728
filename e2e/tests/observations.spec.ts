import { expect, test } from '@playwright/test';
import { openApp } from '../support/app';

/**
 * Conclusions with evidence on the demo call (packages/core/src/demo/call-case.ts): a CDR of
 * ses_DemoCase and one webrtc-internals dump per participant (Ana, Ben), with known impairments —
 * 8 % loss on Ana's uplink from 09:00:40 to 09:01:40, Ben's encoder CPU-limited 09:00:31–09:01:51,
 * Ben's clock 1.5 s ahead of Ana's, and a third participant (Cleo) whose connection failed.
 */
test.use({ viewport: { width: 1280, height: 900 } });

test('the demo call: observations with evidence, both ends stitched, clocks, and two calls compared', async ({ page }) => {
	await openApp(page);
	await page.getByTestId('load-demo-call').click();
	await expect(page.getByTestId('import-open-session')).toHaveCount(3, { timeout: 30_000 });

	await page.goto('sessions/?q=ses_DemoCase');
	const row = page.getByTestId('session-row').filter({ hasText: 'ses_DemoCase' });
	await expect(row.getByTestId('session-observations')).toHaveText(/2\sproblems,\s2\swarnings/);
	await row.locator('a').first().click();

	// Ordered by severity, one line each.
	const observations = page.getByTestId('observation');
	await expect(observations).toHaveCount(4);
	await expect(observations.nth(0)).toHaveAttribute('data-severity', 'problem');
	await expect(observations.nth(3)).toHaveAttribute('data-severity', 'warning');
	await expect(page.getByTestId('observations')).toContainText('Cleo’s connection failed at 09:00:28: networkDisconnect');
	const cpu = observations.filter({ hasText: 'limited by cpu' });
	await expect(cpu).toContainText('Ben’s camera');
	await expect(cpu).toContainText('1 min 20 s (67 % of its time)');
	// The two ends of Ana's sent video: the sender's uplink as the receiver reports it, and the path.
	await expect(observations.filter({ hasText: 'on Ana’s uplink' })).toHaveCount(1);
	await expect(observations.filter({ hasText: 'on the path from Ana to Ben' })).toHaveCount(1);

	// Evidence opens the chart zoomed on it (±10 %, at least 2 s) — and the forensics on the field.
	await cpu.locator('summary').click();
	await cpu.getByTestId('evidence-link').first().click();
	await expect(page).toHaveURL(/qzoom=\d+-\d+/);
	// A CPU limit shows in the sent resolution: frameHeight of Ben's outbound video OT01V222.
	await expect(page).toHaveURL(/ff=OT01V222%7EframeHeight%7Evalue/);
	await expect(page.getByTestId('forensics')).toBeVisible();
	await page.screenshot({ path: 'test-results/screens/observation-evidence.png' });

	// Both ends: 4 streams stitched by SSRC, the clock offset per pair of browsers.
	await expect(page.getByTestId('stitched-stream')).toHaveCount(4);
	const video112 = page.getByTestId('stitched-stream').filter({ hasText: 'video 112' });
	await expect(video112).toContainText('Ana → Ben');
	await expect(video112).toContainText('4.17 %');
	const clocks = page.getByTestId('clock-offset');
	await expect(clocks).toHaveCount(2);
	await expect(clocks.filter({ hasText: 'Ben’s clock is 1.50 s ahead' })).toHaveCount(1);
	await expect(clocks.filter({ hasText: 'Ana’s clock is 1.50 s behind' })).toHaveCount(1);

	// Compare the two dumps, picked in Sessions; the pick lives in the URL.
	await page.goto('sessions/?q=dump-');
	const picks = page.getByTestId('compare-pick');
	await expect(picks).toHaveCount(2);
	await picks.nth(0).check();
	await picks.nth(1).check();
	await page.getByTestId('compare-open').click();
	await expect(page).toHaveURL(/compare\/\?a=webrtc%3Adump-[a-z0-9]+&b=webrtc%3Adump-[a-z0-9]+/);
	const duration = page.getByTestId('compare-row').filter({ hasText: 'Duration' });
	await expect(duration).toContainText('2 min 01 s');
	await expect(duration).toContainText('±0 s');
	await expect(page.getByTestId('compare-chart')).toHaveCount(6);
	await expect(page.getByTestId('observations')).toHaveCount(2);
	await page.reload();
	await expect(page.getByTestId('compare-row').filter({ hasText: 'Duration' })).toContainText('2 min 01 s');
	await page.screenshot({ path: 'test-results/screens/compare.png', fullPage: true });
});
