import type { RtcscopeDb } from '../storage/db.js';
import {
	dumpLinkTargets,
	factRooms,
	readImportApps,
	readSessionRows,
	rewriteFleetDays,
	sessionFirstAt,
	type FleetDaysRewrite
} from '../storage/fleet.js';
import { EARLIEST_MS, LATEST_MS } from '../util/epoch.js';
import { yieldToEventLoop } from '../util/yield.js';
import type { FleetFactsRow, RoomFact } from './facts.js';
import { buildRooms, CHUNK_DAYS, type RefreshStats } from './refresh.js';
import { DAY_MS, dayOf, dayRollups } from './rollup.js';

/**
 * The fleet rows after a job that stored dumps only (issue 14): the rooms of those dumps' sessions
 * and of the calls they are linked to are rebuilt, and put into the stored facts of the days they
 * overlap in place of what those sessions had there; each such day's roll-up is then made again
 * from its facts. A job of 1,000 dumps spread over 90 days rebuilds ~1,000 rooms, not the 20,000
 * of those days. The result is what {@link refreshFleet} (fleet/refresh.ts) would store for those
 * days, rooms in the same order (first event, then key); fleet/refresh-rooms.test.ts holds it to that.
 *
 * Only for sessions whose rooms depend on nothing else that changed: a dump's room depends on its
 * own streams and its link, a call's on its events and the dumps linked to it. A job that stored
 * provider sessions (they link waiting dumps, import/link-waiting.ts) refreshes whole days.
 */

/**
 * Rebuilds the rooms of `sessionKeys` (and of the calls their dumps are linked to) in the fleet
 * rows. Keys without a session row any more (a file rolled back, an import removed) lose their
 * rooms on the days of `span` (UTC ms; where they were, as ImportOutcome.span says): their own
 * span is gone with their row. Each pass of up to seven consecutive days is one transaction
 * (storage/fleet.ts rewriteFleetDays).
 */
export async function refreshRooms(
	db: RtcscopeDb,
	sessionKeys: readonly string[],
	span: { from: number; to: number } | null,
	now: () => number = () => performance.now()
): Promise<RefreshStats> {
	const t0 = now();
	const keys = [...new Set(sessionKeys)];
	const asked = await readSessionRows(db, keys);
	const targets = await dumpLinkTargets(db, asked.filter((s) => s.provider === 'webrtc').map((s) => s.key));
	const known = new Set(asked.map((s) => s.key as string));
	const sessions = [...asked, ...(await readSessionRows(db, targets.filter((k) => !known.has(k))))];
	const rooms = await buildRooms(db, sessions, await readImportApps(db));
	const affected = new Set<string>([...sessionKeys, ...sessions.map((s) => s.key)]);
	// Every day a session or its new room overlaps: where its old room may be and the new one goes.
	const spans = [...sessions.map((s) => [s.firstAt, s.lastAt]), ...rooms.map((r) => [r.startAt, r.endAt])] as [number, number][];
	if (asked.length < keys.length && span) spans.push([span.from, span.to]);
	const days = touchedDays(spans);
	for (const pass of consecutivePasses(days)) {
		await rewriteFleetDays(db, pass.from, pass.to, (facts) => rewriteDays(db, pass, facts, rooms, affected));
		await yieldToEventLoop();
	}
	return { days: days.length, rooms: rooms.length, sessionsRead: sessions.length, ms: now() - t0 };
}

/** The UTC days (midnights, ascending) overlapping any of the spans, within the accepted times. */
function touchedDays(spans: readonly [number, number][]): number[] {
	const days = new Set<number>();
	for (const [from, to] of spans) {
		if (!Number.isFinite(from) || !Number.isFinite(to) || to < from) continue;
		const last = dayOf(Math.min(to, LATEST_MS - 1));
		for (let day = dayOf(Math.max(from, EARLIEST_MS)); day <= last; day += DAY_MS) days.add(day);
	}
	return [...days].sort((a, b) => a - b);
}

/** Runs of consecutive days, each at most {@link CHUNK_DAYS} long: [from, to) in UTC ms. */
function consecutivePasses(days: readonly number[]): { from: number; to: number }[] {
	const passes: { from: number; to: number }[] = [];
	for (const day of days) {
		const last = passes.at(-1);
		if (last && last.to === day && day - last.from < CHUNK_DAYS * DAY_MS) last.to = day + DAY_MS;
		else passes.push({ from: day, to: day + DAY_MS });
	}
	return passes;
}

/** The rows of every day of `pass`, from its stored facts with the affected sessions' rooms replaced. */
async function rewriteDays(
	db: RtcscopeDb,
	pass: { from: number; to: number },
	facts: readonly FleetFactsRow[],
	rooms: readonly RoomFact[],
	affected: ReadonlySet<string>
): Promise<FleetDaysRewrite> {
	const out: FleetDaysRewrite = { dayRows: [], factRows: [] };
	const firstAt = firstAtLookup(db);
	for (let day = pass.from; day < pass.to; day += DAY_MS) {
		const stored = facts.filter((f) => f.day === day);
		const fresh = rooms.filter((r) => r.endAt >= day && r.startAt < day + DAY_MS);
		const lists = await mergeRooms(stored, fresh, affected, firstAt);
		for (const [app, rollup] of dayRollups(lists.flat(), day)) out.dayRows.push({ app, day, rollup });
		for (const list of lists) out.factRows.push({ app: (list[0] as RoomFact).app, day, roomsJson: JSON.stringify(list) });
	}
	return out;
}

/** A session's first event (UTC ms; +∞ without a row), each read once per pass. */
function firstAtLookup(db: RtcscopeDb): (key: string) => Promise<number> {
	const known = new Map<string, number>();
	return async (key) => {
		let at = known.get(key);
		if (at === undefined) {
			at = (await sessionFirstAt(db, key)) ?? Infinity;
			known.set(key, at);
		}
		return at;
	};
}

/**
 * One day's rooms as {@link refreshFleet} stores them: one list per app, each by the first event
 * of its sessions then key, the apps by their first room (dayRollups counts all apps' rooms in
 * that order). The stored lists are in that order already: a rebuilt room stays where it was (its
 * session's first event did not move), a new one is placed by binary search, so only a few
 * sessions are read.
 */
async function mergeRooms(
	stored: readonly FleetFactsRow[],
	fresh: readonly RoomFact[],
	affected: ReadonlySet<string>,
	firstAt: (key: string) => Promise<number>
): Promise<RoomFact[][]> {
	const freshByKey = new Map(fresh.map((r) => [r.sessionKey, r]));
	const placed = new Set<string>();
	const lists = new Map<string, RoomFact[]>();
	for (const row of stored) {
		const list = factRooms(row).flatMap((room) => {
			if (!affected.has(room.sessionKey)) return [room];
			const next = freshByKey.get(room.sessionKey);
			if (!next || next.app !== row.app || placed.has(next.sessionKey)) return [];
			placed.add(next.sessionKey);
			return [next];
		});
		lists.set(row.app, list);
	}
	for (const room of fresh) {
		if (placed.has(room.sessionKey)) continue;
		const list = lists.get(room.app) ?? [];
		lists.set(room.app, list);
		list.splice(await insertionIndex(list, room, firstAt), 0, room);
	}
	const kept = [...lists.values()].filter((list) => list.length > 0);
	if (kept.length <= 1) return kept;
	const heads = await Promise.all(kept.map(async (list) => ({ list, key: await orderKey(list[0] as RoomFact, firstAt) })));
	return heads.sort((a, b) => compareOrder(a.key, b.key)).map((h) => h.list);
}

type OrderKey = [number, string];

async function orderKey(room: RoomFact, firstAt: (key: string) => Promise<number>): Promise<OrderKey> {
	return [await firstAt(room.sessionKey), room.sessionKey];
}

function compareOrder(a: OrderKey, b: OrderKey): number {
	return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
}

/** Where `room` goes in a list ordered by (first event, key). */
async function insertionIndex(list: readonly RoomFact[], room: RoomFact, firstAt: (key: string) => Promise<number>): Promise<number> {
	const key = await orderKey(room, firstAt);
	let lo = 0;
	let hi = list.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (compareOrder(await orderKey(list[mid] as RoomFact, firstAt), key) < 0) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}
