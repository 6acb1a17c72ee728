import { DAY_MS, dayOf } from './rollup.js';

/**
 * Query limits of the SparkRTC console (sparkrtc-console-guide.txt §4.2 and §5 "About Query":
 * "the last 90 days", "a time span of up to 31 days"; §4.3/§4.4: the last 24 hours, up to 24
 * hours). rtcscope reads logs, not a live service, so "last" counts back from the newest imported
 * data, not from the wall clock.
 */
export const HISTORY_DAYS = 90;
export const MAX_SPAN_DAYS = 31;
export const REALTIME_MAX_SPAN_MS = 24 * 3_600_000;

export interface DayRange {
	/** First day, UTC midnight, ms. */
	from: number;
	/** Exclusive end, UTC midnight, ms. */
	to: number;
}

/**
 * The days a query may use given the newest data day: [newest − 89 days, newest].
 * @param newestAt UTC ms of the newest imported data.
 */
export function allowedDays(newestAt: number): DayRange {
	const last = dayOf(newestAt);
	return { from: last - (HISTORY_DAYS - 1) * DAY_MS, to: last + DAY_MS };
}

/**
 * Clamps a requested day range into the allowed window and to at most MAX_SPAN_DAYS, keeping its
 * end when it must shorten it. Bounds are snapped to UTC midnights; an empty or inverted request
 * becomes the last `fallbackDays` of the window.
 */
export function clampDayRange(requested: Partial<DayRange>, newestAt: number, fallbackDays = 7): DayRange {
	const allowed = allowedDays(newestAt);
	let to = requested.to !== undefined && Number.isFinite(requested.to) ? dayOf(requested.to - 1) + DAY_MS : allowed.to;
	to = Math.min(Math.max(to, allowed.from + DAY_MS), allowed.to);
	let from = requested.from !== undefined && Number.isFinite(requested.from) ? dayOf(requested.from) : to - fallbackDays * DAY_MS;
	if (from >= to) from = to - Math.min(fallbackDays, MAX_SPAN_DAYS) * DAY_MS;
	from = Math.max(from, allowed.from, to - MAX_SPAN_DAYS * DAY_MS);
	return { from, to };
}
