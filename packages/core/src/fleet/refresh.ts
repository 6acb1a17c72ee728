import { buildSessionModel } from '../analysis/session-model.js';
import type { SessionKey } from '../model/ids.js';
import { LONG_SESSION_MS, type QualityStreamRow, type SessionRow } from '../model/rows.js';
import type { RtcscopeDb } from '../storage/db.js';
import {
	countSessionsAndFleetDays,
	existingSessionKeys,
	loadEventsOf,
	readImportApps,
	readRoomStreams,
	readSessionsOverlapping,
	replaceFleetDays,
	sessionApp,
	storedSessionSpan
} from '../storage/fleet.js';
import { EARLIEST_MS, LATEST_MS } from '../util/epoch.js';
import { yieldToEventLoop } from '../util/yield.js';
import { dumpRoomFacts, roomFacts, type DumpStreams, type FleetFactsRow, type RoomFact } from './facts.js';
import { DAY_MS, dayOf, dayRollups, type FleetDayRow } from './rollup.js';

/**
 * Keeps the fleet tables: daily roll-ups and the room facts of each day, rebuilt by the ingest
 * worker for the days an import, a removal or a link touches (DESIGN.md "Fleet aggregates per
 * day"). The roll-up lives here; storage/fleet.ts only reads and writes the rows.
 */

/**
 * Sessions are found by their first event; one that started this long before a refreshed day is
 * still looked at, and a longer one by its `longSpan` mark (the same 7 days), so a room counts on
 * every day it overlaps however long ago its session began.
 */
export const SESSION_LOOKBACK_MS = LONG_SESSION_MS;

/** Days refreshed per pass: bounds the events and models held in memory at once. */
export const CHUNK_DAYS = 7;

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
	const chunks = fleetChunks(fromAt, toAt);
	if (chunks.length === 0) return stats;
	const apps = await readImportApps(db);
	for (const { from: chunk, to } of chunks) {
		const chunkEnd = to + 1;
		const sessions = await readSessionsOverlapping(db, chunk, chunkEnd, SESSION_LOOKBACK_MS);
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
			for (const [app, list] of byApp) factRows.push({ app, day, roomsJson: JSON.stringify(list) });
		}
		await replaceFleetDays(db, chunk, chunkEnd, dayRows, factRows);
		await yieldToEventLoop();
	}
	stats.ms = now() - t0;
	return stats;
}

/**
 * The passes {@link refreshFleet} makes over [fromAt, toAt]: whole UTC days, up to seven each,
 * `from` the first day's start and `to` the last ms of the last day. Each pass is independent:
 * refreshing its range alone writes what the whole refresh writes for those days (import/pool.ts
 * runs them on several workers). Empty for a range with no finite or accepted time.
 */
export function fleetChunks(fromAt: number, toAt: number): { from: number; to: number }[] {
	if (!Number.isFinite(fromAt) || !Number.isFinite(toAt) || toAt < fromAt) return [];
	// Bounded to the times the parsers accept (util/epoch.ts): a stray µs time must not step
	// through 50,000 years of empty days.
	fromAt = Math.max(fromAt, EARLIEST_MS);
	toAt = Math.min(toAt, LATEST_MS - 1);
	if (toAt < fromAt) return [];
	const lastDay = dayOf(toAt);
	const chunks: { from: number; to: number }[] = [];
	for (let chunk = dayOf(fromAt); chunk <= lastDay; chunk += CHUNK_DAYS * DAY_MS) {
		chunks.push({ from: chunk, to: Math.min(chunk + CHUNK_DAYS * DAY_MS, lastDay + DAY_MS) - 1 });
	}
	return chunks;
}

/** Rebuilds every day that has data (after an upgrade from a store without fleet tables). */
export async function refreshAllFleet(db: RtcscopeDb): Promise<RefreshStats | null> {
	const span = await storedSessionSpan(db);
	return span ? refreshFleet(db, span.from, span.to) : null;
}

/** True when sessions exist but no roll-up does (a store from before the fleet tables). */
export async function fleetNeedsRebuild(db: RtcscopeDb): Promise<boolean> {
	const { sessions, days } = await countSessionsAndFleetDays(db);
	return sessions > 0 && days === 0;
}

/**
 * The room facts of sessions, in their order: provider sessions with the dumps linked to them, and
 * dumps linked to nothing as rooms of their own (a dump linked to a stored session has none).
 * Events are read block by block, each block parsed once.
 */
export async function buildRooms(db: RtcscopeDb, sessions: readonly SessionRow[], apps: ReadonlyMap<string, string>): Promise<RoomFact[]> {
	if (sessions.length === 0) return [];
	const providerKeys = sessions.filter((s) => s.provider !== 'webrtc').map((s) => s.key);
	const dumpKeys = sessions.filter((s) => s.provider === 'webrtc').map((s) => s.key);
	const { linked, own } = await readRoomStreams(db, providerKeys, dumpKeys);
	const linkedByTarget = groupDumps(linked, (row) => row.linkedSessionKey as string);
	const ownByDump = new Map<string, QualityStreamRow[]>();
	for (const row of own) {
		const list = ownByDump.get(row.sessionKey);
		if (list) list.push(row);
		else ownByDump.set(row.sessionKey, [row]);
	}
	// A dump linked to a session that is gone (its import was removed) is a room of its own again.
	const targets: SessionKey[] = [
		...new Set(own.map((s) => s.linkedSessionKey).filter((k): k is SessionKey => !!k))
	];
	const existing = await existingSessionKeys(db, targets);
	const events = await loadEventsOf(db, sessions);
	const rooms: RoomFact[] = [];
	for (const row of sessions) {
		const app = sessionApp(row, apps);
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
