import { describe, expect, it } from 'vitest';
import { generateFleet, type FleetFile } from '../demo/fleet.js';
import { memoryImportLocks } from '../import/locks.js';
import type { ImportInput } from '../import/pipeline.js';
import type { RtcscopeDb } from '../storage/db.js';
import { deleteImport } from '../storage/writer.js';
import { freshDb } from '../test-support/helpers.js';
import { createIngestApi } from '../worker-api.js';
import { refreshAllFleet } from './refresh.js';
import { refreshRooms } from './refresh-rooms.js';

/**
 * A job of dumps only rebuilds the rooms it touched (refresh-rooms.ts); a full rebuild of every
 * day (refresh.ts refreshAllFleet) is the truth it must equal, byte for byte: the same roll-ups
 * and the same facts, rooms in the same order.
 */

/** Ten days of both demo apps, one participant in three with a dump. */
const FLEET = [...generateFleet({ days: 10, sessionsPerDay: 8, dumpEvery: 3 })];
const CDR = FLEET.filter((f) => !f.name.startsWith('fleet-dumps/'));
const DUMPS = FLEET.filter((f) => f.name.startsWith('fleet-dumps/'));

const input = (f: FleetFile): ImportInput => ({ file: new Blob([f.text]), name: f.name, app: f.app, demo: true });

/** Every fleet row, in key order: what the fleet views read. */
async function fleetRows(db: RtcscopeDb): Promise<{ days: string[]; facts: string[] }> {
	const days = (await db.fleetDays.toArray()).map((r) => `${r.app} ${r.day} ${JSON.stringify(r.rollup)}`);
	const facts = (await db.fleetFacts.toArray()).map((r) => `${r.app} ${r.day} ${r.roomsJson}`);
	return { days, facts };
}

/** The rows a full rebuild of every day stores over the same data. */
async function rebuilt(db: RtcscopeDb): Promise<{ days: string[]; facts: string[] }> {
	await db.fleetDays.clear();
	await db.fleetFacts.clear();
	await refreshAllFleet(db);
	return fleetRows(db);
}

/** The first CDR file of one app: the other app's dumps and the later days' have no call. */
function firstWeekOfOneApp(): FleetFile[] {
	const first = CDR.find((f) => f.app === CDR[0]?.app);
	if (!first) throw new Error('the demo fleet has no CDR');
	return [first];
}

async function importJobs(db: RtcscopeDb, ...jobs: FleetFile[][]): Promise<void> {
	const api = createIngestApi({ db, locks: memoryImportLocks() });
	for (const [i, files] of jobs.entries()) {
		const outcomes = await api.importFiles(`job-${i}`, files.map(input));
		expect(outcomes.map((o) => o.kind)).toEqual(files.map(() => 'done'));
	}
}

describe('fleet roll-ups after a job of dumps only', { timeout: 60_000 }, () => {
	it('equal a full rebuild when every dump joins its call (their stats attached to the participants)', async () => {
		expect(DUMPS.length).toBeGreaterThan(50);
		const db = freshDb();
		await importJobs(db, CDR);
		const before = await fleetRows(db);
		await importJobs(db, DUMPS);
		const after = await fleetRows(db);
		// Not vacuous: the dumps changed the facts and the quality roll-ups of many days.
		expect(after.facts.filter((f, i) => f !== before.facts[i]).length).toBeGreaterThan(10);
		expect(after.days.filter((d, i) => d !== before.days[i]).length).toBeGreaterThan(10);
		expect(after).toEqual(await rebuilt(db));
	});

	it('equal a full rebuild when dumps without their call become rooms of their own beside the calls', async () => {
		const db = freshDb();
		await importJobs(db, firstWeekOfOneApp(), DUMPS);
		const rows = await fleetRows(db);
		const own = rows.facts.filter((f) => f.includes('"sessionKey":"webrtc:')).length;
		const calls = rows.facts.filter((f) => f.includes('"sessionKey":"openvidu:')).length;
		expect(own).toBeGreaterThan(5);
		expect(calls).toBeGreaterThan(0);
		expect(rows).toEqual(await rebuilt(db));
	});

	it('take out the rooms of dumps that are gone, and each gone dump from its call', async () => {
		const db = freshDb();
		await importJobs(db, firstWeekOfOneApp(), DUMPS.slice(0, 10), DUMPS.slice(10));
		const dumps = (await db.sessions.toArray()).filter((s) => s.provider === 'webrtc');
		const streams = await db.qualityStreams.where('sessionKey').anyOf(dumps.map((d) => d.key)).toArray();
		const linked = new Set(streams.filter((r) => r.linkedSessionKey).map((r) => r.sessionKey as string));
		// Five dumps counted in their call and five counted as rooms of their own.
		const gone = [...dumps.filter((d) => linked.has(d.key)).slice(0, 5), ...dumps.filter((d) => !linked.has(d.key)).slice(0, 5)];
		expect(gone.length).toBe(10);
		// Their calls' keys are read before the dumps go: refreshRooms then finds them no more.
		const calls = [...new Set(streams.filter((r) => gone.some((d) => d.key === r.sessionKey)).map((r) => r.linkedSessionKey).filter((k) => !!k))] as string[];
		expect(calls.length).toBeGreaterThan(0);
		const before = await fleetRows(db);
		for (const id of new Set(gone.flatMap((d) => d.importIds))) await deleteImport(db, id);
		const span = { from: Math.min(...gone.map((d) => d.firstAt)), to: Math.max(...gone.map((d) => d.lastAt)) };
		await refreshRooms(db, [...gone.map((d) => d.key), ...calls], span);
		const after = await fleetRows(db);
		for (const d of gone) expect(after.facts.some((f) => f.includes(`"sessionKey":"${d.key}"`))).toBe(false);
		expect(after.facts).not.toEqual(before.facts);
		expect(after).toEqual(await rebuilt(db));
	});
});
