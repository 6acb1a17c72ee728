import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, appendFileSync, copyFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { loadDemo, openApp, waitForImports } from '../support/app';
import { BASE_PATH, BUILD_DIR, CDR_DOCS, CDR_WEBHOOKS, REPO } from '../support/env';

test('works offline after the first visit: reload and navigate on stored data', async ({ page, context }) => {
	await loadDemo(page);
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByTestId('store-overview')).toHaveText('41 sessions · 1 imports');
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sessions' }).click();
	await expect(page.getByTestId('session-count')).toHaveText('41 sessions');
	await page.goto('inspect/?session=openvidu%3Adaily-standup');
	await expect(page.getByTestId('session-id')).toHaveText('daily-standup');
	await page.screenshot({ path: 'test-results/screens/offline-inspector.png' });
	await context.setOffline(false);
});

test('the manifest makes the app installable', async ({ page, request }) => {
	await openApp(page);
	const href = await page.locator('link[rel=manifest]').getAttribute('href');
	const manifest = await (await request.get(new URL(href as string, page.url()).toString())).json();
	expect(manifest).toMatchObject({ name: expect.stringContaining('rtcscope'), display: 'standalone', start_url: './', scope: './' });
	const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
	expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
	for (const icon of manifest.icons) {
		const res = await request.get(new URL(icon.src, new URL(href as string, page.url())).toString());
		expect(res.status()).toBe(200);
		expect(res.headers()['content-type']).toContain('image/png');
	}
});

test('a new build shows "update available — reload" and reloads into it on click', async ({ browser }) => {
	// A private copy of the build on its own server, so it can be "redeployed" mid-test.
	const dir = mkdtempSync(join(tmpdir(), 'rtcscope-update-'));
	cpSync(BUILD_DIR, dir, { recursive: true });
	const port = 4400 + Math.floor(Math.random() * 400);
	const server = spawn('node', [join(REPO, 'apps/web/scripts/serve.js'), '--port', String(port), '--base', BASE_PATH, '--dir', dir], { stdio: 'pipe' });
	try {
		await new Promise<void>((resolve, reject) => {
			server.stdout.on('data', (d: Buffer) => d.toString().includes('running at') && resolve());
			server.on('exit', () => reject(new Error('server exited')));
		});
		const context = await browser.newContext();
		const page = await context.newPage();
		const url = `http://127.0.0.1:${port}${BASE_PATH}/`;
		await page.goto(url);
		await page.evaluate(async () => {
			await navigator.serviceWorker.ready;
		});
		await page.reload(); // now controlled by the service worker
		await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
		await expect(page.getByTestId('update-banner')).toBeHidden();

		// "Deploy" a new build: any byte change to sw.js makes the browser install it.
		appendFileSync(join(dir, 'sw.js'), `\n// redeployed ${Date.now()}\n`);
		await page.evaluate(async () => {
			const registration = await navigator.serviceWorker.getRegistration();
			await registration?.update();
		});
		const banner = page.getByTestId('update-banner');
		await expect(banner).toContainText('Update available');
		await page.screenshot({ path: 'test-results/screens/update-banner.png' });
		await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: 'Reload' }).click()]);
		await expect(page.getByTestId('update-banner')).toBeHidden();
		const script = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
		expect(script).toContain(`${BASE_PATH}/sw.js`);
		await context.close();
	} finally {
		server.kill();
	}
});

test('a dropped folder imports every file in it, hidden files skipped', async ({ page }) => {
	const dir = mkdtempSync(join(tmpdir(), 'rtcscope-folder-'));
	mkdirSync(join(dir, 'cdr', '2018'), { recursive: true });
	copyFileSync(CDR_DOCS, join(dir, 'cdr', '2018', 'CDR.2018.log'));
	copyFileSync(CDR_WEBHOOKS, join(dir, 'cdr', 'webhooks.log'));
	writeFileSync(join(dir, 'cdr', '.DS_Store'), Buffer.from([0, 0, 0, 1, 66, 117, 100, 49]));
	await openApp(page);
	await page.getByTestId('folder-input').setInputFiles(join(dir, 'cdr'));
	await waitForImports(page, 2);
	await expect(page.getByTestId('import-file').filter({ hasText: 'CDR.2018.log' })).toHaveAttribute('data-phase', 'done');
	await expect(page.getByTestId('import-row')).toHaveCount(2);
});

test('files dropped on the drop zone are imported', async ({ page }) => {
	await openApp(page);
	const text = readFileSync(CDR_DOCS, 'utf8');
	await page.evaluate((content) => {
		const transfer = new DataTransfer();
		transfer.items.add(new File([content], 'dropped-cdr.log', { type: 'text/plain' }));
		const zone = document.querySelector('[data-testid=drop-zone]') as HTMLElement;
		zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
		zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
	}, text);
	await waitForImports(page, 1);
	await expect(page.getByTestId('import-file').getByTestId('file-counts')).toHaveText('26 lines, 26 events stored, 4 sessions');
});
