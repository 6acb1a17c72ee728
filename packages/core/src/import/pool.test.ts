import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { generateFleet } from '../demo/fleet.js';
import type { RtcscopeDb } from '../storage/db.js';
import { ChunkedBlob, freshDb } from '../test-support/helpers.js';

/** A file read `chunkSize` bytes per timer turn (a slow disk): other lanes' work runs in between. */
class SlowBlob extends ChunkedBlob {
	override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
		const reader = super.stream().getReader();
		return new ReadableStream<Uint8Array<ArrayBuffer>>({
			async pull(controller) {
				await new Promise((r) => setTimeout(r, 1));
				const { done, value } = await reader.read();
				if (done) controller.close();
				else controller.enqueue(value);
			}
		});
	}
}
import { createIngestApi } from '../worker-api.js';
import { createImportLane, type ImportLane } from './lane.js';
import { memoryImportLocks } from './locks.js';
import type { ImportInput } from './pipeline.js';
import { runPool } from './pool.js';
import { JobSiblings } from './siblings.js';

/** Lets every pending promise callback run. */
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('JobSiblings: the order a pooled job keeps', () => {
	it('runs files of one class at once, and a dump only after the session files before it', async () => {
		const job = new JobSiblings();
		const passed: number[] = [];
		const order = (index: number, cls: 'dump' | 'store') => void job.forFile(index).ordered(cls).then(() => passed.push(index));
		order(0, 'store');
		order(1, 'store');
		order(2, 'dump');
		order(3, 'dump');
		await settle();
		// Two CDR files write together; the dumps wait for both (they link to their sessions).
		expect(passed).toEqual([0, 1]);
		job.finished(0);
		await settle();
		expect(passed).toEqual([0, 1]);
		job.finished(1);
		await settle();
		expect(passed).toEqual([0, 1, 2, 3]);
	});

	it('waits for an earlier file whose format is not known yet, not for one that ended', async () => {
		const job = new JobSiblings();
		const passed: number[] = [];
		void job.forFile(1).ordered('dump').then(() => passed.push(1));
		await settle();
		expect(passed).toEqual([]);
		// File 0 was refused (no format): it ended without a class.
		job.finished(0);
		await settle();
		expect(passed).toEqual([1]);
	});

	it('makes a twin wait for its claim, without holding up the files after it', async () => {
		const job = new JobSiblings();
		const events: string[] = [];
		await job.forFile(0).claim('A');
		void job.forFile(1).claim('A').then(() => events.push('1 claimed A'));
		void job.forFile(2).ordered('dump').then(() => events.push('2 may write'));
		await settle();
		// File 0 has not said its class: file 2 waits for it; the queued twin does not hold it up.
		expect(events).toEqual([]);
		void job.forFile(0).ordered('dump').then(() => events.push('0 may write'));
		await settle();
		expect(events.slice().sort()).toEqual(['0 may write', '2 may write']);
		expect(await job.forFile(3).claimContent('A')).toBe(false);
		job.finished(0);
		await settle();
		expect(events.slice(2)).toEqual(['1 claimed A']);
		expect(job.isClaimed('A')).toBe(true);
		job.finished(1);
		expect(job.isClaimed('A')).toBe(false);
		expect(await job.forFile(3).claimContent('A')).toBe(true);
	});
});

/** What the fleet views and inspector read, without the timing fields of the import records. */
async function storeContents(db: RtcscopeDb) {
	const imports = (await db.imports.toArray()).map((r) => ({ name: r.name, status: r.status, format: r.format, counts: r.counts }));
	const sessions = await db.sessions.orderBy('key').toArray();
	const streams = (await db.qualityStreams.toArray()).map((r) => ({ key: r.sessionKey, pc: r.pcId, ssrc: r.ssrc, linked: r.linkedSessionKey ?? null, to: r.linkedParticipantId ?? null }));
	streams.sort((a, b) => `${a.key}|${a.pc}|${a.ssrc}`.localeCompare(`${b.key}|${b.pc}|${b.ssrc}`));
	return {
		imports: imports.sort((a, b) => a.name.localeCompare(b.name) || a.status.localeCompare(b.status)),
		sessions: sessions.map((s) => ({ ...s, importIds: s.importIds.length })),
		streams,
		blocks: await db.eventBlocks.count(),
		fleetDays: await db.fleetDays.toArray(),
		fleetFacts: await db.fleetFacts.toArray(),
		counts: await db.storeCounts.toArray()
	};
}

/**
 * A small demo fleet arranged so that files overlap on a pool: the CDR weeks latest first (the
 * first dumps' sessions are in the last CDR files, still being read when the dumps start), the
 * first dump followed by a copy of itself, and the last CDR file followed by its gzipped twin.
 */
function fleetInputs(): ImportInput[] {
	const files = [...generateFleet({ days: 8, sessionsPerDay: 12, dumpEvery: 6 })];
	const cdr = files.filter((f) => !f.name.startsWith('fleet-dumps/')).reverse();
	const dumps = files.filter((f) => f.name.startsWith('fleet-dumps/'));
	const earliest = cdr.at(-1);
	const first = dumps[0];
	if (!earliest || !first) throw new Error('the small fleet has no CDR or no dump');
	const input = (name: string, text: string | Uint8Array<ArrayBuffer>, app: string): ImportInput => ({ file: new Blob([text]), name, app, demo: true });
	// The earliest week (both apps) is read 4 KB per timer turn: still being read when the dumps start.
	const firstWeek = new Set(cdr.slice(-2));
	const slow = (name: string, text: string, app: string): ImportInput => ({ file: new SlowBlob([text], 4096), name, app, demo: true });
	return [
		...cdr.map((f) => (firstWeek.has(f) ? slow : input)(f.name, f.text, f.app)),
		input(`${earliest.name}.gz`, gzipSync(new TextEncoder().encode(earliest.text)), earliest.app),
		input(first.name, first.text, first.app),
		input(`copy/${first.name}`, first.text, first.app),
		...dumps.slice(1).map((f) => input(f.name, f.text, f.app))
	];
}

describe('a job on a pool of lanes', () => {
	it('stores exactly what one lane stores: sessions, dump links, twins, fleet roll-ups', async () => {
		const inputs = fleetInputs();
		const dumps = inputs.filter((i) => i.name.startsWith('fleet-dumps/')).length;
		expect(dumps).toBeGreaterThan(10);

		const alone = freshDb();
		const one = await createIngestApi({ db: alone, locks: memoryImportLocks() }).importFiles('one', inputs);

		const pooled = freshDb();
		const locks = memoryImportLocks();
		const helpers: ImportLane[] = [createImportLane(pooled, locks), createImportLane(pooled, locks)];
		const three = await createIngestApi({ db: pooled, locks, helpers }).importFiles('three', inputs);

		expect(three.map((o) => [o.progress.name, o.kind])).toEqual(one.map((o) => [o.progress.name, o.kind]));
		// By construction: the gzipped CDR week and the copy of a dump are the drop's only duplicates.
		expect(one.filter((o) => o.kind === 'duplicate').map((o) => o.progress.name)).toEqual(
			inputs.filter((i) => i.name.endsWith('.gz') || i.name.startsWith('copy/')).map((i) => i.name)
		);
		expect(one.filter((o) => o.kind === 'done')).toHaveLength(inputs.length - 2);
		const a = await storeContents(alone);
		const b = await storeContents(pooled);
		// Dumps are linked to the CDR sessions stored before them, in both runs.
		expect(a.streams.filter((s) => s.linked).length).toBeGreaterThan(10);
		expect(b).toEqual(a);
	}, 120_000);

	it('really runs files at once: both lanes hold a file at the same time', async () => {
		const db = freshDb();
		const locks = memoryImportLocks();
		let inFlight = 0;
		let most = 0;
		const counting = (lane: ImportLane): ImportLane => ({
			...lane,
			importFile: async (...args) => {
				inFlight++;
				most = Math.max(most, inFlight);
				try {
					return await lane.importFile(...args);
				} finally {
					inFlight--;
				}
			}
		});
		const inputs = fleetInputs().filter((i) => i.name.startsWith('fleet-dumps/'));
		const lanes = [counting(createImportLane(db, locks)), counting(createImportLane(db, locks))] as const;
		const outcomes = await runPool(lanes, { jobId: 'j', inputs, signal: new AbortController().signal, siblings: new JobSiblings() });
		expect(most).toBe(2);
		expect(outcomes.map((o) => o.progress.index)).toEqual(inputs.map((_, i) => i));
		expect(await db.imports.where('status').equals('done').count()).toBe(inputs.length);
	}, 60_000);
});
