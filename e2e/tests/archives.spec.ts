import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { openApp, waitForImports } from '../support/app';
import { fixture, realSample } from '../support/env';

/**
 * Recordings from three providers: a Vonage callback capture (session monitoring + archive
 * status, written for this test), the real OpenTok .NET SDK archive list, and SparkRTC recording
 * callbacks (the document's example, delivered twice, with an unsafe download URL).
 */
test('archive inspector: bands, running and paused minutes, notes; recordings list with filters and CSV', async ({
	page
}) => {
	await openApp(page);
	await page
		.getByTestId('file-input')
		.setInputFiles([
			fixture('vonage-callbacks.jsonl'),
			realSample('opentok', 'Opentok-.NET-SDK__ArchiveTests_ListArchives-response.json'),
			fixture('sparkrtc-callbacks.jsonl')
		]);
	await waitForImports(page, 3);
	// The retried SparkRTC callback is noted, not doubled.
	await expect(page.getByTestId('import-job')).toContainText('a retried delivery');

	await page.getByRole('link', { name: 'Recordings', exact: true }).click();
	await expect(page.getByTestId('recordings-count')).toHaveText('8 of 8 recordings');
	await page.getByTestId('recordings-provider').selectOption('vonage');
	await expect(page.getByTestId('recordings-count')).toHaveText('7 of 8 recordings');
	await page.getByTestId('recordings-search').fill('weekly');
	await expect(page.getByTestId('recordings-row')).toHaveCount(1);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('export-csv').click()
	]);
	const csv = readFileSync(await download.path(), 'utf8').split('\r\n');
	expect(csv[0]).toBe(
		'provider,session,recording_id,name_or_stream,status,started_utc,stopped_utc,duration_s,running_s,paused_s,size_bytes,format,mode,resolution'
	);
	expect(csv[1]).toBe(
		'Vonage / OpenTok,2_MX4demoSessionFixture,b40ef09b-3811-4726-b508-e41a0f96c68f,weekly sync,uploaded,2026-11-02T10:00:10.000Z,2026-11-02T10:31:00.000Z,1850,950,900,48123904,MP4,composed,1280x720'
	);

	// Archive inspector for it.
	await page.getByTestId('recordings-row').locator('td').nth(2).locator('a').click();
	await expect(page.getByTestId('archive-status')).toHaveText('uploaded');
	await expect(page.getByTestId('archive-duration')).toContainText(
		'30 min 50 s — 15 min 50 s running, 15 min 00 s paused'
	);
	const notes = page.getByTestId('archive-notes');
	await expect(notes).toContainText(
		'Paused for 14 min: no stream was published between 10:02 and 10:16.'
	);
	await expect(notes).toContainText(
		'Stopped at 10:31:00, 60 s after all clients disconnected (10:30:00), as documented.'
	);
	const timeline = page.getByTestId('archive-timeline');
	await expect(timeline.getByTestId('band-paused')).toHaveCount(2);
	await expect(timeline.getByTestId('band-started')).toHaveCount(2);
	await expect(timeline.getByTestId('band-uploaded')).toHaveCount(1);
	await expect(timeline.getByTestId('band-publisher')).toHaveCount(2);
	await expect(timeline.getByTestId('band-meeting')).toHaveCount(1);
	// The signed storage URL is a link without its query.
	await expect(
		page.getByTestId('archive-overview').getByRole('link', { name: /archive\.mp4\?…/ })
	).toHaveAttribute('href', /^https:\/\/example-bucket/);
	await page.screenshot({ path: 'test-results/screens/archive-inspector.png', fullPage: true });

	// Search by archive id from the real list. The 2014 listing says "available" (created
	// 2014-03-19 00:12:10), but the OpenTok cloud keeps archives 72 hours: it has expired since
	// 2014-03-22 00:12 UTC, and the inspector says so instead of "available".
	await page.getByTestId('archive-search').fill('ef546c5a-4fd7-4e59-ab3d-f1cfb4148d1d');
	await page.getByTestId('archive-search').press('Enter');
	await page.getByTestId('archive-result').first().click();
	await expect(page.getByTestId('archive-status')).toHaveText('expired');
	await expect(page.getByTestId('archive-information')).toContainText('listed as “available”');
	await expect(page.getByTestId('archive-information')).toContainText(
		'expired from the OpenTok cloud on 2014-03-22 00:12:10 UTC'
	);
	await expect(page.getByTestId('archive-notes')).toContainText("the archive's createdAt");
	// A listing is not a meeting: none is made up from creation times.
	await expect(page.getByTestId('meeting-duration')).toContainText('no connection in the data');
	await expect(page.getByTestId('archive-duration')).toContainText('22 s');

	// SparkRTC: the javascript: download URL stays text.
	await page.goto('archive/?q=room01');
	await page.getByTestId('archive-result').first().click();
	await expect(page.getByTestId('archive-overview')).toContainText('javascript:alert(1)');
	await expect(page.getByTestId('archive-overview')).toContainText('not an http(s) address');
	await expect(page.getByTestId('archive-overview').locator('a[href^="javascript"]')).toHaveCount(
		0
	);
	await expect(page.getByTestId('archive-overview')).toContainText('HLS');
	await expect(page.getByTestId('archive-duration')).toContainText('reported: 1 min 05 s');
});
