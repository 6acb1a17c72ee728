import { describe, expect, it } from 'vitest';
import { diffSessions } from '../formats/openvidu-rest/diff.js';

const T0 = 1_700_000_000_000;

const pub = (streamId: string, createdAt: number) => ({
	streamId,
	createdAt,
	mediaOptions: {
		hasAudio: true,
		hasVideo: true,
		typeOfVideo: 'CAMERA',
		frameRate: 30,
		videoDimensions: '{"width":640,"height":480}'
	}
});
const conn = (
	id: string,
	activeAt: number,
	publishers: unknown[] = [],
	subscribers: unknown[] = [],
	status = 'active'
) => ({
	id,
	connectionId: id,
	object: 'connection',
	status,
	createdAt: activeAt - 100,
	activeAt,
	location: 'Madrid, Spain',
	platform: 'Chrome 120.0 on Linux 64-bit',
	clientData: '{"user":"a"}',
	serverData: '',
	publishers,
	subscribers
});
const body = (connections: unknown[]) => ({
	numberOfElements: 1,
	content: [
		{
			id: 'ses_A',
			sessionId: 'ses_A',
			object: 'session',
			createdAt: T0 + 1_000,
			connections: { numberOfElements: connections.length, content: connections }
		}
	]
});

describe("live now, from the feeds' last polls", () => {
	it('counts open rooms, connected users and streams of enabled OpenVidu REST feeds', async () => {
		const { liveNow } = await import('../analysis/live-now.js');
		const { initialStatus } = await import('../model/feeds.js');
		const polled = diffSessions(
			{},
			body([
				conn('con_1', 2_000, [pub('str_1', 2_500)]),
				conn('con_2', 3_000, [], [{ streamId: 'str_1', createdAt: 3_500 }])
			]),
			10_000
		);
		const feed = (id: string, enabled: boolean, app?: string) => ({
			id,
			settings: {
				kind: 'openvidu-rest' as const,
				label: id,
				url: 'https://ov.example',
				intervalMs: 5_000,
				...(app ? { app } : {})
			},
			enabled,
			remember: false,
			importId: `feed-${id}`,
			createdAt: 0,
			status: { ...initialStatus(), state: 'live' as const, lastOkAt: 10_000 },
			cursor: { snapshot: polled.snapshot }
		});
		const now = liveNow(
			[feed('a', true), feed('b', false), feed('c', true, 'classroom')],
			'default'
		);
		expect(now).toMatchObject({ rooms: 1, users: 2, publishers: 1, subscribers: 1 });
		expect(now.sessions).toEqual([
			{ sessionId: 'ses_A', users: 2, publishers: 1, since: T0 + 1_000, feed: 'a' }
		]);
		expect(liveNow([feed('a', true), feed('c', true, 'classroom')]).rooms).toBe(2);
	});
});

describe('feed writes', () => {
	it('a window of feed events and the feed cursor after it are stored together', async () => {
		const { freshDb } = await import('../test-support/helpers.js');
		const { CdrAppender } = await import('./cdr-append.js');
		const { initialStatus } = await import('../model/feeds.js');
		const db = freshDb();
		await db.feeds.put({
			id: 'f1',
			settings: {
				kind: 'openvidu-rest',
				label: 'ov',
				url: 'https://ov.example',
				intervalMs: 5_000
			},
			enabled: true,
			remember: false,
			importId: 'feed-f1',
			createdAt: 0,
			status: initialStatus(),
			cursor: {}
		});
		const { feedImportRecord } = await import('./import-record.js');
		const feed = await db.feeds.get('f1');
		const appender = new CdrAppender(db, 'feed-f1' as never, (now) =>
			feedImportRecord(feed!, 'openvidu-cdr', now)
		);
		// Times in 2023 (T0): the CDR reader skips events outside 2000–2100 (util/epoch.ts).
		const first = diffSessions({}, body([conn('con_1', T0 + 2_000, [pub('str_1', T0 + 2_500)])]), T0 + 10_000);
		const lines = first.events.map((e, i) => ({ text: JSON.stringify(e), lineNo: i + 1 }));
		const result = await appender.append(lines, 0, T0 + 10_000, {
			feedId: 'f1',
			cursor: { snapshot: first.snapshot, lineNo: 3, nextSeq: 1 }
		});
		expect(result.records).toBe(3);
		expect((await db.feeds.get('f1'))?.cursor).toEqual({
			snapshot: first.snapshot,
			lineNo: 3,
			nextSeq: 1
		});
		expect(await db.sessions.get('openvidu:ses_A')).toMatchObject({ participantCount: 1 });
		expect(await db.imports.get('feed-f1')).toMatchObject({
			name: 'Feed: ov',
			status: 'done',
			committedWindow: 0
		});
	});
});
