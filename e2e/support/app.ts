import { expect, type Page } from '@playwright/test';

/**
 * Page helpers shared by the specs. Every page load also listens for CSP violations and for
 * requests that escape the sub-path (a relative-path regression).
 */
export async function openApp(page: Page, path = ''): Promise<{ violations: string[]; escaped: string[] }> {
	const violations: string[] = [];
	const escaped: string[] = [];
	page.on('console', (m) => {
		if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
	});
	page.on('request', (r) => {
		const url = new URL(r.url());
		if (url.hostname === '127.0.0.1' && !url.pathname.startsWith('/tools/rtcscope/')) escaped.push(url.pathname);
	});
	await page.goto(path);
	await expect(page.locator('header.top')).toBeVisible();
	return { violations, escaped };
}

export async function loadDemo(page: Page): Promise<void> {
	await openApp(page);
	await page.getByTestId('load-demo').click();
	await expect(page.getByTestId('import-file')).toHaveAttribute('data-phase', 'done', { timeout: 30_000 });
}

/** Waits until the import of every file of the newest job has finished. */
export async function waitForImports(page: Page, files: number): Promise<void> {
	const rows = page.getByTestId('import-job').first().getByTestId('import-file');
	await expect(rows).toHaveCount(files);
	for (let i = 0; i < files; i++) {
		await expect(rows.nth(i)).toHaveAttribute('data-phase', /^(done|failed|duplicate)$/, { timeout: 30_000 });
	}
}
