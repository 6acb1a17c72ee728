import { expect, test, type Page } from '@playwright/test';
import { MOCK_FEEDS_PORT } from '../support/env';

/**
 * Live feeds against e2e/mock-feeds/server.mjs (real HTTP, SSE and Range on 127.0.0.1). Each test
 * has its own namespace on the mock, so tests in parallel never share a stream or a file.
 */
const MOCK = `http://127.0.0.1:${MOCK_FEEDS_PORT}`;

function mock(ns: string) {
	const root = `${MOCK}/t/${ns}`;
	return {
		root,
		post: async (path: string, body: unknown = {}) => {
			const res = await fetch(`${root}${path}`, { method: 'POST', body: JSON.stringify(body) });
			expect(res.ok).toBe(true);
			return res.json();
		},
		requests: async (): Promise<
			{ method: string; path: string; lastEventId: string | null; range: string | null }[]
		> => (await fetch(`${root}/__requests`)).json()
	};
}

const nsOf = (name: string) =>
	`${name}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function addFeed(
	page: Page,
	fields: {
		kind: string;
		url: string;
		stream?: string;
		secret?: string;
		interval?: string;
		remember?: boolean;
	}
) {
	await page.goto('settings/');
	await page.getByTestId('feed-kind').selectOption(fields.kind);
	await page.getByTestId('feed-url').fill(fields.url);
	if (fields.stream) await page.getByTestId('feed-stream').fill(fields.stream);
	if (fields.interval) await page.getByTestId('feed-interval').fill(fields.interval);
	if (fields.secret !== undefined) await page.getByTestId('feed-secret').fill(fields.secret);
	if (fields.remember) await page.getByTestId('feed-remember').check();
	await page.getByTestId('feed-add').click();
}

const row = (page: Page, kind: string) =>
	page.locator(`[data-testid=feed-row][data-feed-kind=${kind}]`);

test('Livepeer events: a bad key is explained; events arrive live; a dropped stream resumes without loss or duplicates; a reload resumes; removing stops every request', async ({
	page
}) => {
	const m = mock(nsOf('events'));
	await m.post('/__livepeer/push', { count: 3 });
	await m.post('/__livepeer/state', { badFrames: true });

	await addFeed(page, {
		kind: 'livepeer-events',
		url: `${m.root}/api`,
		stream: 'stream-1',
		secret: 'not-the-key'
	});
	const feed = row(page, 'livepeer-events');
	await expect(feed.getByTestId('feed-state')).toHaveText('needs key');
	await expect(feed.getByTestId('feed-message')).toContainText(
		'Livepeer refused the API key (HTTP 401)'
	);
	await expect(feed.getByTestId('feed-message')).toContainText('CORS-enabled key');
	// The key never shows up on the page.
	await expect(page.locator('body')).not.toContainText('not-the-key');

	await feed.getByTestId('feed-key').fill('good-key');
	await feed.getByTestId('feed-key-remember').check();
	await feed.getByTestId('feed-key-save').click();
	await expect(feed.getByTestId('feed-state')).toHaveText('live');
	// 3 events + the bad frames' valid id-less event; the non-JSON frame is a problem, not a crash.
	await expect(feed.getByTestId('feed-stored')).toHaveText('4');
	await expect(feed.getByTestId('feed-problems')).toHaveText('1');
	await m.post('/__livepeer/state', { badFrames: false });

	await page.goto('health/?stream=stream-1');
	await expect(page.getByTestId('health-global')).toContainText('4 events stored');
	await m.post('/__livepeer/push', { count: 2 });
	await expect(page.getByTestId('health-global')).toContainText('6 events stored');
	await expect(page.getByTestId('ingest-rate').locator('.chart')).toBeVisible();

	// Forced disconnect: two events are published while the client is away.
	await m.post('/__livepeer/drop');
	await m.post('/__livepeer/push', { count: 2 });
	await expect(page.getByTestId('health-global')).toContainText('8 events stored');
	const resumed = (await m.requests()).filter((r) => r.path.includes('/events'));
	expect(resumed.at(-1)?.lastEventId).toBe('evt-0005');

	// A fatal transcode error is highlighted with the document's advice.
	await m.post('/__livepeer/push', {
		extra: {
			success: false,
			attempts: [
				{
					orchestrator: {
						transcodeUri: 'https://ewr-prod-livepeer-orchestrator-0.livepeer.com:443'
					},
					latencyMs: 0,
					error: 'Unsupported input pixel format'
				}
			]
		}
	});
	const fatal = page.getByTestId('health-log').locator('tr.fatal');
	await expect(fatal).toContainText(
		'Transcode error from ewr-prod-livepeer-orchestrator-0 for segment 8: Unsupported input pixel format'
	);
	await expect(fatal).toContainText('OBS');
	await page.screenshot({ path: 'test-results/stream-health.png', fullPage: true });

	// Reload: the remembered key lets the feed resume after the last stored event.
	await page.reload();
	await expect(page.getByTestId('health-feed')).toContainText('live');
	await m.post('/__livepeer/push', { count: 1 });
	await expect(page.getByTestId('health-global')).toContainText('10 events stored');
	const afterReload = (await m.requests()).filter((r) => r.path.includes('/events')).at(-1);
	expect(afterReload?.lastEventId).toBe('evt-0008');
	expect(afterReload?.path).toContain('from=');

	await page.goto('settings/');
	// Received from the server = stored: nothing was sent twice, nothing stored twice.
	await expect(feed.getByTestId('feed-received')).toHaveText('10');
	await expect(feed.getByTestId('feed-stored')).toHaveText('10');
	await feed.getByTestId('feed-remove').click();
	await expect(feed).toHaveCount(0);
	await page.waitForTimeout(500);
	const before = (await m.requests()).length;
	await m.post('/__livepeer/push', { count: 1 });
	await page.waitForTimeout(2_500);
	expect((await m.requests()).length).toBe(before);
});

test('Livepeer health polling: global state with its rule, check cards, and bad answers explained', async ({
	page
}) => {
	const m = mock(nsOf('health'));
	await addFeed(page, {
		kind: 'livepeer-health',
		url: `${m.root}/api`,
		stream: 'stream-h',
		secret: 'good-key',
		interval: '1',
		remember: true
	});
	await expect(row(page, 'livepeer-health').getByTestId('feed-state')).toHaveText('live');

	await page.goto('health/?stream=stream-h');
	await expect(page.getByTestId('health-state')).toHaveText('Healthy');
	await expect(page.getByTestId('health-global')).toContainText(
		'Healthy when the stream is Active and transcoding in real time'
	);
	await expect(page.getByTestId('check-TranscodeRealTime').getByTestId('check-status')).toHaveText(
		'Healthy'
	);
	await expect(page.getByTestId('check-Multistreaming').getByTestId('check-status')).toHaveText(
		'—'
	);

	await m.post('/__livepeer/state', { healthy: false });
	await expect(page.getByTestId('health-state')).toHaveText('Unhealthy');
	await expect(page.getByTestId('check-TranscodeRealTime')).toContainText('restart the stream');
	await page.screenshot({ path: 'test-results/stream-health-unhealthy.png', fullPage: true });

	await m.post('/__livepeer/state', { mode: 'html' });
	await page.goto('settings/');
	await expect(row(page, 'livepeer-health').getByTestId('feed-message')).toContainText(
		'answered with a web page'
	);
	await m.post('/__livepeer/state', { mode: '500' });
	await expect(row(page, 'livepeer-health').getByTestId('feed-message')).toContainText('HTTP 500');
	await expect(row(page, 'livepeer-health').getByTestId('feed-state')).toHaveText('retrying');
});

test('OpenVidu REST: live sessions become inspector sessions; a server without CORS gets the proxy explanation', async ({
	page
}) => {
	const m = mock(nsOf('ov'));
	const now = Date.now();
	const connection = (id: string, at: number, publishers: unknown[], subscribers: unknown[]) => ({
		id,
		connectionId: id,
		object: 'connection',
		status: 'active',
		createdAt: at - 200,
		activeAt: at,
		location: 'Madrid, Spain',
		platform: 'Chrome 131.0.0.0 on Linux 64-bit',
		clientData: `{"name":"${id}"}`,
		serverData: '',
		publishers,
		subscribers
	});
	const a = connection(
		'con_A',
		now - 50_000,
		[
			{
				streamId: 'str_CAM_A',
				createdAt: now - 49_000,
				mediaOptions: {
					hasAudio: true,
					hasVideo: true,
					typeOfVideo: 'CAMERA',
					frameRate: 30,
					videoDimensions: '{"width":640,"height":480}'
				}
			}
		],
		[]
	);
	const b = connection(
		'con_B',
		now - 40_000,
		[],
		[{ streamId: 'str_CAM_A', createdAt: now - 39_000 }]
	);
	const session = (connections: unknown[]) => ({
		id: 'ses_LIVE',
		sessionId: 'ses_LIVE',
		object: 'session',
		createdAt: now - 60_000,
		connections: { numberOfElements: connections.length, content: connections }
	});
	await m.post('/__openvidu/state', { sessions: [session([a, b])] });

	await addFeed(page, { kind: 'openvidu-rest', url: m.root, secret: 'MY_SECRET', interval: '1' });
	const feed = row(page, 'openvidu-rest').first();
	await expect(feed.getByTestId('feed-state')).toHaveText('live');
	await expect(feed.getByTestId('feed-message')).toContainText('1 open session');

	// In-app navigation keeps the worker, and with it the secret held in memory only.
	await page.getByRole('link', { name: 'Sessions', exact: true }).click();
	await page.getByRole('link', { name: 'ses_LIVE' }).click();
	await expect(page.getByTestId('stat-users')).toHaveText('2');
	await m.post('/__openvidu/state', { sessions: [session([a])] });
	await expect(page.getByTestId('event-log')).toContainText('participantLeft');
	// Real-time's live source: what is open at the last poll (an open room has no end event yet).
	await page.getByRole('link', { name: 'Real-time', exact: true }).click();
	await expect(page.getByTestId('live-rooms')).toHaveText('1');
	await expect(page.getByTestId('live-users')).toHaveText('1');
	await expect(page.getByTestId('live-now')).toContainText('ses_LIVE');
	// The feed's events reach the fleet roll-ups too (refreshed at once for a first write).
	await expect(page.getByTestId('dashboard')).toBeVisible();
	await expect(page.getByTestId('fleet-empty')).toHaveCount(0);
	await expect(page.getByTestId('window-label')).toContainText('following the wall clock');
	await page.screenshot({ path: 'test-results/realtime-live-now.png', fullPage: true });

	await page.getByRole('link', { name: 'Settings', exact: true }).click();
	await expect(feed.getByTestId('feed-state')).toHaveText('live');
	await page.getByTestId('feed-kind').selectOption('openvidu-rest');
	await page.getByTestId('feed-url').fill(`${m.root}/nocors`);
	await page.getByTestId('feed-interval').fill('1');
	await page.getByTestId('feed-secret').fill('MY_SECRET');
	await page.getByTestId('feed-add').click();
	await expect(page.getByTestId('feed-message').filter({ hasText: 'reverse proxy' })).toBeVisible();
	await page.screenshot({ path: 'test-results/feeds-settings.png', fullPage: true });
	await m.post('/__openvidu/state', { mode: 'html' });
	await expect(feed.getByTestId('feed-message')).toContainText('login page');
});

test('CDR over HTTP: tails with Range; a rotated file starts over without adding events twice', async ({
	page
}) => {
	const m = mock(nsOf('cdr'));
	const t = Date.UTC(2026, 10, 20, 10, 0, 0);
	const joined = (p: string, at: number) =>
		JSON.stringify({
			participantJoined: {
				sessionId: 'ses_TAIL',
				participantId: p,
				timestamp: at,
				location: 'Berlin',
				platform: 'Firefox 130 on Windows',
				clientData: '',
				serverData: ''
			}
		});
	await m.post('/__cdr/replace', {
		text: `${JSON.stringify({ sessionCreated: { sessionId: 'ses_TAIL', timestamp: t } })}\n${joined('con_1', t + 1_000)}\n`
	});
	await addFeed(page, { kind: 'cdr-http', url: `${m.root}/cdr.log`, interval: '1' });
	const feed = row(page, 'cdr-http');
	await expect(feed.getByTestId('feed-stored')).toHaveText('2');

	await m.post('/__cdr/append', {
		text: `${joined('con_2', t + 2_000)}\n{"participantJoined": {"sessionId": "ses_TAIL", "partic`
	});
	await expect(feed.getByTestId('feed-stored')).toHaveText('3');
	const ranges = (await m.requests()).map((r) => r.range).filter(Boolean);
	expect(ranges[0]).toMatch(/^bytes=\d+-$/);

	// Rotation: the file is replaced by a shorter one that repeats a line and adds a session.
	await m.post('/__cdr/replace', {
		text: `${joined('con_1', t + 1_000)}\n${JSON.stringify({ sessionCreated: { sessionId: 'ses_NEXT', timestamp: t + 5_000 } })}\n`
	});
	await expect(feed.getByTestId('feed-message')).toContainText('lines) read');
	await page.goto('sessions/');
	await expect(page.getByTestId('session-row').filter({ hasText: 'ses_NEXT' })).toBeVisible();
	await page.goto('inspect/?session=openvidu%3Ases_TAIL');
	await expect(page.getByTestId('stat-connections')).toHaveText('2');
	await expect(page.getByTestId('event-count')).toContainText('of 3 events');
});
