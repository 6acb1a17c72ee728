import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCallCase, CALL_CASE_SESSION } from '../demo/call-case.js';
import { sessionKey, type SessionKey } from '../model/ids.js';
import type { RtcscopeDb } from '../storage/db.js';
import { exportBundle } from '../storage/bundle.js';
import { factRooms } from '../storage/fleet.js';
import { getDumpLink } from '../storage/quality.js';
import { corpusFiles } from '../test-support/corpus-facts.js';
import { freshDb, sharedPath } from '../test-support/helpers.js';
import { createIngestApi } from '../worker-api.js';

/**
 * The order of files must not change the figures: a dump imported before its call's CDR (in an
 * earlier job, or earlier in one drop) ends linked to the call, as when the CDR came first.
 *
 * The demo call case (demo/call-case.ts): the CDR of ses_DemoCase and Ana's and Ben's
 * webrtc-internals dumps, whose page URLs name ses_DemoCase. Read by hand in the CDR: 3 users
 * (Ana, Ben, Cleo) in one room; Ana's and Ben's browsers took dumps (2 users with stats).
 */
const CALL = sessionKey('openvidu', CALL_CASE_SESSION);

function callFiles() {
	const files = generateCallCase().files.map((f) => ({ file: new File([f.text], f.name), name: f.name }));
	const cdr = files.filter((f) => !f.name.endsWith('.json'));
	const dumps = files.filter((f) => f.name.endsWith('.json'));
	expect([cdr.length, dumps.length]).toEqual([1, 2]);
	return { cdr, dumps };
}

/** Every dump session's link (target and per-peer-connection participants), by dump key. */
async function links(db: RtcscopeDb) {
	const dumps = (await db.sessions.where('key').startsWith('webrtc:').primaryKeys()).map(String).sort();
	return Object.fromEntries(await Promise.all(dumps.map(async (k) => [k, await getDumpLink(db, k as SessionKey)] as const)));
}

/** The fleet's rooms as the views count them: key, users, users with stats. */
async function rooms(db: RtcscopeDb) {
	const all = (await db.fleetFacts.toArray()).flatMap(factRooms);
	const once = new Map(all.map((r) => [r.sessionKey, r]));
	return [...once.values()].map((r) => ({ key: r.sessionKey, users: r.participants.length, withStats: r.participants.filter((p) => p.stats).length })).sort((a, b) => a.key.localeCompare(b.key));
}

async function cdrFirst() {
	const db = freshDb();
	const api = createIngestApi({ db, locks: null });
	const { cdr, dumps } = callFiles();
	await api.importFiles('a', [...cdr, ...dumps]);
	return db;
}

describe('dumps imported before their call', () => {
	it('the CDR first: both dumps link to ses_DemoCase, one room of 3 users, 2 with stats', async () => {
		const db = await cdrFirst();
		const found = Object.values(await links(db));
		expect(found.map((l) => l.targetKey)).toEqual([CALL, CALL]);
		expect(await rooms(db)).toEqual([{ key: CALL, users: 3, withStats: 2 }]);
	});

	it('the dumps in an earlier job: linked when the CDR arrives, the same links and rooms', async () => {
		const expected = await cdrFirst();
		const db = freshDb();
		const api = createIngestApi({ db, locks: null });
		const { cdr, dumps } = callFiles();
		await api.importFiles('dumps', dumps);
		// Before the CDR: each dump is a room of its own.
		expect((await rooms(db)).map((r) => r.key.split(':')[0])).toEqual(['webrtc', 'webrtc']);
		await api.importFiles('cdr', cdr);
		expect(await links(db)).toEqual(await links(expected));
		expect(await rooms(db)).toEqual(await rooms(expected));
	});

	it('the dumps first in one drop: the same links and rooms', async () => {
		const expected = await cdrFirst();
		const db = freshDb();
		const { cdr, dumps } = callFiles();
		await createIngestApi({ db, locks: null }).importFiles('one', [...dumps, ...cdr]);
		expect(await links(db)).toEqual(await links(expected));
		expect(await rooms(db)).toEqual(await rooms(expected));
	});

	it('a dump the user unlinked stays unlinked when the CDR arrives, also through a case bundle', async () => {
		const db = freshDb();
		const api = createIngestApi({ db, locks: null });
		const { cdr, dumps } = callFiles();
		await api.importFiles('dumps', dumps);
		const [ana, ben] = Object.keys(await links(db));
		await api.linkDumpSession(ana as string, null, {});
		await api.importFiles('cdr', cdr);
		const after = await links(db);
		expect(after[ana as string]?.targetKey).toBeNull();
		expect(after[ben as string]?.targetKey).toBe(CALL);
		expect(await rooms(db)).toEqual([
			{ key: CALL, users: 3, withStats: 1 },
			{ key: ana as string, users: 1, withStats: 1 }
		]);

		// The unlinked dump's bundle, imported beside the CDR elsewhere, keeps the user's decision.
		const bundle = await exportBundle(db, { sessionKeys: [ana as SessionKey] }, 0);
		const other = freshDb();
		const otherApi = createIngestApi({ db: other, locks: null });
		await otherApi.importFiles('cdr', callFiles().cdr);
		await otherApi.importFiles('bundle', [{ file: new File([bundle.bytes], bundle.name), name: bundle.name }]);
		expect((await links(other))[ana as string]?.targetKey).toBeNull();
	});

	it('a dump reads the sessions its URL names, and their events, in one read transaction', async () => {
		// Dexie binds IDBDatabase.transaction when it opens the database: watch it from before.
		const scopes: string[] = [];
		let watching = false;
		const transaction = IDBDatabase.prototype.transaction;
		IDBDatabase.prototype.transaction = function (this: IDBDatabase, names: string | string[], mode?: IDBTransactionMode, options?: IDBTransactionOptions) {
			if (watching) scopes.push(`${mode ?? 'readonly'} ${[names].flat().sort().join('+')}`);
			return transaction.call(this, names, mode, options);
		};
		try {
			const db = freshDb();
			const api = createIngestApi({ db, locks: null });
			const { cdr, dumps } = callFiles();
			await api.importFiles('cdr', cdr);
			watching = true;
			await api.importFiles('ana', dumps.slice(0, 1));
			watching = false;
			// Up to the dump's one write: a read of imports (already imported?), and for the link
			// Ana's URL words (ses_DemoCase among others) with their sessions' event blocks in one
			// read (was one read per word, then one for the blocks). The fleet roll-up reads after.
			const beforeWrite = scopes.slice(0, scopes.findIndex((s) => s.startsWith('readwrite')));
			expect(beforeWrite).toEqual(['readonly imports', 'readonly eventBlocks+sessions']);
			expect(Object.values(await links(db)).map((l) => l.targetKey)).toEqual([CALL]);
		} finally {
			IDBDatabase.prototype.transaction = transaction;
		}
	});

	it('rows stored before the URL words were kept are left as they are', async () => {
		const db = freshDb();
		const api = createIngestApi({ db, locks: null });
		const { cdr, dumps } = callFiles();
		await api.importFiles('dumps', dumps);
		await db.qualityStreams.toCollection().modify((row) => {
			delete row.linkHints;
		});
		await api.importFiles('cdr', cdr);
		expect(Object.values(await links(db)).map((l) => l.targetKey)).toEqual([null, null]);
	});
});

describe('the real-file corpus in either order', () => {
	it('gives the same dump links and the same rooms', { timeout: 240_000 }, async () => {
		const files = corpusFiles();
		expect(files.length).toBeGreaterThan(80);
		const inputs = () => files.map((path) => ({ file: new File([readFileSync(sharedPath('data/real', path))], basename(path)), name: basename(path) }));
		const forward = freshDb();
		await createIngestApi({ db: forward, locks: null }).importFiles('forward', inputs());
		const reversed = freshDb();
		await createIngestApi({ db: reversed, locks: null }).importFiles('reversed', inputs().reverse());
		const byDump = await links(forward);
		// Read in the files (SOURCES.md): no real dump's page URL names a session of a real CDR,
		// and none began within a minute of a real CDR connection, so each of the 28 dump sessions is a
		// room of its own, beside the CDRs' and the Vonage files' rooms: 32 (as ingest.test.ts counts).
		expect(Object.keys(byDump)).toHaveLength(28);
		expect(Object.values(byDump).every((l) => l.targetKey === null)).toBe(true);
		expect(await links(reversed)).toEqual(byDump);
		expect(await rooms(forward)).toHaveLength(32);
		expect(await rooms(reversed)).toEqual(await rooms(forward));
	});
});
