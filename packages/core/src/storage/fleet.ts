import { ALL_APPS, DAY_MS, dayOf, type FleetDayRow, type FleetExtent, type FleetFactsRow, type RoomFact } from '../model/fleet.js';
import type { SourcedEvent } from '../model/events.js';
import { sessionScope, type SessionKey } from '../model/ids.js';
import { DEFAULT_APP, type ImportRecord } from '../model/imports.js';
import { blockScopesEvents, parseBlockRef, type EventBlockRow, type QualityStreamRow, type SessionRow } from '../model/rows.js';
import type { RtcscopeDb } from './db.js';
import { storedSessionCount } from './store-counts.js';

/**
 * The fleet tables, stored: daily roll-ups (`fleetDays`) and the room facts of each day
 * (`fleetFacts`), and the reads the roll-up (fleet/refresh.ts) and the fleet views need. Nothing
 * here computes a figure.
 */

// ---- For the roll-up (fleet/refresh.ts) ----

/** import id → app label. */
export async function readImportApps(db: RtcscopeDb): Promise<Map<string, string>> {
	const imports: ImportRecord[] = await db.imports.toArray();
	return new Map(imports.map((i) => [i.id, i.app ?? DEFAULT_APP]));
}

/** The app a session counts under: its first import's with an app ({@link readImportApps}), else the default. */
export function sessionApp(row: SessionRow, apps: ReadonlyMap<string, string>): string {
	for (const id of row.importIds) {
		const app = apps.get(id);
		if (app) return app;
	}
	return DEFAULT_APP;
}

/**
 * Sessions overlapping [from, to): those whose first event is in [from − lookbackMs, to), and the
 * long ones (`longSpan`) that started earlier; ordered by first event, then key (index order).
 */
export async function readSessionsOverlapping(db: RtcscopeDb, from: number, to: number, lookbackMs: number): Promise<SessionRow[]> {
	const [recent, long] = await Promise.all([
		db.sessions.where('firstAt').between(from - lookbackMs, to, true, false).toArray(),
		db.sessions.where('longSpan').equals(1).filter((s) => s.firstAt < from - lookbackMs && s.firstAt < to).toArray()
	]);
	const rows = [...recent, ...long].filter((s) => s.lastAt >= from);
	if (long.length === 0) return rows;
	return rows.sort((a, b) => a.firstAt - b.firstAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Quality streams linked to provider sessions, and dump sessions' own. */
export async function readRoomStreams(db: RtcscopeDb, providerKeys: readonly string[], dumpKeys: readonly string[]): Promise<{ linked: QualityStreamRow[]; own: QualityStreamRow[] }> {
	const [linked, own] = await Promise.all([
		providerKeys.length > 0 ? db.qualityStreams.where('linkedSessionKey').anyOf([...providerKeys]).toArray() : [],
		dumpKeys.length > 0 ? db.qualityStreams.where('sessionKey').anyOf([...dumpKeys]).toArray() : []
	]);
	return { linked, own };
}

/** The keys among `keys` that have a session row. */
export async function existingSessionKeys(db: RtcscopeDb, keys: readonly SessionKey[]): Promise<Set<string>> {
	return new Set((await readSessionRows(db, keys)).map((r) => r.key as string));
}

/** First event of the earliest session to the last of the latest, UTC ms; null when none is stored. */
export async function storedSessionSpan(db: RtcscopeDb): Promise<{ from: number; to: number } | null> {
	const first = await db.sessions.orderBy('firstAt').first();
	const last = await db.sessions.orderBy('firstAt').last();
	return first && last ? { from: first.firstAt, to: Math.max(last.lastAt, first.lastAt) } : null;
}

export async function countSessionsAndFleetDays(db: RtcscopeDb): Promise<{ sessions: number; days: number }> {
	const [sessions, days] = await Promise.all([storedSessionCount(db), db.fleetDays.count()]);
	return { sessions, days };
}

/** Replaces the rows of the days in [from, to) in one transaction: each day as it was or fully rebuilt. */
export async function replaceFleetDays(db: RtcscopeDb, from: number, to: number, dayRows: readonly FleetDayRow[], factRows: readonly FleetFactsRow[]): Promise<void> {
	await db.transaction('rw', db.fleetDays, db.fleetFacts, async () => {
		await db.fleetDays.where('day').between(from, to, true, false).delete();
		await db.fleetFacts.where('day').between(from, to, true, false).delete();
		await db.fleetDays.bulkPut([...dayRows]);
		await db.fleetFacts.bulkPut([...factRows]);
	});
}

/** What replaces the fleet rows of some days (storage/fleet.ts {@link rewriteFleetDays}). */
export interface FleetDaysRewrite {
	dayRows: FleetDayRow[];
	factRows: FleetFactsRow[];
}

/**
 * Replaces the rows of the days in [from, to) with what `rewrite` makes of their stored facts,
 * in one transaction (each day as it was or fully rewritten; no other refresh interleaves).
 * `rewrite` may read sessions ({@link sessionFirstAt}): the transaction holds that table too.
 */
export async function rewriteFleetDays(
	db: RtcscopeDb,
	from: number,
	to: number,
	rewrite: (facts: FleetFactsRow[]) => Promise<FleetDaysRewrite>
): Promise<void> {
	await db.transaction('rw', db.fleetDays, db.fleetFacts, db.sessions, async () => {
		const facts = await db.fleetFacts.where('day').between(from, to, true, false).toArray();
		const { dayRows, factRows } = await rewrite(facts);
		await db.fleetDays.where('day').between(from, to, true, false).delete();
		await db.fleetFacts.where('day').between(from, to, true, false).delete();
		await db.fleetDays.bulkPut(dayRows);
		await db.fleetFacts.bulkPut(factRows);
	});
}

/** A stored session's first event (UTC ms); undefined without a row. */
export async function sessionFirstAt(db: RtcscopeDb, key: string): Promise<number | undefined> {
	return (await db.sessions.get(key as SessionKey))?.firstAt;
}

/** Stored session rows of `keys`, in that order; keys without a row are left out. */
export async function readSessionRows(db: RtcscopeDb, keys: readonly string[]): Promise<SessionRow[]> {
	return (await db.sessions.bulkGet(keys as SessionKey[])).filter((r) => r !== undefined);
}

/** Link targets (`linkedSessionKey`) of the streams of these dump sessions. */
export async function dumpLinkTargets(db: RtcscopeDb, dumpKeys: readonly string[]): Promise<string[]> {
	const { own } = await readRoomStreams(db, [], dumpKeys);
	return [...new Set(own.map((r) => r.linkedSessionKey).filter((k): k is SessionKey => !!k))];
}

/** The rooms of a stored facts row (one JSON string, see fleet/facts.ts FleetFactsRow). */
export function factRooms(row: FleetFactsRow): RoomFact[] {
	return JSON.parse(row.roomsJson) as RoomFact[];
}

/** Blocks fetched per bulkGet while gathering events. */
const BLOCK_BATCH = 64;

/** Every session's events (not deduplicated; buildSessionModel does that), parsing each block once. */
export async function loadEventsOf(db: RtcscopeDb, sessions: readonly SessionRow[]): Promise<Map<string, SourcedEvent[]>> {
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
	for (const [scope, events] of blockScopesEvents(block, (s) => wanted.has(s)) as [string, SourcedEvent[]][]) {
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
export async function fleetExtent(db: RtcscopeDb): Promise<FleetExtent | null> {
	const first = await db.fleetDays.orderBy('day').first();
	const last = await db.fleetDays.orderBy('day').last();
	if (!first || !last) return null;
	const facts = await db.fleetFacts.where('day').equals(last.day).toArray();
	let newestAt = last.day;
	for (const row of facts) for (const room of factRooms(row)) newestAt = Math.max(newestAt, Math.min(room.endAt, last.day + DAY_MS - 1));
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
		for (const room of factRooms(row)) {
			if (seen.has(room.sessionKey) || room.endAt < fromAt || room.startAt > toAt) continue;
			seen.add(room.sessionKey);
			out.push(room);
		}
	}
	return out;
}
