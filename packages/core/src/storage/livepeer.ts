import type { HealthSnapshotRow, LivepeerEventRow } from '../model/livepeer.js';
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
		added += await db.transaction('rw', [db.livepeerEvents, db.healthSnapshots], async () => {
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
			const newEvents = events.filter((e) => !knownEvents.has(e.id));
			const newHealth = health.filter((h) => !knownHealth.has(`${h.streamId}\u0001${h.probeAt}`));
			await Promise.all([
				db.livepeerEvents.bulkPut(newEvents),
				db.healthSnapshots.bulkPut(newHealth)
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

/** Every stream with stored events or health responses, newest first. */
export async function listLivepeerStreams(db: RtcscopeDb): Promise<LivepeerStreamSummary[]> {
	const ids = new Set<string>([
		...((await db.livepeerEvents.orderBy('streamId').uniqueKeys()) as string[]),
		...((await db.healthSnapshots.orderBy('streamId').uniqueKeys()) as string[])
	]);
	const out: LivepeerStreamSummary[] = [];
	for (const streamId of ids) {
		const [events, health, lastEvent, lastHealth] = await Promise.all([
			db.livepeerEvents.where('streamId').equals(streamId).count(),
			db.healthSnapshots.where('streamId').equals(streamId).count(),
			db.livepeerEvents
				.where('[streamId+timestamp]')
				.between([streamId, -Infinity], [streamId, Infinity])
				.last(),
			db.healthSnapshots
				.where('[streamId+probeAt]')
				.between([streamId, -Infinity], [streamId, Infinity])
				.last()
		]);
		out.push({
			streamId,
			events,
			health,
			lastAt: Math.max(lastEvent?.timestamp ?? -Infinity, lastHealth?.probeAt ?? -Infinity)
		});
	}
	return out.sort((a, b) => b.lastAt - a.lastAt);
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
