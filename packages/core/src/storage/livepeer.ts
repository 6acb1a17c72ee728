import type { HealthSnapshotRow, LivepeerEventRow } from '../model/livepeer.js';
import { buildDigests, DIGEST_BUCKET_MS, digestKeys, digestSamples, expandDigest, type LivepeerDigestRow, type TranscodeSample } from '../model/livepeer-digest.js';
import type { RtcscopeDb } from './db.js';

/** Livepeer stream health rows: writes (imports and feeds) and reads (the Stream Health view). */

export interface LivepeerRows {
	events: LivepeerEventRow[];
	health: HealthSnapshotRow[];
}

const BATCH = 5_000;

/**
 * Adds the rows not stored yet (events by id, health by stream and probe time) and returns how
 * many were new. A row already stored keeps the import it first came from.
 */
export async function writeLivepeer(db: RtcscopeDb, rows: LivepeerRows): Promise<number> {
	let added = 0;
	for (let at = 0; at < Math.max(rows.events.length, rows.health.length); at += BATCH) {
		const events = rows.events.slice(at, at + BATCH);
		const health = rows.health.slice(at, at + BATCH);
		added += await db.transaction('rw', [db.livepeerEvents, db.healthSnapshots, db.livepeerDigests], async () => {
			const [eventKeys, healthKeys] = await Promise.all([
				events.length > 0
					? db.livepeerEvents
							.where(':id')
							.anyOf(events.map((e) => e.id))
							.primaryKeys()
					: [],
				health.length > 0
					? db.healthSnapshots
							.where(':id')
							.anyOf(health.map((h) => [h.streamId, h.probeAt]))
							.primaryKeys()
					: []
			]);
			const knownEvents = new Set(eventKeys as string[]);
			const knownHealth = new Set(
				(healthKeys as [string, number][]).map(([s, t]) => `${s}\u0001${t}`)
			);
			// An id twice in one batch (a capture that repeats an event) is stored once: the first.
			const newEvents = events.filter((e) => !knownEvents.has(e.id) && (knownEvents.add(e.id), true));
			const newHealth = health.filter((h) => {
				const key = `${h.streamId}\u0001${h.probeAt}`;
				return !knownHealth.has(key) && (knownHealth.add(key), true);
			});
			// Nothing written to a table that gains nothing: open views re-read what a write touched.
			await Promise.all([
				newEvents.length > 0 ? db.livepeerEvents.bulkPut(newEvents) : null,
				newHealth.length > 0 ? db.healthSnapshots.bulkPut(newHealth) : null,
				addToDigests(db, newEvents)
			]);
			return newEvents.length + newHealth.length;
		});
	}
	return added;
}

export interface LivepeerStreamSummary {
	streamId: string;
	events: number;
	health: number;
	/** Newest event or probe, UTC ms. */
	lastAt: number;
}

/**
 * Every stream with stored events or health responses, newest first. Events are counted from
 * the digests (an index count over 20,000 events took 100–150 ms in Chrome).
 */
export async function listLivepeerStreams(db: RtcscopeDb): Promise<LivepeerStreamSummary[]> {
	const [digests, health] = await Promise.all([db.livepeerDigests.toArray(), healthCounts(db)]);
	return summarizeStreams(digests, health);
}

/** Per stream with health responses: how many, and the newest probe (UTC ms); streams read in parallel. */
async function healthCounts(db: RtcscopeDb): Promise<Map<string, { health: number; lastAt: number }>> {
	const streamIds = (await db.healthSnapshots.orderBy('streamId').uniqueKeys()) as string[];
	const counts = await Promise.all(
		streamIds.map(async (streamId) => {
			const [health, last] = await Promise.all([
				db.healthSnapshots.where('streamId').equals(streamId).count(),
				db.healthSnapshots.where('[streamId+probeAt]').between([streamId, -Infinity], [streamId, Infinity]).last()
			]);
			return [streamId, { health, lastAt: last?.probeAt ?? -Infinity }] as const;
		})
	);
	return new Map(counts);
}

function summarizeStreams(
	digests: readonly LivepeerDigestRow[],
	health: ReadonlyMap<string, { health: number; lastAt: number }>
): LivepeerStreamSummary[] {
	const byStream = new Map<string, LivepeerStreamSummary>();
	const summary = (streamId: string) => {
		let s = byStream.get(streamId);
		if (!s) byStream.set(streamId, (s = { streamId, events: 0, health: 0, lastAt: -Infinity }));
		return s;
	};
	for (const d of digests) {
		const s = summary(d.streamId);
		s.events += d.events;
		s.lastAt = Math.max(s.lastAt, d.lastAt);
	}
	for (const [streamId, h] of health) {
		const s = summary(streamId);
		s.health = h.health;
		s.lastAt = Math.max(s.lastAt, h.lastAt);
	}
	return [...byStream.values()].sort((a, b) => b.lastAt - a.lastAt);
}

/** What the Stream Health view shows, read at once (see {@link loadStreamHealth}). */
export interface StreamHealthData {
	/** Every stream, newest first ({@link listLivepeerStreams}). */
	streams: LivepeerStreamSummary[];
	/** The stream shown: the one asked for, else the newest; '' when there is none. */
	streamId: string;
	/** Its events in time order, from its digests ({@link loadStreamHealthEvents}). */
	events: LivepeerEventRow[];
	/**
	 * Its `transcode` events as samples, in the same order (model/livepeer-digest.ts
	 * digestSamples: `transcodeSamples(events)` without rebuilding them from the events).
	 */
	samples: TranscodeSample[];
	/** Its health responses by probe time ({@link loadHealthSnapshots}). */
	snapshots: HealthSnapshotRow[];
}

/**
 * The stream list and one stream's events and health responses, with every digest read once:
 * the list needs every digest's count, and the shown stream's events are its digests, so the
 * view reading them apart read the same rows twice, one query after the other (2026-12-02).
 * @param wanted the stream asked for (the URL's), or null for the newest.
 */
export async function loadStreamHealth(db: RtcscopeDb, wanted: string | null): Promise<StreamHealthData> {
	const [digests, health, asked] = await Promise.all([
		db.livepeerDigests.toArray(),
		healthCounts(db),
		wanted ? loadHealthSnapshots(db, wanted) : Promise.resolve(null)
	]);
	const streams = summarizeStreams(digests, health);
	const streamId = wanted ?? streams[0]?.streamId ?? '';
	const snapshots = asked ?? (streamId ? await loadHealthSnapshots(db, streamId) : []);
	// Primary-key order: one stream's digests together, by bucket, so its events come out in time order.
	const shown = digests.filter((d) => d.streamId === streamId);
	return { streams, streamId, events: shown.flatMap(expandDigest), samples: shown.flatMap(digestSamples), snapshots };
}

/**
 * A stream's events in time order as the Stream Health view reads them: from its digests
 * (model/livepeer-digest.ts), transcodes rebuilt with the fields the analysis uses.
 */
export async function loadStreamHealthEvents(db: RtcscopeDb, streamId: string): Promise<LivepeerEventRow[]> {
	const rows = await db.livepeerDigests
		.where('[streamId+bucket]')
		.between([streamId, -Infinity], [streamId, Infinity], true, true)
		.toArray();
	return rows.flatMap(expandDigest);
}

/** A stream's events in time order, optionally from a time (UTC ms, inclusive). */
export async function loadLivepeerEvents(
	db: RtcscopeDb,
	streamId: string,
	from = -Infinity,
	to = Infinity
): Promise<LivepeerEventRow[]> {
	return db.livepeerEvents
		.where('[streamId+timestamp]')
		.between([streamId, from], [streamId, to], true, true)
		.toArray();
}

/** A stream's health responses in probe order. */
export async function loadHealthSnapshots(
	db: RtcscopeDb,
	streamId: string
): Promise<HealthSnapshotRow[]> {
	return db.healthSnapshots
		.where('[streamId+probeAt]')
		.between([streamId, -Infinity], [streamId, Infinity], true, true)
		.toArray();
}

/** Adds new events (not stored before) to their digests; inside the caller's transaction. */
async function addToDigests(db: RtcscopeDb, events: readonly LivepeerEventRow[]): Promise<void> {
	if (events.length === 0) return;
	const held = await db.livepeerDigests.bulkGet(digestKeys(events));
	const prior = held.flatMap((row) => (row ? expandDigest(row) : []));
	await db.livepeerDigests.bulkPut(buildDigests([...prior, ...events]));
}

/**
 * Rebuilds the digests of the buckets `removed` events were in, from the events still stored;
 * inside the caller's transaction, after the events were deleted.
 */
export async function redigest(db: RtcscopeDb, removed: readonly Pick<LivepeerEventRow, 'streamId' | 'timestamp'>[]): Promise<void> {
	for (const [streamId, bucket] of digestKeys(removed)) {
		const events = Number.isFinite(bucket)
			? await db.livepeerEvents.where('[streamId+timestamp]').between([streamId, bucket], [streamId, bucket + DIGEST_BUCKET_MS], true, false).toArray()
			: await db.livepeerEvents.where('streamId').equals(streamId).filter((e) => !Number.isFinite(e.timestamp)).toArray();
		await db.livepeerDigests.delete([streamId, bucket]);
		if (events.length > 0) await db.livepeerDigests.bulkPut(buildDigests(events));
	}
}
