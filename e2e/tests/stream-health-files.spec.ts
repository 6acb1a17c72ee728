import { expect, test } from '@playwright/test';
import { openApp, waitForImports } from '../support/app';
import { fixture } from '../support/env';

/**
 * Saved Livepeer captures (written for these tests from the document's formats): an
 * event-stream body with one frame split as in Livepeer's own example, and three health polls
 * as JSON Lines, the last one unhealthy.
 */
test('Livepeer files: the split frame is repaired and said so; health, targets, ingest rate and the fatal error show', async ({
	page
}) => {
	await openApp(page);
	await page
		.getByTestId('file-input')
		.setInputFiles([fixture('livepeer-events.txt'), fixture('livepeer-health.jsonl')]);
	await waitForImports(page, 2);
	await expect(page.getByTestId('import-job')).toContainText(
		'had `data:` on one line and the JSON on the next'
	);

	await page.getByRole('link', { name: 'Stream health', exact: true }).click();
	await expect(page.getByTestId('health-stream')).toContainText('f5eese9wwl88k4g8');
	await expect(page.getByTestId('health-state')).toHaveText('Unhealthy');
	await expect(page.getByTestId('health-global')).toContainText('TranscodeRealTime is failing');
	await expect(page.getByTestId('health-global')).toContainText(
		'3 health responses · 39 events stored'
	);
	await expect(page.getByTestId('check-TranscodeRealTime')).toContainText('1m 45.0 %');
	await expect(page.getByTestId('check-Multistreaming').getByTestId('check-status')).toHaveText(
		'Unhealthy'
	);

	const targets = page.getByTestId('multistream-targets');
	await expect(targets.locator('tr', { hasText: 'YouTube' })).toContainText('Online');
	await expect(targets.locator('tr', { hasText: 'Twitch' })).toContainText('Offline');
	await expect(targets.locator('tr', { hasText: 'Twitch' })).toContainText('stream key rejected');

	await expect(page.getByTestId('ingest-rate').locator('.chart')).toBeVisible();
	await expect(page.getByTestId('transcode-latency').locator('.chart')).toHaveCount(2);
	const fatal = page.getByTestId('health-log').locator('tr.fatal');
	await expect(fatal).toHaveCount(1);
	await expect(fatal).toContainText(
		'Transcode error from ewr-prod-livepeer-orchestrator-0 for segment 24: Unsupported input pixel format'
	);
	await page.getByTestId('log-metrics').check();
	await expect(page).toHaveURL(/metrics=1/);
	await expect(page.getByTestId('log-row')).toHaveCount(39);
	await page.screenshot({ path: 'test-results/stream-health-files.png', fullPage: true });

	// The same captures again add nothing.
	await page.getByRole('link', { name: 'Import', exact: true }).click();
	await page
		.getByTestId('file-input')
		.setInputFiles([fixture('livepeer-events.txt'), fixture('livepeer-health.jsonl')]);
	await waitForImports(page, 2);
	await expect(page.getByTestId('import-job').first()).toContainText('Already imported');
});
