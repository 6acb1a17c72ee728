import { describe, expect, it } from 'vitest';
import { caseId, MAX_CASES } from '../model/cases.js';
import { freshDb } from '../test-support/helpers.js';
import { caseTags, deleteCases, listCases, saveCase } from './cases.js';

describe('saved sessions (cases)', () => {
	it('needs a name, takes at most three tags, and edits on a second save', async () => {
		const db = freshDb();
		await expect(saveCase(db, { sessionKey: 'openvidu:a', meeting: null, name: '  ', tags: [] })).rejects.toThrow('needs a name');
		await expect(saveCase(db, { sessionKey: 'openvidu:a', meeting: null, name: 'x', tags: ['a', 'b', 'c', 'd'] })).rejects.toThrow('At most 3 tags');
		const first = await saveCase(db, { sessionKey: 'openvidu:a', meeting: null, name: 'First', tags: ['net', 'net', ' vip '] }, 1_000);
		expect(first.tags).toEqual(['net', 'vip']);
		const edited = await saveCase(db, { sessionKey: 'openvidu:a', meeting: null, name: 'Renamed', tags: ['net'] }, 2_000);
		expect(edited).toMatchObject({ id: first.id, name: 'Renamed', savedAt: 1_000, updatedAt: 2_000 });
		await saveCase(db, { sessionKey: 'openvidu:a', meeting: 2, name: 'Meeting 2', tags: ['vip'] });
		expect((await listCases(db)).length).toBe(2);
		expect((await listCases(db, ['vip'])).map((c) => c.name)).toEqual(['Meeting 2']);
		expect(await caseTags(db)).toEqual([
			{ tag: 'net', count: 1 },
			{ tag: 'vip', count: 1 }
		]);
		await deleteCases(db, [first.id]);
		expect((await listCases(db)).map((c) => c.name)).toEqual(['Meeting 2']);
	});

	it('refuses the 1,001st with a clear message', async () => {
		const db = freshDb();
		await db.cases.bulkPut(
			Array.from({ length: MAX_CASES }, (_, i) => ({ id: caseId(`openvidu:s${i}`, null), sessionKey: `openvidu:s${i}`, meeting: null, name: `c${i}`, tags: [], notes: '', savedAt: i, updatedAt: i }))
		);
		await expect(saveCase(db, { sessionKey: 'openvidu:new', meeting: null, name: 'one more', tags: [] })).rejects.toThrow('1,000 saved sessions, the limit');
		// Editing an existing one is still allowed.
		await expect(saveCase(db, { sessionKey: 'openvidu:s1', meeting: null, name: 'edited', tags: [] })).resolves.toMatchObject({ name: 'edited' });
	});
});
