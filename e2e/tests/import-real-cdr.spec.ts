import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { openApp, waitForImports } from '../support/app';
import { CDR_DOCS, CDR_PRO, CDR_WEBHOOKS } from '../support/env';

test('imports the real OpenVidu CDR lines and inspects a real session', async ({ page }) => {
	const { violations, escaped } = await openApp(page);
	await page.getByTestId('file-input').setInputFiles([CDR_DOCS, CDR_WEBHOOKS, CDR_PRO]);
	await waitForImports(page, 3);

	const files = page.getByTestId('import-file');
	await expect(files.nth(0)).toHaveAttribute('data-phase', 'done');
	await expect(files.nth(0).getByTestId('file-counts')).toHaveText(
		'26 lines, 26 events stored, 4 sessions'
	);
	await expect(files.nth(1).getByTestId('file-counts')).toHaveText(
		'6 lines, 6 events stored, 4 sessions'
	);
	await expect(files.nth(2).getByTestId('file-counts')).toHaveText(
		'2 lines, 2 events stored, 1 session'
	);
	await expect(page.getByTestId('import-row')).toHaveCount(3);
	await expect(page.getByTestId('store-overview')).toHaveText('6 sessions · 3 imports');
	await page.screenshot({ path: 'test-results/screens/import-real.png', fullPage: true });

	// Sessions: search by participant id finds the 2018 session.
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Sessions' })
		.click();
	await expect(page.getByTestId('session-count')).toHaveText('6 sessions');
	await page.getByTestId('session-search').fill('6ptvp0in09fhbroy');
	await page.getByTestId('session-search').press('Enter');
	await expect(page.getByTestId('session-count')).toHaveText(
		'1 session matching “6ptvp0in09fhbroy”'
	);
	await page.getByRole('link', { name: 'fds4e07mdug1ga3h' }).click();

	// The doc lines of 2018-01..2018-10 reuse one session id: the meeting rule splits them.
	await expect(page.getByTestId('session-id')).toHaveText('fds4e07mdug1ga3h');
	const meetings = page.getByTestId('meeting-selector').locator('option');
	await expect(meetings).toHaveCount(3); // "All meetings", April 2018, October 2018
	await expect(page.getByTestId('recordings').getByTestId('recording-row')).toHaveCount(2);
	await expect(page.getByTestId('event-count')).toHaveText('16 of 16 events');
	await page.screenshot({ path: 'test-results/screens/inspect-real.png', fullPage: true });

	// Select the October 2018 meeting: every figure follows the selection.
	await page.getByTestId('meeting-selector').selectOption({ index: 2 });
	await expect(page).toHaveURL(/meeting=2/);
	await expect(page.getByTestId('stat-connections')).toHaveText('3');
	await expect(page.getByTestId('stat-subscriptions')).toHaveText('1');
	// One of the three connections published (someone subscribed to it): broadcast by our rule.
	await expect(page.getByTestId('call-type')).toHaveText('broadcast');
	await expect(page.getByTestId('event-count')).toHaveText('8 of 8 events');

	expect(violations).toEqual([]);
	expect(escaped).toEqual([]);
});

test('a gzipped CDR file imports like the plain one; dropping it again adds nothing', async ({
	page
}) => {
	await openApp(page);
	const gz = gzipSync(readFileSync(CDR_DOCS));
	await page
		.getByTestId('file-input')
		.setInputFiles({ name: 'CDR.2018.log.gz', mimeType: 'application/gzip', buffer: gz });
	await waitForImports(page, 1);
	await expect(page.getByTestId('import-file').getByTestId('file-counts')).toHaveText(
		'26 lines, 26 events stored, 4 sessions'
	);
	await expect(page.getByTestId('import-list')).toContainText('gzip');

	await page
		.getByTestId('file-input')
		.setInputFiles({ name: 'again.gz', mimeType: 'application/gzip', buffer: gz });
	await expect(page.getByTestId('import-job').first().getByTestId('import-file')).toHaveAttribute(
		'data-phase',
		'duplicate'
	);
	await expect(page.getByTestId('import-job').first()).toContainText('Already imported');
	await expect(page.getByTestId('import-row')).toHaveCount(1);
});

test('bad lines are reported with file and line, and every good line is imported', async ({
	page
}) => {
	await openApp(page);
	const good = (sid: string, pid: string, t: number) =>
		JSON.stringify({
			participantJoined: {
				sessionId: sid,
				participantId: pid,
				timestamp: t,
				clientData: '<img src=x onerror="window.__xss=1">'
			}
		});
	const text = [
		good('bad-input', 'con_1', 1700000000000),
		'{"participantJoined":{"sessionId":"bad-input",',
		'{"sessionCreated":{"sessionId":"x","timestamp":1},"sessionDestroyed":{"sessionId":"x","timestamp":2}}',
		good('bad-input', 'con_2', 1700000005000),
		'{"participantLeft":{"sessionId":"bad-input","participantId":"con_2"}}'
	].join('\r\n');
	await page
		.getByTestId('file-input')
		.setInputFiles({
			name: 'broken.log',
			mimeType: 'text/plain',
			buffer: Buffer.from(`\uFEFF${text}`)
		});
	await waitForImports(page, 1);
	const card = page.getByTestId('import-job').first();
	await expect(card.getByTestId('file-counts')).toHaveText('5 lines, 2 events stored, 1 session');
	await expect(card).toContainText('broken.log:2');
	await expect(card).toContainText('Line 2 is not valid JSON');
	await expect(card).toContainText('broken.log:3');
	await expect(card).toContainText('2 event keys');
	await expect(card).toContainText('broken.log:5');
	await expect(card).toContainText('has no "timestamp"');

	// clientData is third-party text: it is shown, never interpreted as markup.
	await page.goto('inspect/?session=openvidu%3Abad-input');
	await page.locator('[data-testid=user-row] button').first().click();
	await expect(page.getByTestId('connection').first()).toContainText(
		'<img src=x onerror="window.__xss=1">'
	);
	expect(
		await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)
	).toBeUndefined();
	await expect(page.locator('main img')).toHaveCount(0);
});

test('an empty file and a non-CDR file fail with a plain reason', async ({ page }) => {
	await openApp(page);
	await page.getByTestId('file-input').setInputFiles([
		{ name: 'empty.log', mimeType: 'text/plain', buffer: Buffer.alloc(0) },
		{ name: 'notes.csv', mimeType: 'text/csv', buffer: Buffer.from('time,bitrate\n1,2\n') }
	]);
	await waitForImports(page, 2);
	const files = page.getByTestId('import-file');
	await expect(files.nth(0)).toHaveAttribute('data-phase', 'failed');
	await expect(files.nth(0)).toContainText('The file is empty');
	await expect(files.nth(1)).toContainText(
		'rtcscope does not recognise this file; it starts with “time,bitrate 1,2”.'
	);
	// Said once, not repeated in a problem list under it.
	await expect(files.nth(1).getByText('does not recognise')).toHaveCount(1);
});
