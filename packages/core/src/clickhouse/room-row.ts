import { unionIntervals, type Interval } from '../util/intervals.js';
import { DIMENSIONS, type Dimension } from '../fleet/dimensions.js';
import type { RoomFact } from '../fleet/facts.js';
import { participantCounters } from '../fleet/rollup.js';
import { COUNTER_KEYS, METRIC_COLUMNS } from './schema.js';

/**
 * One room as a `rtcscope_rooms` row: the RoomFact itself as JSON (what Real-time and
 * Diagnostics read back, unchanged), and beside it the columns the roll-up SQL sums over —
 * each participant's counter contribution (fleet/rollup.ts participantCounters, so the SQL
 * never re-derives a definition), its media intervals, and the room's and each user's online
 * intervals (fleet/concurrency.ts unionIntervals, the same merge the browser's roll-up does),
 * and (migration 2) each participant's join attempt, load and Table 4-2 metrics for the
 * Real-time and Diagnostics SQL.
 */
export interface RoomRow {
	app: string;
	session_key: string;
	session_id: string;
	/** The ingest run's time, UTC ms: the newest version of a room wins. */
	version: number;
	/** The session row's firstAt, UTC ms (orders rooms as the browser store does). */
	first_at: number;
	start_at: number;
	end_at: number;
	fact: string;
	[column: string]: string | number | (string | number | null)[];
}

/** @param firstAt the room's session row `firstAt`, UTC ms */
export function roomRow(room: RoomFact, firstAt: number, version: number): RoomRow {
	const ps = room.participants;
	const media = ps.flatMap((p) => p.media);
	const roomIvs = unionIntervals(ps.map((p) => ({ start: p.joinAt, end: p.leftAt })));
	const perUser = new Map<string, Interval[]>();
	for (const p of ps) {
		const list = perUser.get(p.userKey) ?? [];
		list.push({ start: p.joinAt, end: p.leftAt });
		perUser.set(p.userKey, list);
	}
	const userIvs = [...perUser.values()].flatMap((ivs) => unionIntervals(ivs));
	const counters = ps.map((p) => participantCounters(p));
	const row: RoomRow = {
		app: room.app,
		session_key: room.sessionKey,
		session_id: room.sessionId,
		version,
		first_at: firstAt,
		start_at: room.startAt,
		end_at: room.endAt,
		fact: JSON.stringify(room),
		p_user_key: ps.map((p) => p.userKey),
		p_join_at: ps.map((p) => p.joinAt),
		p_left_at: ps.map((p) => p.leftAt),
		p_video: ps.map((p) => (p.video ? 1 : 0)),
		p_stats: ps.map((p) => (p.stats ? 1 : 0)),
		p_load: ps.map((p) => (p.loaded !== null ? 1 : 0)),
		m_start: media.map((m) => m.startAt),
		m_end: media.map((m) => m.endAt),
		m_cls: media.map((m) => m.cls),
		r_start: roomIvs.map((iv) => iv.start),
		r_end: roomIvs.map((iv) => iv.end),
		u_start: userIvs.map((iv) => iv.start),
		u_end: userIvs.map((iv) => iv.end)
	};
	row.p_attempted = ps.map((p) => (p.attempted ? 1 : 0));
	row.p_loaded = ps.map((p) => (p.loaded === true ? 1 : 0));
	row.p_load_ms = ps.map((p) => p.loadMs);
	for (const id of METRIC_COLUMNS) row[`p_m_${id}`] = ps.map((p) => p.stats?.metrics[id] ?? null);
	for (const d of DIMENSIONS) row[`p_${d}`] = ps.map((p) => p[d as Dimension]);
	for (const k of COUNTER_KEYS) row[`p_q_${k}`] = counters.map((c) => c[k]);
	return row;
}

/** What a tombstone keeps of the room it retires: its key and times, so the table stays readable. */
export interface RetiredRoom {
	app: string;
	session_key: string;
	session_id: string;
	first_at: number;
	start_at: number;
	end_at: number;
}

/**
 * The tombstone of a room (migration 5): a newer version of its key with `removed = 1` and no
 * participants, which every read of `rtcscope_rooms` drops (schema.ts LIVE_ROOM). Written to
 * `rtcscope_rooms` only: the time-ordered copy's reads keep the versions live there.
 */
export function retiredRoomRow(room: RetiredRoom, version: number): RoomRow {
	return {
		app: room.app,
		session_key: room.session_key,
		session_id: room.session_id,
		version,
		first_at: Number(room.first_at),
		start_at: Number(room.start_at),
		end_at: Number(room.end_at),
		fact: '',
		removed: 1
	};
}
