import { describe, expect, it } from 'vitest';
import { importFile } from '../import/pipeline.js';
import type { ImportId } from '../model/ids.js';
import { freshDb, storeAtVersion, readShared } from '../test-support/helpers.js';
import { RtcscopeDb } from './db.js';
import { storeOverview } from './queries.js';
import { storedSessionCount } from './store-counts.js';
import { commitWindow, deleteEverything, deleteImport } from './writer.js';

const DOCS = 'data/real/openvidu-cdr/extracted/openvidu.io-docs__cdr-doc-examples-2018-2022.jsonl';
const DUMP = 'data/real/webrtc-internals/Guilospanck-webrtc-stats-analyzer__webrtc_internals_dump.txt';

/** The count row must always equal what walking the table counts. */
async function expectCountTrue(db: RtcscopeDb, expected: number): Promise<void> {
	expect(await db.sessions.count()).toBe(expected);
	expect(await storedSessionCount(db)).toBe(expected);
	expect((await storeOverview(db)).sessions).toBe(expected);
}

describe('the stored session count (storage/store-counts.ts)', () => {
	it('follows imports, a re-import, a session in two files, removals and "delete everything"', async () => {
		const db = freshDb();
		await expectCountTrue(db, 0);
		// By hand: the docs CDR holds 4 sessions (session-status.test.ts), the dump 1 of its own.
		const docs = await importFile({ file: new File([readShared(DOCS)], 'docs.jsonl'), name: 'docs.jsonl' }, { db });
		await expectCountTrue(db, 4);
		expect((await importFile({ file: new File([readShared(DOCS)], 'again.jsonl'), name: 'again.jsonl' }, { db })).kind).toBe('duplicate');
		await expectCountTrue(db, 4);
		const dump = await importFile({ file: new File([readShared(DUMP)], 'd.txt'), name: 'd.txt' }, { db });
		await expectCountTrue(db, 5);
		// The docs' first line again, in a file of its own: its session is in two imports now.
		const firstLine = `${readShared(DOCS).split('\n')[0]}\n`;
		const part = await importFile({ file: new File([firstLine], 'one.jsonl'), name: 'one.jsonl' }, { db });
		expect(part.kind).toBe('done');
		await expectCountTrue(db, 5);
		await deleteImport(db, docs.importId as ImportId);
		await expectCountTrue(db, 2);
		await deleteImport(db, part.importId as ImportId);
		await expectCountTrue(db, 1);
		await deleteImport(db, dump.importId as ImportId);
		await expectCountTrue(db, 0);
		await importFile({ file: new File([readShared(DUMP)], 'd.txt'), name: 'd.txt' }, { db });
		await expectCountTrue(db, 1);
		await deleteEverything(db);
		await expectCountTrue(db, 0);
		db.close();
	});

	it('does not count a row another writer created between the lookup and the add (merged, not added)', async () => {
		const db = freshDb();
		await importFile({ file: new File([readShared(DUMP)], 'd.txt'), name: 'd.txt' }, { db });
		const [stored] = await db.sessions.toArray();
		if (!stored) throw new Error('no session');
		// The commit's lookup answers "not stored", as it would have just before another tab's add.
		const where = db.sessions.where.bind(db.sessions);
		db.sessions.where = ((index: string) => (index === ':id' ? { anyOf: () => ({ primaryKeys: () => Promise.resolve([]) }) } : where(index))) as never;
		await commitWindow(db, { importId: 'other' as ImportId, seq: 0, blocks: [], sessions: [{ ...stored, importIds: ['other' as ImportId] }], patch: {} }, 1);
		db.sessions.where = where;
		await expectCountTrue(db, 1);
		expect((await db.sessions.get(stored.key))?.importIds.sort()).toEqual([...stored.importIds, 'other'].sort());
		db.close();
	});

	it('is counted by the upgrade for a store from before version 9', async () => {
		const db = freshDb();
		await importFile({ file: new File([readShared(DOCS)], 'docs.jsonl'), name: 'docs.jsonl' }, { db });
		const rows = await db.sessions.toArray();
		db.close();
		const { name, old } = storeAtVersion(8);
		await old.table('sessions').bulkPut(rows);
		old.close();
		const upgraded = new RtcscopeDb(name);
		await expectCountTrue(upgraded, 4);
		upgraded.close();
	});
});
