import { describe, expect, it } from 'vitest';
import type { ImportId, SessionKey } from '../model/ids.js';
import { emptyCounts } from '../model/imports.js';
import type { SessionRow } from '../model/rows.js';
import { freshDb } from '../test-support/helpers.js';
import { commitWindow } from './writer.js';

const row = (participants: string[], firstAt: number, importId: string): SessionRow => ({
	key: 'openvidu:s' as SessionKey,
	provider: 'openvidu',
	sessionId: 's',
	firstAt,
	lastAt: firstAt + 1000,
	durationMs: 1000,
	participantIds: participants,
	participantCount: participants.length,
	clientData: [],
	importIds: [importId as ImportId],
	blockRefs: [`${importId}|0|0`],
	issueKeys: [],
	recordingIds: []
});

describe('commitWindow', () => {
	it('merges a row it believed new when another writer created it meanwhile', async () => {
		const db = freshDb();
		for (const id of ['a', 'b']) {
			await db.imports.put({
				id: id as ImportId,
				name: id,
				format: null,
				bytes: 0,
				gzip: false,
				demo: false,
				status: 'running',
				startedAt: 0,
				finishedAt: null,
				heartbeatAt: 0,
				counts: emptyCounts(),
				problems: [],
				problemsOmitted: 0,
				committedWindow: -1
			});
		}
		await commitWindow(
			db,
			{
				importId: 'a' as ImportId,
				seq: 0,
				blocks: [],
				sessions: [row(['p1'], 5_000, 'a')],
				patch: {}
			},
			1
		);
		// Import b has not written the session itself: the commit asks the store, finds a's row, merges.
		await commitWindow(
			db,
			{
				importId: 'b' as ImportId,
				seq: 0,
				blocks: [],
				sessions: [row(['p2'], 1_000, 'b')],
				patch: {}
			},
			2
		);
		const stored = await db.sessions.get('openvidu:s');
		expect(stored).toMatchObject({
			participantIds: ['p1', 'p2'],
			participantCount: 2,
			firstAt: 1_000,
			lastAt: 6_000,
			importIds: ['a', 'b']
		});
		expect(stored?.blockRefs.sort()).toEqual(['a|0|0', 'b|0|0']);
		expect((await db.imports.get('b'))?.committedWindow).toBe(0);
	});
});
