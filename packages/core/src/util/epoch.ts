/**
 * Epoch times in the unit a source should write (UTC ms) — or another one by mistake. An export
 * tool that writes µs or ns (`1584008771500000`) would otherwise place an event in the year
 * 52,000 and send the fleet roll-ups stepping day by day towards it (issue 17).
 *
 * Accepted: 2000-01-01 to 2100-01-01 UTC. A value in that range read as seconds, µs or ns is
 * converted; anything else is out of range and the caller skips the record with a problem.
 */
export const EARLIEST_MS = Date.UTC(2000, 0, 1);
export const LATEST_MS = Date.UTC(2100, 0, 1);

export type EpochUnit = 'ms' | 's' | 'µs' | 'ns';

const SCALES: [EpochUnit, number][] = [
	['ms', 1],
	['s', 1000],
	['µs', 1e-3],
	['ns', 1e-6]
];

/** The time in UTC ms and the unit it was written in, or null when no unit puts it in range. */
export function toEpochMs(value: number): { ms: number; unit: EpochUnit } | null {
	if (!Number.isFinite(value)) return null;
	for (const [unit, scale] of SCALES) {
		const ms = value * scale;
		if (ms >= EARLIEST_MS && ms < LATEST_MS) return { ms: unit === 'ms' ? value : Math.round(ms * 1000) / 1000, unit };
	}
	return null;
}

/** Whether `ms` is a time rtcscope accepts (and can format as a date). */
export function inEpochRange(ms: number): boolean {
	return Number.isFinite(ms) && ms >= EARLIEST_MS && ms < LATEST_MS;
}
