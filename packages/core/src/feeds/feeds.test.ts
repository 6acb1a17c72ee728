import { afterEach, describe, expect, it, vi } from 'vitest';
import { freshDb } from '../test-support/helpers.js';
import { feedFetch } from './http.js';
import { FeedManager, validateSettings } from './manager.js';

const until = async (check: () => Promise<boolean>, ms = 3_000) => {
	const end = Date.now() + ms;
	while (Date.now() < end) {
		if (await check()) return;
		await new Promise((r) => setTimeout(r, 20));
	}
	throw new Error('condition not met in time');
};

afterEach(() => vi.unstubAllGlobals());

describe('feed settings', () => {
	it('refuses URLs that are not http(s), credentials in URLs, and Livepeer feeds without a stream id', () => {
		expect(() => validateSettings({ kind: 'cdr-http', url: 'javascript:alert(1)' })).toThrow(
			'Only http:// and https://'
		);
		expect(() =>
			validateSettings({ kind: 'openvidu-rest', url: 'https://OPENVIDUAPP:secret@ov.example.com' })
		).toThrow('not in the URL');
		expect(() =>
			validateSettings({ kind: 'livepeer-health', url: 'https://livepeer.studio/api' })
		).toThrow('stream id');
		expect(() =>
			validateSettings({ kind: 'openvidu-rest', url: 'https://ov.example.com', intervalMs: 100 })
		).toThrow('at most once a second');
		expect(
			validateSettings({
				kind: 'livepeer-health',
				url: 'https://livepeer.studio/api/',
				streamId: 'abc'
			})
		).toMatchObject({ url: 'https://livepeer.studio/api', intervalMs: 10_000 });
	});
});

describe('feed requests', () => {
	it('a server that never answers is a timeout; a refused request explains CORS for the kind', async () => {
		vi.stubGlobal(
			'fetch',
			(_url: string, init: RequestInit) =>
				new Promise((_, reject) =>
					init.signal?.addEventListener('abort', () =>
						reject(new DOMException('aborted', 'AbortError'))
					)
				)
		);
		await expect(
			feedFetch(
				'livepeer-health',
				'https://livepeer.studio/api/x',
				{},
				50,
				new AbortController().signal
			)
		).rejects.toThrow('did not answer within 0 s');
		vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
		await expect(
			feedFetch(
				'openvidu-rest',
				'https://ov.example.com/openvidu/api/sessions',
				{},
				1_000,
				new AbortController().signal
			)
		).rejects.toThrow('reverse proxy');
	});

	it('a login page, a refused key and removal: shown on the status, the worker never throws, removal stops requests', async () => {
		let calls = 0;
		let answer: () => Response = () =>
			new Response('<!doctype html><html><body>Sign in</body></html>', {
				status: 200,
				headers: { 'content-type': 'text/html' }
			});
		vi.stubGlobal('fetch', async () => {
			calls++;
			return answer();
		});
		const db = freshDb();
		const feeds = new FeedManager(db);
		const row = await feeds.add({
			kind: 'livepeer-health',
			url: 'https://livepeer.example/api',
			streamId: 's1',
			secret: 'k',
			intervalMs: 1_000
		});
		await until(async () => (await db.feeds.get(row.id))?.status.state === 'retrying');
		expect((await db.feeds.get(row.id))?.status.message).toContain('answered with a web page');
		// Nothing about the secret is stored without the opt-in.
		expect(await db.feedSecrets.count()).toBe(0);
		expect(JSON.stringify(await db.feeds.get(row.id))).not.toContain('"k"');

		answer = () => new Response('{"errors":["invalid"]}', { status: 401 });
		await feeds.setSecret(row.id, 'k2', true);
		await until(async () => (await db.feeds.get(row.id))?.status.state === 'needs-key');
		expect((await db.feedSecrets.get(row.id))?.secret).toBe('k2');

		answer = () =>
			new Response(
				JSON.stringify({
					id: 's1',
					conditions: [{ type: 'Active', status: true, lastProbeTime: 5 }]
				}),
				{ status: 200 }
			);
		await feeds.resume(row.id);
		await until(async () => (await db.feeds.get(row.id))?.status.state === 'live');
		await feeds.remove(row.id);
		const after = calls;
		await new Promise((r) => setTimeout(r, 1_300));
		expect(calls).toBe(after);
		expect(await db.feedSecrets.count()).toBe(0);
		expect(await db.healthSnapshots.count()).toBe(1);
	});

	it('a new events feed starts from the newest stored event of its stream, and stores what arrives once', async () => {
		const urls: string[] = [];
		const sse =
			'retry: 50\n\nid: e2\nevent: lp_event\ndata: {"type":"stream_state","id":"e2","timestamp":6000,"streamId":"s1","state":{"active":true}}\n\n';
		vi.stubGlobal('fetch', async (url: string | URL) => {
			urls.push(String(url));
			return new Response(sse, { status: 200, headers: { 'content-type': 'text/event-stream' } });
		});
		const db = freshDb();
		await db.livepeerEvents.put({
			id: 'e1',
			streamId: 's1',
			type: 'transcode',
			timestamp: 5_000,
			importId: 'file',
			line: 3,
			data: {}
		});
		const feeds = new FeedManager(db);
		const row = await feeds.add({
			kind: 'livepeer-events',
			url: 'https://livepeer.example/api',
			streamId: 's1',
			secret: 'k'
		});
		await until(async () => (await db.livepeerEvents.count()) === 2);
		expect(urls[0]).toBe('https://livepeer.example/api/data/stream/s1/events?from=4999');
		// The body ended: the client reconnects with Last-Event-ID and the same event is not stored twice.
		await until(async () => urls.length >= 3);
		await until(async () => (await db.feeds.get(row.id))?.cursor.lastEventId === 'e2');
		expect(await db.livepeerEvents.count()).toBe(2);
		await feeds.remove(row.id);
	});
});
