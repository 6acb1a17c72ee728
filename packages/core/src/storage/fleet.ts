import { buildSessionModel } from '../analysis/session-model.js';
import {
	dumpRoomFacts,
	roomFacts,
	type DumpStreams,
	type FleetFactsRow,
	type RoomFact
} from '../fleet/facts.js';
import { EARLIEST_MS, LATEST_MS } from '../util/epoch.js';
import { ALL_APPS, DAY_MS, dayOf, dayRollups, type FleetDayRow } from '../fleet/rollup.js';
import type { ThresholdOverrides } from '../fleet/thresholds.js';
import { ALARM_IDS } from '../fleet/thresholds.js';
import { DEFAULT_APP } from '../import/pipeline.js';
import type { SourcedEvent } from '../model/events.js';
import { sessionScope, type SessionKey } from '../model/ids.js';
import type { ImportRecord } from '../model/imports.js';
import { parseBlockRef, type EventBlockRow, type QualityStreamRow, type SessionRow } from '../model/rows.js';
import { yieldToEventLoop } from '../util/yield.js';
import type { RtcscopeDb } from './db.js';

/**
 * The fleet tables: daily roll-ups (`fleetDays`) and the room facts of each day (`fleetFacts`),
 * kept by the ingest worker for the days an import, a removal or a link touches, and read by the
 * fleet views by day range (DESIGN.md "Fleet aggregates per day"; issue "Scale and speed":
 * aggregates maintained at import time, not recomputed from raw rows on every view).
 */

/**
 * Sessions are found by their first event; one that started this long before a refreshed day is
 * still looked at (a longer session is counted only on the days it is seen from its start).
 */
export const SESSION_LOOKBACK_MS = 7 * DAY_MS;

/** Days refreshed per pass: bounds the events and models held in memory at once. */
const CHUNK_DAYS = 7;

export interface RefreshStats {
	days: number;
	rooms: number;
	sessionsRead: number;
	ms: number;
}

/**
 * Rebuilds the fleet rows of every app for the UTC days overlapping [fromAt, toAt] (UTC ms).
 * Each pass of up to seven days replaces its rows in one transaction: a closed tab leaves every
 * day either as it was or fully rebuilt.
 */
export async function refreshFleet(
	db: RtcscopeDb,
	fromAt: number,
	toAt: number,
	now: () => number = () => performance.now()
): Promise<RefreshStats> {
	const t0 = now();
	const stats: RefreshStats = { days: 0, rooms: 0, sessionsRead: 0, ms: 0 };
	if (!Number.isFinite(fromAt) || !Number.isFinite(toAt) || toAt < fromAt) return stats;
	// Bounded to the times the parsers accept (util/epoch.ts): a stray µs time must not step
	// through 50,000 years of empty days.
	fromAt = Math.max(fromAt, EARLIEST_MS);
	toAt = Math.min(toAt, LATEST_MS - 1);
	if (toAt < fromAt) return stats;
	const apps = await importApps(db);
	const firstDay = dayOf(fromAt);
	const lastDay = dayOf(toAt);
	for (let chunk = firstDay; chunk <= lastDay; chunk += CHUNK_DAYS * DAY_MS) {
		const chunkEnd = Math.min(chunk + CHUNK_DAYS * DAY_MS, lastDay + DAY_MS);
		const sessions = (
			await db.sessions.where('firstAt').between(chunk - SESSION_LOOKBACK_MS, chunkEnd, true, false).toArray()
		).filter((s) => s.lastAt >= chunk);
		stats.sessionsRead += sessions.length;
		const rooms = await buildRooms(db, sessions, apps);
		stats.rooms += rooms.length;
		const dayRows: FleetDayRow[] = [];
		const factRows: FleetFactsRow[] = [];
		for (let day = chunk; day < chunkEnd; day += DAY_MS) {
			stats.days++;
			for (const [app, rollup] of dayRollups(rooms, day)) dayRows.push({ app, day, rollup });
			const byApp = new Map<string, RoomFact[]>();
			for (const room of rooms) {
				if (room.endAt < day || room.startAt >= day + DAY_MS) continue;
				const list = byApp.get(room.app);
				if (list) list.push(room);
				else byApp.set(room.app, [room]);
			}
			for (const [app, list] of byApp) factRows.push({ app, day, rooms: list });
		}
		await db.transaction('rw', db.fleetDays, db.fleetFacts, async () => {
			await db.fleetDays.where('day').between(chunk, chunkEnd, true, false).delete();
			await db.fleetFacts.where('day').between(chunk, chunkEnd, true, false).delete();
			await db.fleetDays.bulkPut(dayRows);
			await db.fleetFacts.bulkPut(factRows);
		});
		await yieldToEventLoop();
	}
	stats.ms = now() - t0;
	return stats;
}

/** Rebuilds every day that has data (after an upgrade from a store without fleet tables). */
export async function refreshAllFleet(db: RtcscopeDb): Promise<RefreshStats | null> {
	const first = await db.sessions.orderBy('firstAt').first();
	const last = await db.sessions.orderBy('firstAt').last();
	if (!first || !last) return null;
	return refreshFleet(db, first.firstAt, Math.max(last.lastAt, first.lastAt));
}

/** True when sessions exist but no roll-up does (a store from before the fleet tables). */
export async function fleetNeedsRebuild(db: RtcscopeDb): Promise<boolean> {
	const [sessions, days] = await Promise.all([db.sessions.count(), db.fleetDays.count()]);
	return sessions > 0 && days === 0;
}

/** import id → app label. */
async function importApps(db: RtcscopeDb): Promise<Map<string, string>> {
	const imports: ImportRecord[] = await db.imports.toArray();
	return new Map(imports.map((i) => [i.id, i.app ?? DEFAULT_APP]));
}

function appOf(row: SessionRow, apps: ReadonlyMap<string, string>): string {
	for (const id of row.importIds) {
		const app = apps.get(id);
		if (app) return app;
	}
	return DEFAULT_APP;
}

/**
 * The room facts of sessions: provider sessions with the dumps linked to them, and dumps linked
 * to nothing as rooms of their own. Events are read block by block, each block parsed once.
 */
async function buildRooms(db: RtcscopeDb, sessions: readonly SessionRow[], apps: ReadonlyMap<string, string>): Promise<RoomFact[]> {
	if (sessions.length === 0) return [];
	const providerKeys = sessions.filter((s) => s.provider !== 'webrtc').map((s) => s.key);
	const dumpKeys = sessions.filter((s) => s.provider === 'webrtc').map((s) => s.key);
	const [linked, own] = await Promise.all([
		providerKeys.length > 0 ? db.qualityStreams.where('linkedSessionKey').anyOf(providerKeys).toArray() : [],
		dumpKeys.length > 0 ? db.qualityStreams.where('sessionKey').anyOf(dumpKeys).toArray() : []
	]);
	const linkedByTarget = groupDumps(linked, (row) => row.linkedSessionKey as string);
	const ownByDump = new Map<string, QualityStreamRow[]>();
	for (const row of own) {
		const list = ownByDump.get(row.sessionKey);
		if (list) list.push(row);
		else ownByDump.set(row.sessionKey, [row]);
	}
	// A dump linked to a session that is gone (its import was removed) is a room of its own again.
	const targets: string[] = [
		...new Set(own.map((s) => s.linkedSessionKey).filter((k): k is SessionKey => !!k))
	];
	const existing = new Set(
		(await db.sessions.bulkGet(targets)).filter((r) => r !== undefined).map((r) => r.key as string)
	);
	const events = await loadEventsOf(db, sessions);
	const rooms: RoomFact[] = [];
	for (const row of sessions) {
		const app = appOf(row, apps);
		const model = buildSessionModel(row.key, events.get(row.key) ?? []);
		if (row.provider === 'webrtc') {
			const streams = ownByDump.get(row.key) ?? [];
			// A dump linked to a provider session counts inside that room, not as its own.
			if (streams.some((s) => s.linkedSessionKey && existing.has(s.linkedSessionKey))) continue;
			const room = dumpRoomFacts(model, app, streams);
			if (room) rooms.push(room);
		} else {
			const room = roomFacts(model, app, linkedByTarget.get(row.key) ?? []);
			if (room) rooms.push(room);
		}
	}
	return rooms;
}

function groupDumps(rows: readonly QualityStreamRow[], target: (row: QualityStreamRow) => string): Map<string, DumpStreams[]> {
	const byTarget = new Map<string, Map<string, QualityStreamRow[]>>();
	for (const row of rows) {
		const t = target(row);
		const dumps = byTarget.get(t) ?? new Map<string, QualityStreamRow[]>();
		byTarget.set(t, dumps);
		const list = dumps.get(row.sessionKey);
		if (list) list.push(row);
		else dumps.set(row.sessionKey, [row]);
	}
	return new Map(
		[...byTarget].map(([t, dumps]) => [t, [...dumps].map(([dumpKey, streams]) => ({ dumpKey, streams }))])
	);
}

/** Blocks fetched per bulkGet while gathering events. */
const BLOCK_BATCH = 64;

/** Every session's events (not deduplicated; buildSessionModel does that), parsing each block once. */
async function loadEventsOf(db: RtcscopeDb, sessions: readonly SessionRow[]): Promise<Map<string, SourcedEvent[]>> {
	const wanted = new Set(sessions.map((s) => sessionScope(s.key) as string));
	const refs = [...new Set(sessions.flatMap((s) => s.blockRefs))];
	const out = new Map<string, SourcedEvent[]>();
	for (let i = 0; i < refs.length; i += BLOCK_BATCH) {
		const blocks = await db.eventBlocks.bulkGet(refs.slice(i, i + BLOCK_BATCH).map(parseBlockRef));
		for (const block of blocks) {
			if (!block) continue;
			collectBlock(block, wanted, out);
		}
	}
	return out;
}

function collectBlock(block: EventBlockRow, wanted: ReadonlySet<string>, out: Map<string, SourcedEvent[]>): void {
	const byScope = JSON.parse(block.eventsJson) as Record<string, SourcedEvent[]>;
	for (const [scope, events] of Object.entries(byScope)) {
		if (!wanted.has(scope)) continue;
		const key = scope.slice(2);
		const list = out.get(key) ?? [];
		for (const e of events) {
			e.importId = block.imp;
			list.push(e);
		}
		out.set(key, list);
	}
}

// ---- Reads (the views) ----

/** Apps with data, all-apps key excluded, sorted. */
export async function listFleetApps(db: RtcscopeDb): Promise<string[]> {
	const keys = (await db.fleetDays.toCollection().primaryKeys()) as [string, number][];
	return [...new Set(keys.map(([app]) => app).filter((a) => a !== ALL_APPS))].sort();
}

/** First and last day with a roll-up (UTC midnights), or null when there is none. */
export async function fleetExtent(db: RtcscopeDb): Promise<{ firstDay: number; lastDay: number; newestAt: number } | null> {
	const first = await db.fleetDays.orderBy('day').first();
	const last = await db.fleetDays.orderBy('day').last();
	if (!first || !last) return null;
	const facts = await db.fleetFacts.where('day').equals(last.day).toArray();
	let newestAt = last.day;
	for (const row of facts) for (const room of row.rooms) newestAt = Math.max(newestAt, Math.min(room.endAt, last.day + DAY_MS - 1));
	return { firstDay: first.day, lastDay: last.day, newestAt };
}

/** Roll-ups of one app (or ALL_APPS) for days in [from, to). */
export async function loadFleetDays(db: RtcscopeDb, app: string, from: number, to: number): Promise<FleetDayRow[]> {
	return db.fleetDays.where('[app+day]').between([app, from], [app, to], true, false).toArray();
}

/**
 * Rooms overlapping [fromAt, toAt] (UTC ms) of one app, or of all apps with ALL_APPS; each room
 * once even when it spans midnight.
 */
export async function loadRoomFacts(db: RtcscopeDb, app: string, fromAt: number, toAt: number): Promise<RoomFact[]> {
	const rows =
		app === ALL_APPS
			? await db.fleetFacts.where('day').between(dayOf(fromAt), dayOf(toAt), true, true).toArray()
			: await db.fleetFacts.where('[app+day]').between([app, dayOf(fromAt)], [app, dayOf(toAt)], true, true).toArray();
	const seen = new Set<string>();
	const out: RoomFact[] = [];
	for (const row of rows) {
		for (const room of row.rooms) {
			if (seen.has(room.sessionKey) || room.endAt < fromAt || room.startAt > toAt) continue;
			seen.add(room.sessionKey);
			out.push(room);
		}
	}
	return out;
}

/** Settings' threshold overrides (only known ids with finite, non-negative values). */
export async function loadThresholdOverrides(db: RtcscopeDb): Promise<ThresholdOverrides> {
	const row = await db.settings.get('thresholds');
	const out: ThresholdOverrides = {};
	if (!row || row.key !== 'thresholds' || typeof row.value !== 'object' || row.value === null) return out;
	for (const id of ALARM_IDS) {
		const v = (row.value as Record<string, unknown>)[id];
		if (typeof v === 'number' && Number.isFinite(v) && v >= 0) out[id] = v;
	}
	return out;
}

