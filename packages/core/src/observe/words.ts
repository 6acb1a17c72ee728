/**
 * How observations print figures: durations in words ("3 min 10 s"), UTC clock times, rates with
 * their units. One place, so every sentence reads the same way.
 */

/** "45 s", "3 min 10 s", "1 h 05 min"; under ten seconds with a decimal ("7.2 s"). */
export function spoken(ms: number): string {
	if (!Number.isFinite(ms) || ms < 0) return '—';
	if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
	const s = Math.round(ms / 1000);
	if (s < 60) return `${s} s`;
	const m = Math.floor(s / 60);
	if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
	return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** "09:14:32" (UTC). */
export function clock(ms: number): string {
	return new Date(ms).toISOString().slice(11, 19);
}

export function pct(value: number, digits = 1): string {
	return `${value.toFixed(digits)} %`;
}

export function kbps(bps: number): string {
	return `${Math.round(bps / 1000).toLocaleString('en')} kbps`;
}

/** "Ana's" — a possessive that stays correct for names ending in s. */
export function possessive(name: string): string {
	return /s$/i.test(name) ? `${name}’` : `${name}’s`;
}
