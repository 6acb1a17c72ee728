import { describe, expect, it } from 'vitest';
import { generateDemoCdr } from './demo/index.js';
import { buildSessionModel } from './analysis/session-model.js';
import { sessionStatistics } from './analysis/statistics.js';
import { sliceSession } from './analysis/meeting-slice.js';
import {
	listClusters,
	listImports,
	loadClusterEvents,
	loadSessionEvents,
	querySessions
} from './storage/queries.js';
import { buildClusterModel } from './analysis/cluster.js';
import { sessionKey } from './model/ids.js';
import { freshDb } from './test-support/helpers.js';
import { memoryImportLocks } from './import/locks.js';
import { createIngestApi } from './worker-api.js';

describe('demo dataset', () => {
	it('is deterministic', () => {
		expect(generateDemoCdr().toText()).toBe(generateDemoCdr().toText());
		expect(generateDemoCdr({ seed: 2 }).toText()).not.toBe(generateDemoCdr().toText());
	});

	it('imports through the worker API as a demo import with every special case in it', async () => {
		const db = freshDb();
		const api = createIngestApi({ db });
		const [outcome] = await api.loadDemo('job-1');
		expect(outcome?.kind).toBe('done');
		expect(outcome?.progress.counts.errors).toBe(0);
		const [record] = await listImports(db);
		expect(record).toMatchObject({ demo: true, status: 'done', format: 'openvidu-cdr' });

		const { total, rows } = await querySessions(db, { limit: 100 });
		expect(total).toBe(41);
		const days = new Set(rows.map((r) => new Date(r.firstAt).toISOString().slice(0, 10)));
		expect([...days].sort()).toEqual([
			'2026-11-16',
			'2026-11-17',
			'2026-11-18',
			'2026-11-19',
			'2026-11-20'
		]);

		const standup = buildSessionModel(
			sessionKey('openvidu', 'daily-standup'),
			await loadSessionEvents(db, sessionKey('openvidu', 'daily-standup'))
		);
		expect(standup.meetings).toHaveLength(2);

		const models = await Promise.all(
			rows.map(async (r) => buildSessionModel(r.key, await loadSessionEvents(db, r.key)))
		);
		const reasons = new Set(models.flatMap((m) => m.participants.map((p) => p.leaveReason)));
		expect([...reasons].sort()).toEqual([
			'disconnect',
			'forceDisconnectByServer',
			'mediaServerDisconnect',
			'networkDisconnect'
		]);
		const statuses = models.flatMap((m) => m.recordings.map((r) => r.status)).sort();
		expect(statuses).toEqual(['failed', 'ready']);
		const types = new Set(models.map((m) => sessionStatistics(sliceSession(m, null)).callType));
		expect([...types].sort()).toEqual(['broadcast', 'multiparty', 'one-to-one', 'one-to-zero']);

		const clusters = await listClusters(db);
		expect(clusters.map((c) => c.clusterId)).toEqual(['demo-cluster']);
		const cluster = buildClusterModel(
			'demo-cluster',
			await loadClusterEvents(db, clusters[0]!.scope)
		);
		expect(cluster.autoscaling.length).toBeGreaterThan(8);
		expect(cluster.nodes.length).toBeGreaterThan(5);
		expect(cluster.statusSeries.statuses).toEqual([
			'launching',
			'running',
			'waiting-idle-to-terminate',
			'terminating',
			'terminated'
		]);

		await api.removeImport(record!.id);
		expect(await db.sessions.count()).toBe(0);
		expect(await db.eventBlocks.count()).toBe(0);
	});
});

describe('recoverInterrupted', () => {
	const base = {
		name: 'x',
		format: null,
		bytes: 1,
		gzip: false,
		demo: false,
		startedAt: 0,
		finishedAt: null,
		counts: { lines: 0, records: 0, stored: 0, sessions: 0, errors: 0, warnings: 0 },
		problems: [],
		problemsOmitted: 0,
		committedWindow: 3
	};
	it('without locks: marks a running import whose worker stopped committing as interrupted', async () => {
		const db = freshDb();
		const api = createIngestApi({ db, locks: null });
		
		await db.imports.bulkPut([
			{ ...base, id: 'stale', status: 'running', heartbeatAt: 1_000 },
			{ ...base, id: 'fresh', status: 'running', heartbeatAt: 100_000 },
			{ ...base, id: 'done', status: 'done', heartbeatAt: 0 }
		] as never);
		expect(await api.recoverInterrupted(110_000)).toBe(1);
		const byId = Object.fromEntries((await listImports(db)).map((r) => [r.id, r.status]));
		expect(byId).toEqual({ stale: 'interrupted', fresh: 'running', done: 'done' });
	});

	it('with locks: a running import whose lock is free is interrupted at once, a held one is not', async () => {
		const db = freshDb();
		const locks = memoryImportLocks();
		const api = createIngestApi({ db, locks });
		await db.imports.bulkPut([
			{ ...base, id: 'gone', status: 'running', heartbeatAt: 100_000 },
			{ ...base, id: 'alive', status: 'running', heartbeatAt: 100_000 }
		] as never);
		const release = await locks.acquire('alive');
		expect(await api.recoverInterrupted(100_001)).toBe(1);
		const byId = Object.fromEntries((await listImports(db)).map((r) => [r.id, r.status]));
		expect(byId).toEqual({ gone: 'interrupted', alive: 'running' });
		release?.();
	});
});
