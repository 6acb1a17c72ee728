import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { openApp, waitForImports } from '../support/app';
import { SHARED, realSample } from '../support/env';

/**
 * The corpus through the built site: a few real files, each checked on the view a support
 * engineer would read, against what the file says (packages/core/src/corpus/ holds every file's
 * facts; this checks that the screen shows the same figures). Screenshots at 1280 px.
 */
test.use({ viewport: { width: 1280, height: 900 } });

async function importAndOpen(page: Page, path: string) {
	await openApp(page);
	await page.getByTestId('file-input').setInputFiles(path);
	await waitForImports(page, 1);
	await page.goto('sessions/');
	await page.getByTestId('session-row').first().locator('a').click();
	await expect(page.getByTestId('session-id')).toBeVisible();
}

test('capogreco data-channel dump: 13 s, 4 tabs, 2 of 7 connections failed, connection charts drawn', async ({
	page
}) => {
	await importAndOpen(
		page,
		realSample('webrtc-internals', 'capogreco-string.assembly.fm__webrtc_internals_dump.txt')
	);
	await expect(page.getByTestId('stat-duration')).toHaveText('13 s');
	await expect(page.getByTestId('call-type')).toHaveText('no media');
	await expect(page.getByTestId('stat-users')).toHaveText('4');
	const connect = page.getByTestId('rate-connections');
	await expect(connect.locator('td').nth(1)).toHaveText('7');
	await expect(connect.locator('td').nth(2)).toHaveText('2');
	await expect(connect.getByTestId('rate-value')).toHaveText('28.6 %');
	// Its stats are inside its own time, and with only data channels the connections are charted.
	await expect(page.getByTestId('outside-streams')).toHaveCount(0);
	await expect(page.getByTestId('quality-metrics').locator('canvas').first()).toBeVisible();
	const userLabels = await page.getByTestId('user-row').locator('td.label').allInnerTexts();
	expect(userLabels.map((l) => l.replace(/\s*details\s*$/, ''))).toEqual([
		'localhost:8000 · tab 714',
		'localhost:8000/ctrl.html · tab 731',
		'localhost:8000 · tab 734',
		'string.assembly.fm/ctrl.html · tab 258'
	]);
	await page.screenshot({ path: 'test-results/screens/real-capogreco.png', fullPage: true });
});

test('AndreiDen dump: 4 min 09 s in Sessions and Summary, the early getUserMedia named as outside the call', async ({
	page
}) => {
	await openApp(page);
	await page
		.getByTestId('file-input')
		.setInputFiles(
			realSample('webrtc-internals', 'AndreiDen-WebRTC_stats_parser__webrtc_internals_dump.txt')
		);
	await waitForImports(page, 1);
	await page.goto('sessions/');
	await expect(page.getByTestId('session-row').first().locator('td').nth(2)).toHaveText(
		'4 min 09 s'
	);
	await page.getByTestId('session-row').first().locator('a').click();
	await expect(page.getByTestId('stat-duration')).toHaveText('4 min 09 s');
	await expect(page.getByTestId('call-type')).toHaveText('one-to-one');
	await expect(page.getByTestId('outside-span')).toContainText('the earliest 2 h 16 min before it');
	await page.screenshot({ path: 'test-results/screens/real-andreiden.png', fullPage: true });
});

test('rtcstats pc-failed: every failed peer connection is a failure, none "still connected"', async ({
	page
}) => {
	await importAndOpen(
		page,
		realSample('rtcstats', 'jitsi-rtcstats-server__chrome-standard-pc-failed')
	);
	const connect = page.getByTestId('rate-connections');
	await expect(connect.locator('td').nth(1)).toHaveText('3');
	await expect(connect.locator('td').nth(2)).toHaveText('3');
	await expect(connect.getByTestId('rate-value')).toHaveText('100.0 %');
	await expect(page.getByTestId('user-data')).not.toContainText('still connected');
	await expect(page.getByTestId('user-row').first()).toContainText('Lesly-U1W');
	await expect(page.getByTestId('user-row').first()).toContainText('connection failed');
});

test('OpenVidu Pro Elasticsearch export: two runs, the 32-second one included, both users named', async ({
	page
}) => {
	await importAndOpen(
		page,
		realSample(
			'openvidu-cdr',
			'extracted',
			'openvidu.io-docs__pro-elasticsearch-doc-examples.jsonl'
		)
	);
	const options = await page.getByTestId('meeting-selector').locator('option').allInnerTexts();
	expect(options.map((o) => o.trim())).toEqual([
		'All meetings (2)',
		'Meeting 1: 2021-03-03 11:14 · 33 s · 0 connections',
		'Meeting 2: 2021-03-03 11:49 · 3 min 48 s · 2 connections'
	]);
	await expect(page.getByTestId('user-data')).toContainText('publisherClient');
	await expect(page.getByTestId('user-data')).toContainText('subscriberClient');
	await expect(page.getByTestId('event-log')).toContainText('MediaFlowOutStateChanged');
});

test('files that are not logs get one line saying what they are', async ({ page }) => {
	await openApp(page);
	await page
		.getByTestId('file-input')
		.setInputFiles([
			realSample('opentok', 'vonage-python-sdk__video_tests_data_list_broadcasts.json'),
			realSample(
				'livepeer',
				'extracted',
				'livepeer-docs__api-reference-stream-object-example.json'
			),
			realSample('opentok', 'vonage-php-sdk-video__test_Video_responses_render-list-finished.json')
		]);
	await waitForImports(page, 3);
	const files = page.getByTestId('import-file');
	await expect(files.nth(0)).toContainText('This is a Vonage live-streaming broadcast list');
	await expect(files.nth(1)).toContainText('This is a Livepeer stream object (GET /stream/{id})');
	await expect(files.nth(2)).toContainText('This is an empty list');
	for (let i = 0; i < 3; i++) await expect(files.nth(i).getByText(/^This is/)).toHaveCount(1);
	// Every accepted input is named on the page.
	await expect(page.getByTestId('accepted-inputs').locator('li')).toHaveCount(8);
	// The imports table stays inside its panel at 1280 px.
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(width).toBeLessThanOrEqual(1280);
	await page.screenshot({ path: 'test-results/screens/real-unrecognised.png', fullPage: true });
});

test('a Vonage v2 archive over 4 GB: its size in SI units with the exact bytes on hover, expired by the 72-hour rule', async ({
	page
}) => {
	await openApp(page);
	await page
		.getByTestId('file-input')
		.setInputFiles(
			realSample(
				'opentok',
				'vonage-dotnet-sdk__Video_Archives_GetArchives_ShouldDeserialize200-response.json'
			)
		);
	await waitForImports(page, 1);
	await page.goto('recordings/');
	const row = page.getByTestId('recordings-row').first();
	await expect(row).toContainText('7.25 GB');
	await expect(row.locator('td[title="7,247,748,791 bytes"]')).toHaveCount(1);
	await expect(row).toContainText('expired');
});

test("the cluster reference's examples: 4 nodes with environment ids and the autoscaling limits drawn", async ({
	page
}, testInfo) => {
	const doc = readFileSync(`${SHARED}/spec/sources/openvidu-cdr.txt`, 'utf8');
	const lines = [
		...doc.matchAll(/^\{\n {2}"(mediaNodeStatusChanged|autoscaling)"[\s\S]*?^\}$/gm)
	].map((m) => JSON.stringify(JSON.parse(m[0])));
	const path = testInfo.outputPath('cluster-doc-examples.jsonl');
	const { writeFileSync } = await import('node:fs');
	writeFileSync(path, `${lines.join('\n')}\n`);
	await openApp(page);
	await page.getByTestId('file-input').setInputFiles(path);
	await waitForImports(page, 1);
	await page.goto('cluster/');
	await expect(page.getByTestId('node-row')).toHaveCount(4);
	await expect(page.getByTestId('node-table')).toContainText(
		'c76535087c5767b83a211036197115d071daf897bfd951bc18f834fc535d9fa9'
	);
	await expect(page.getByTestId('node-table')).toContainText('ws://172.17.0.3:8888/kurento');
	await expect(page.locator('canvas')).toHaveCount(2);
	await page.screenshot({ path: 'test-results/screens/real-cluster.png', fullPage: true });
});

test('Guilospanck P2P dump: the table view has one row per second of the time grid, never a repeated time', async ({
	page
}) => {
	await importAndOpen(
		page,
		realSample('webrtc-internals', 'Guilospanck-webrtc-stats-analyzer__webrtc_internals_dump.txt')
	);
	await page.getByTestId('as-table').check();
	const table = page.getByTestId('quality-metrics').locator('table').first();
	// Read in the file: bytesSent of both PCs has 51 samples from 09:14:58.619 to 09:15:47.908
	// (the last one 0.7 s after its predecessor); the first rate is at 09:14:59.6, so the bitrate
	// table has the 49 seconds 09:14:59 … 09:15:47, each once.
	const times = await table.locator('tbody tr td:first-child').allInnerTexts();
	expect(times.length).toBe(49);
	expect(new Set(times).size).toBe(times.length);
	expect(times.some((t) => t.includes('09:15:22'))).toBe(true);
});
