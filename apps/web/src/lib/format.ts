/**
 * Display helpers. Times are shown in UTC (CDR timestamps are UTC ms) and say so, so two people
 * comparing screens across time zones see the same figures.
 */

/**
 * The ISO text of a time, or null when it is none a Date can hold (|ms| > 8.64e15 throws
 * "Invalid time value"): every date the UI shows goes through here, so a stray µs or ns time
 * stored before the parsers checked units shows "—" instead of breaking the page.
 */
export function isoOf(ms: number | null | undefined): string | null {
	if (ms == null || !Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return null;
	return new Date(ms).toISOString();
}

export function utc(ms: number | null | undefined, withSeconds = true): string {
	const iso = isoOf(ms);
	if (!iso) return '—';
	return `${iso.slice(0, 10)} ${iso.slice(11, withSeconds ? 19 : 16)}`;
}

/** "2026-02-03 09:14:58.123": API calls a few ms apart stay apart. */
export function utcMs(ms: number | null | undefined): string {
	const iso = isoOf(ms);
	if (!iso) return '—';
	return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

export function utcTime(ms: number | null | undefined): string {
	return isoOf(ms)?.slice(11, 19) ?? '—';
}

/** "45 s", "12 min 05 s", "2 h 03 min". */
export function duration(ms: number | null | undefined): string {
	if (ms == null || !Number.isFinite(ms) || ms < 0) return '—';
	const s = Math.round(ms / 1000);
	if (s < 60) return `${s} s`;
	const m = Math.floor(s / 60);
	if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
	const h = Math.floor(m / 60);
	if (h < 48) return `${h} h ${String(m % 60).padStart(2, '0')} min`;
	return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** "85 ms" under ten seconds, else {@link duration}: how long an API call took. */
export function shortDuration(ms: number | null | undefined): string {
	if (ms == null || !Number.isFinite(ms) || ms < 0) return '—';
	return ms < 10_000 ? `${Math.round(ms).toLocaleString('en')} ms` : duration(ms);
}

/**
 * A size in SI units (kB = 1,000 B, MB = 10^6 B, GB = 10^9 B), the one convention of every view;
 * {@link exactBytes} gives the exact figure for a tooltip.
 */
export function bytes(n: number | null | undefined): string {
	if (n == null || !Number.isFinite(n)) return '—';
	if (Math.abs(n) < 1000) return `${n} B`;
	const units = ['kB', 'MB', 'GB', 'TB', 'PB'];
	let v = n / 1000;
	let i = 0;
	while (Math.abs(v) >= 1000 && i < units.length - 1) {
		v /= 1000;
		i++;
	}
	return `${v.toFixed(Math.abs(v) < 10 ? 2 : Math.abs(v) < 100 ? 1 : 0)} ${units[i]}`;
}

/** "7,247,748,791 bytes": the exact size, for hover text. */
export function exactBytes(n: number | null | undefined): string {
	return n == null || !Number.isFinite(n) ? '' : `${n.toLocaleString('en')} bytes`;
}

export function count(n: number | null | undefined): string {
	return n == null ? '—' : n.toLocaleString('en');
}

export function percent(rate: number | null | undefined, digits = 1): string {
	return rate == null ? 'no attempts' : `${(rate * 100).toFixed(digits)} %`;
}

/** UTC midnight of a `YYYY-MM-DD` date input value, or undefined when empty/invalid. */
export function dateInputToUtc(value: string, endOfDay = false): number | undefined {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
	const ms = Date.parse(`${value}T00:00:00Z`);
	if (!Number.isFinite(ms)) return undefined;
	return endOfDay ? ms + 86_400_000 - 1 : ms;
}

/** A link into the inspector (relative to the app's base). */
export function inspectHref(base: string, key: string, meeting?: number | null): string {
	const params = new URLSearchParams({ session: key });
	if (meeting) params.set('meeting', String(meeting));
	return `${base}/inspect/?${params}`;
}

/** "1 session", "6 sessions", with thousands separators. */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
	return `${count(n)} ${n === 1 ? singular : pluralForm}`;
}
