import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { openApp, waitForImports } from '../support/app';
import { CDR_DOCS, CDR_WEBHOOKS, WI_OLD } from '../support/env';

/** Saved sessions, case bundles, deep links and storage care (issue "Cases and sharing"). */

const SESSION = 'inspect/?session=openvidu%3Afds4e07mdug1ga3h';

/** Every figure of the inspector that comes from the data (not from which file it was read). */
async function figures(page: Page, fileNames: string[]): Promise<Record<string, string>> {
	const out: Record<string, string> = {};
	for (const id of ['summary', 'user-data', 'failure-rates', 'recordings', 'event-count', 'quality-metrics']) {
		out[id] = (await page.getByTestId(id).innerText()).replace(/\s+/g, ' ');
	}
	let log = (await page.getByTestId('event-log').innerText()).replace(/\s+/g, ' ');
	for (const name of fileNames) log = log.split(name).join('<file>');
	out['event-log'] = log.replace(/import [0-9a-f]{8}/g, '<file>');
	return out;
}

test('save, tag, filter and delete saved sessions', async ({ page }) => {
	await openApp(page);
	await page.getByTestId('file-input').setInputFiles(CDR_DOCS);
	await waitForImports(page, 1);
	await page.goto(SESSION);
	await page.getByTestId('save-case').click();
	await page.getByTestId('case-name').fill('Customer escalation #42');
	await page.getByTestId('case-tags').fill('network, vip, recording, extra');
	await page.getByTestId('case-save').click();
	await expect(page.getByTestId('case-error')).toHaveText('At most 3 tags per saved session.');
	await page.getByTestId('case-tags').fill('network, vip');
	await page.getByTestId('case-save').click();
	await expect(page.getByTestId('save-case')).toHaveText('Saved: Customer escalation #42 — edit');

	// A second case: one meeting of the same session.
	await page.getByTestId('meeting-selector').selectOption({ index: 1 });
	await page.getByTestId('save-case').click();
	await page.getByTestId('case-name').fill('April meeting');
	await page.getByTestId('case-tags').fill('recording');
	await page.getByTestId('case-save').click();
	await expect(page.getByTestId('save-case')).toHaveText('Saved: April meeting — edit');

	await page.goto('sessions/?tab=saved');
	await expect(page.getByTestId('case-row')).toHaveCount(2);
	await page.getByTestId('tag-filter').filter({ hasText: 'vip' }).click();
	await expect(page).toHaveURL(/tags=vip/);
	await expect(page.getByTestId('case-row')).toHaveCount(1);
	await expect(page.getByTestId('case-row')).toContainText('Customer escalation #42');
	await page.screenshot({ path: 'test-results/screens/saved-sessions.png', fullPage: true });
	await page.getByTestId('tag-filter').filter({ hasText: 'vip' }).click();
	await page.getByTestId('saved-cases').getByRole('checkbox', { name: 'Select all' }).check();
	page.once('dialog', (d) => void d.accept());
	await page.getByTestId('delete-selected').click();
	await expect(page.getByTestId('case-row')).toHaveCount(0);
	// The sessions' data stays.
	await page.goto(SESSION);
	await expect(page.getByTestId('session-id')).toHaveText('fds4e07mdug1ga3h');
});

test('a case bundle restores every figure of the inspector; a deep link in a fresh browser asks for it', async ({ page, browser }) => {
	await openApp(page);
	await page.getByTestId('file-input').setInputFiles([CDR_DOCS, WI_OLD]);
	await waitForImports(page, 2);
	await page.goto(SESSION);
	await page.getByTestId('save-case').click();
	await page.getByTestId('case-name').fill('Shared with support');
	await page.getByTestId('case-tags').fill('bundle');
	await page.getByTestId('case-save').click();
	await expect(page.getByTestId('save-case')).toContainText('Shared with support');
	const names = [CDR_DOCS, WI_OLD].map((p) => p.split('/').pop() as string);
	const before = await figures(page, names);
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-bundle').click()]);
	const bundlePath = test.info().outputPath(download.suggestedFilename());
	await download.saveAs(bundlePath);
	expect(download.suggestedFilename()).toMatch(/^rtcscope-.*\.rtcscope$/);
	expect(readFileSync(bundlePath).length).toBeLessThan(200_000);

	// A colleague: fresh browser, the link first, then the bundle.
	const other = await browser.newContext();
	const colleague = await other.newPage();
	await openApp(colleague, SESSION);
	await expect(colleague.getByTestId('missing-session')).toBeVisible();
	await expect(colleague.getByTestId('missing-key')).toHaveText('openvidu:fds4e07mdug1ga3h');
	await colleague.getByTestId('missing-import').setInputFiles(bundlePath);
	await expect(colleague.getByTestId('session-id')).toHaveText('fds4e07mdug1ga3h', { timeout: 30_000 });
	await expect(colleague.getByTestId('save-case')).toContainText('Shared with support');
	const bundleName = bundlePath.split('/').pop() as string;
	expect(await figures(colleague, [...names, bundleName])).toEqual(before);
	await colleague.screenshot({ path: 'test-results/screens/bundle-restored.png', fullPage: true });
	await other.close();

	// Same browser: delete everything, import the bundle twice: the figures return, nothing doubles.
	await page.goto('settings/');
	page.once('dialog', (d) => void d.accept());
	await page.getByTestId('delete-everything').click();
	await expect(page.getByTestId('storage-status')).toHaveText('Everything imported was deleted.');
	await page.goto('');
	await page.getByTestId('file-input').setInputFiles(bundlePath);
	await waitForImports(page, 1);
	await page.getByTestId('file-input').setInputFiles(bundlePath);
	await expect(page.getByTestId('import-job').first().getByTestId('import-file')).toHaveAttribute('data-phase', 'duplicate');
	await page.goto(SESSION);
	expect(await figures(page, [...names, bundleName])).toEqual(before);
});

test('deep links keep quality filters and zoom', async ({ page }) => {
	await openApp(page);
	await page.getByTestId('file-input').setInputFiles(WI_OLD);
	await waitForImports(page, 1);
	await page.goto('sessions/');
	await page.getByTestId('session-row').first().locator('a').click();
	await page.getByTestId('show-video').uncheck();
	await page.getByTestId('as-table').check();
	await expect(page).toHaveURL(/qoff=video/);
	await expect(page).toHaveURL(/qtable=1/);
	const url = page.url();
	const fresh = await page.context().newPage();
	await fresh.goto(url);
	await expect(fresh.getByTestId('show-video')).not.toBeChecked();
	await expect(fresh.getByTestId('as-table')).toBeChecked();
});

test('a full disk stops an import cleanly and keeps what was there; two tabs import at once', async ({ page, context }) => {
	await openApp(page);
	// A small disk from the start (the quota an open database sees is fixed when it opens).
	const cdp = await context.newCDPSession(page);
	const origin = new URL(page.url()).origin;
	await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 12 * 1024 * 1024 });
	await page.getByTestId('file-input').setInputFiles(CDR_DOCS);
	await waitForImports(page, 1);
	await expect(page.getByTestId('store-overview')).toHaveText('4 sessions · 1 imports');

	// A 30 MB CDR file of distinct sessions with random ids and clientData (IndexedDB compresses
	// values: repeated text would fit any quota).
	const lines = readFileSync(CDR_DOCS, 'utf8').trim().split('\n');
	const big: string[] = [];
	let size = 0;
	const noise = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 36).toString(36)).join('');
	for (let i = 0; size < 30 * 1024 * 1024; i++) {
		const id = noise(48);
		for (const line of lines) {
			const out = line.replace(/"sessionId":"([^"]+)"/, `"sessionId":"$1-${id}"`).replace(/"clientData":"[^"]*"/, `"clientData":"${noise(400)}"`);
			big.push(out);
			size += out.length + 1;
		}
	}
	const bigPath = test.info().outputPath('big-cdr.log');
	writeFileSync(bigPath, `${big.join('\n')}\n`);
	await page.getByTestId('file-input').setInputFiles(bigPath);
	const row = page.getByTestId('import-job').first().getByTestId('import-file');
	await expect(row).toHaveAttribute('data-phase', 'failed', { timeout: 60_000 });
	await expect(row).toContainText('Storage is full');
	await cdp.send('Storage.overrideQuotaForOrigin', { origin });
	// The earlier import is intact.
	await page.goto(SESSION);
	await expect(page.getByTestId('event-count')).toHaveText('16 of 16 events');

	// Two tabs import different files at the same time: both land, nothing is lost.
	const second = await context.newPage();
	await openApp(second);
	await openApp(page);
	await Promise.all([page.getByTestId('file-input').setInputFiles(WI_OLD), second.getByTestId('file-input').setInputFiles(CDR_WEBHOOKS)]);
	await waitForImports(page, 1);
	await waitForImports(second, 1);
	await expect(page.getByTestId('import-job').first().getByTestId('import-file')).toHaveAttribute('data-phase', 'done');
	await expect(second.getByTestId('import-job').first().getByTestId('import-file')).toHaveAttribute('data-phase', 'done');
	// Both tabs see both imports (the list follows the store, whichever tab wrote).
	for (const p of [page, second]) {
		await expect(p.getByTestId('import-row').filter({ hasText: 'webrtc' })).not.toHaveCount(0);
		await expect(p.getByTestId('import-row').filter({ hasText: 'webhook' })).toHaveCount(1);
	}
});
