import { ALL_APPS, DAY_MS, dayOf } from '../fleet/rollup.js';
import { sqlNumber, sqlString } from './http.js';

/**
 * The rooms of a window fleet view, as the browser store selects them (storage/fleet.ts
 * loadRoomFacts): a room overlaps [from, to] when it ends at or after `from` and starts at or
 * before `to`; one app or ALL_APPS. A WHERE condition over `rtcscope_rooms`.
 */
export function roomsInWindow(app: string, from: number, to: number): string {
	const appFilter = app === ALL_APPS ? '' : ` AND app = ${sqlString(app)}`;
	return `end_at >= ${sqlNumber(from)} AND start_at <= ${sqlNumber(to)}${appFilter}`;
}

/** Rows written since migration 2 carry one entry per participant in its columns. */
export const HAS_PARTICIPANT_COLUMNS = 'length(p_attempted) = length(p_user_key)';

/** The browser store's room order (first day seen in the window, app, session start, key), so equal-time rows keep their order. */
export const roomOrder = (from: number): string => `ORDER BY greatest(intDiv(start_at, ${DAY_MS}) * ${DAY_MS}, ${sqlNumber(dayOf(from))}), app, first_at, session_key`;
