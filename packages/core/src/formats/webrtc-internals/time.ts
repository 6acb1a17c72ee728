/**
 * Times in webrtc-internals dumps.
 *
 * - Stats series carry `startTime` / `endTime` as ISO UTC text and no per-sample time; newer
 *   dumps add a `<id>-timestamp` series (UTC ms) per object. Samples of a series without one are
 *   spread evenly between its start and end (Chrome samples once a second).
 * - Update-log entries carry `timestamp` (UTC ms) in newer dumps, but in Chrome 86-era dumps only
 *   `time`: the user's local time as text with no zone ("11/5/2020, 9:34:11 PM"). Those are read
 *   as if UTC and shifted by the offset that lines them up with the stats.
 */

/** Evenly spread sample times of a series (UTC ms). */
export function spreadTimes(startMs: number, endMs: number, count: number): number[] {
	if (count <= 0) return [];
	if (count === 1 || !(endMs > startMs)) return Array.from({ length: count }, () => startMs);
	const step = (endMs - startMs) / (count - 1);
	return Array.from({ length: count }, (_, i) => startMs + i * step);
}

const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4}),?\s+(\d{1,2}):(\d{2}):(\d{2})\s*([AP]M)$/i;
const DMY = /^(\d{1,2})[./](\d{1,2})[./](\d{4}),?\s+(\d{1,2}):(\d{2}):(\d{2})$/;

/**
 * A locale time text as UTC ms, as if the wall clock were UTC: en-US ("11/5/2020, 9:34:11 PM")
 * and day-first 24-hour forms ("05/11/2020, 21:34:11", "5.11.2020, 21:34:11"). NaN otherwise.
 */
export function parseLocaleTimeAsUtc(text: string): number {
	const us = US.exec(text.trim());
	if (us) {
		let hour = Number(us[4]) % 12;
		if ((us[7] as string).toUpperCase() === 'PM') hour += 12;
		return Date.UTC(
			Number(us[3]),
			Number(us[1]) - 1,
			Number(us[2]),
			hour,
			Number(us[5]),
			Number(us[6])
		);
	}
	const dmy = DMY.exec(text.trim());
	if (dmy) {
		return Date.UTC(
			Number(dmy[3]),
			Number(dmy[2]) - 1,
			Number(dmy[1]),
			Number(dmy[4]),
			Number(dmy[5]),
			Number(dmy[6])
		);
	}
	return Number.NaN;
}

/**
 * The UTC offset of local times that should line up with `referenceUtc` (the earliest stats
 * time): the difference rounded to a quarter hour (zones are whole quarter hours).
 */
export function localOffsetMs(localAsUtc: number, referenceUtc: number): number {
	const quarter = 15 * 60_000;
	return Math.round((localAsUtc - referenceUtc) / quarter) * quarter;
}
