import type { RoomFact } from '../fleet/facts.js';
import { diagnostics, type Diagnostics } from '../fleet/diagnostics.js';
import { alarmTable, ROOM_LOADED_FAST_MS, type ThresholdOverrides } from '../fleet/thresholds.js';
import { sqlNumber, type ClickHouseClient } from './http.js';
import { roomOrder, windowRoomRows, type WindowPlan } from './window-sql.js';

/**
 * Diagnostics (fleet/diagnostics.ts) over ClickHouse. An exception row needs the whole room (a
 * freeze's remote cause is another participant's uplink), so SQL selects only the rooms of the
 * window with at least one candidate — a participant who joined in [from, to] and loaded slowly
 * or never (attempted, load known, not loaded or over ROOM_LOADED_FAST_MS), or whose received
 * video or audio freeze rate is over its threshold — and counts the window's joins and those
 * with a dump; `diagnostics` then runs over those rooms, the very rules the browser applies.
 * The browser receives the rooms with an exception instead of every room of the day.
 */

/** @throws ClickHouseError */
export async function clickHouseDiagnostics(client: ClickHouseClient, app: string, from: number, to: number, plan: WindowPlan, overrides: ThresholdOverrides = {}): Promise<Diagnostics> {
	const threshold = (id: string) => sqlNumber(alarmTable(overrides).find((r) => r.id === id)?.threshold ?? Number.POSITIVE_INFINITY);
	const joined = `j >= ${sqlNumber(from)} AND j <= ${sqlNumber(to)}`;
	const slow = `a = 1 AND ld = 1 AND (ok = 0 OR ifNull(ms, 0) > ${ROOM_LOADED_FAST_MS})`;
	const freeze = `ifNull(vf, 0) > ${threshold('downlinkVideoFreeze')} OR ifNull(af, 0) > ${threshold('downlinkAudioFreeze')}`;
	const candidate = `arrayExists((j, a, ld, ok, ms, vf, af) -> ${joined} AND (${slow} OR ${freeze}),
		p_join_at, p_attempted, p_load, p_loaded, p_load_ms, p_m_downlinkVideoFreeze, p_m_downlinkAudioFreeze)`;
	const [counts, rooms] = await Promise.all([
		client.rows<{ users: number; with_stats: number }>(
			`SELECT countIf(${joined}) AS users, countIf(${joined} AND st = 1) AS with_stats FROM (
				${windowRoomRows(app, from, to, plan, ['p_join_at', 'p_stats'])}
			) ARRAY JOIN p_join_at AS j, p_stats AS st`
		),
		client.rows<{ fact: string }>(
			`SELECT fact FROM (${windowRoomRows(app, from, to, plan, ['fact', 'start_at', 'first_at', 'p_join_at', 'p_attempted', 'p_load', 'p_loaded', 'p_load_ms', 'p_m_downlinkVideoFreeze', 'p_m_downlinkAudioFreeze'])})
			WHERE ${candidate} ${roomOrder(from)}`
		)
	]);
	const facts = rooms.map((r) => JSON.parse(r.fact) as RoomFact);
	return { ...diagnostics(facts, from, to, overrides), users: Number(counts[0]?.users ?? 0), usersWithStats: Number(counts[0]?.with_stats ?? 0) };
}
