/**
 * Times in webrtc-internals dumps.
 *
 * - Stats series carry `startTime` / `endTime` as ISO UTC text and no per-sample time; newer
 *   dumps add a `<id>-timestamp` series (UTC ms) per object. Samples of a series without one are
 *   spread evenly between its start and end (Chrome samples once a second).
 * - Update-log entries carry `timestamp` (UTC ms) in newer dumps, but in older ones only `time`:
 *   the user's local time as locale text with no zone, whole seconds — "11/5/2020, 9:34:11 PM"
 *   (en-US), "15/07/2025, 12:33:31" (en-AU). Those are read as if UTC, then shifted by the zone
 *   offset that lines them up with the stats. When a date reads both day-first and month-first
 *   ("05/11/2020"), the order whose offset is a real zone (within ±14 h of the stats) wins, and
 *   the choice is reported.
 */

/** Evenly spread sample times of a series (UTC ms). */
export function spreadTimes(startMs: number, endMs: number, count: number): number[] {
	if (count <= 0) return [];
	if (count === 1 || !(endMs > startMs)) return Array.from({ length: count }, () => startMs);
	const step = (endMs - startMs) / (count - 1);
	return Array.from({ length: count }, (_, i) => startMs + i * step);
}

export type DateOrder = 'month-first' | 'day-first';

const NUMERIC = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}),?\s+(\d{1,2}):(\d{2}):(\d{2})(?:\s*([AaPp])\.?\s*[Mm]\.?)?$/;

/** The fields of a numeric locale time, or null. */
function fields(text: string) {
	const m = NUMERIC.exec(text.trim());
	if (!m) return null;
	let hour = Number(m[4]);
	const meridiem = m[7]?.toUpperCase();
	if (meridiem) hour = (hour % 12) + (meridiem === 'P' ? 12 : 0);
	return {
		a: Number(m[1]),
		b: Number(m[2]),
		year: Number(m[3]),
		hour,
		minute: Number(m[5]),
		second: Number(m[6]),
		meridiem: meridiem !== undefined,
		separator: text.trim()[m[1]!.length]
	};
}

/** The orders a locale time can be read in (both when a and b are ≤ 12). */
export function possibleOrders(text: string): DateOrder[] {
	const f = fields(text);
	if (!f) return [];
	const out: DateOrder[] = [];
	if (f.a <= 12 && f.b <= 31) out.push('month-first');
	if (f.b <= 12 && f.a <= 31) out.push('day-first');
	// en-US writes AM/PM with month first; 24-hour slashed dates (en-GB, en-AU) put the day
	// first; dotted dates ("5.11.2020", de) are day-first only.
	if (out.length === 2 && f.separator === '.') return ['day-first'];
	if (out.length === 2 && !f.meridiem) return ['day-first', 'month-first'];
	return out;
}

/** A locale time text as UTC ms, as if the wall clock were UTC, in the given order. NaN otherwise. */
export function parseLocaleTimeAsUtc(text: string, order?: DateOrder): number {
	const f = fields(text);
	if (!f) return Number.NaN;
	const chosen = order ?? possibleOrders(text)[0];
	if (!chosen) return Number.NaN;
	const [month, day] = chosen === 'month-first' ? [f.a, f.b] : [f.b, f.a];
	if (month < 1 || month > 12 || day < 1 || day > 31) return Number.NaN;
	return Date.UTC(f.year, month - 1, day, f.hour, f.minute, f.second);
}

/**
 * The UTC offset of local times that should line up with `referenceUtc` (the earliest stats
 * time): the difference rounded to a quarter hour (zones are whole quarter hours).
 */
export function localOffsetMs(localAsUtc: number, referenceUtc: number): number {
	const quarter = 15 * 60_000;
	return Math.round((localAsUtc - referenceUtc) / quarter) * quarter;
}

/** Zone offsets run from −12 h to +14 h. */
const MAX_ZONE_MS = 14 * 3_600_000;

export interface LogTimes {
	/** Per PC, per entry: UTC ms (NaN when unreadable). */
	perPc: number[][];
	/** What was assumed, for the import's problem list. */
	notes: string[];
}

interface LogInput {
	entries: readonly { time?: unknown; timestamp?: unknown }[];
	/** The PC's first stats time, UTC ms (Infinity without stats). */
	statsStart: number;
}

/**
 * Reads every update-log time of a dump. Numeric `timestamp`s are UTC already; locale `time`s
 * are placed with one date order and one zone offset for the whole dump (one browser, one
 * locale), chosen against the stats' UTC start.
 */
export function readLogTimes(pcs: readonly LogInput[], statsStart: number): LogTimes {
	const notes: string[] = [];
	const sample = firstLocale(pcs);
	let order: DateOrder | undefined;
	let offset = 0;
	if (sample) {
		const reference = Number.isFinite(sample.statsStart) ? sample.statsStart : statsStart;
		const orders = possibleOrders(sample.text);
		const fits = orders
			.map((o) => ({ o, local: parseLocaleTimeAsUtc(sample.text, o) }))
			.map((c) => ({ ...c, offset: Number.isFinite(reference) ? localOffsetMs(c.local, reference) : 0 }))
			.filter((c) => Math.abs(c.offset) <= MAX_ZONE_MS || !Number.isFinite(reference));
		const chosen = fits[0] ?? null;
		order = chosen?.o ?? orders[0];
		offset = chosen?.offset ?? 0;
		if (!Number.isFinite(reference)) {
			notes.push(
				`The update log records local times without a time zone (“${sample.text}”) and the dump has no stats to place them by: they are shown as if they were UTC.`
			);
		} else if (!chosen) {
			notes.push(
				`The update log's local times (“${sample.text}”) are more than 14 hours away from the stats' own UTC times in every date order: the browser's clock or the dump looks wrong. They are shown as if they were UTC.`
			);
		} else if (offset !== 0) {
			notes.push(
				`The update log records local times without a time zone (“${sample.text}”); they were shifted by ${offset > 0 ? '−' : '+'}${formatOffset(Math.abs(offset))} to line up with the stats, which are UTC.`
			);
		}
		if (chosen && orders.length === 2 && fits.length === 1) {
			const other = orders.find((o) => o !== chosen.o) as DateOrder;
			notes.push(
				`Its dates read both day-first and month-first; ${chosen.o} (${dayName(parseLocaleTimeAsUtc(sample.text, chosen.o))}) lines up with the stats' own times, ${other} (${dayName(parseLocaleTimeAsUtc(sample.text, other))}) would not, so ${chosen.o} was used.`
			);
		}
	}
	const perPc = pcs.map((pc) =>
		pc.entries.map((e) => {
			const stamp = typeof e.timestamp === 'number' ? e.timestamp : Number(e.timestamp);
			if (e.timestamp !== undefined && Number.isFinite(stamp) && stamp > 1e11) return stamp;
			if (typeof e.time === 'string') return parseLocaleTimeAsUtc(e.time, order) - offset;
			return Number.NaN;
		})
	);
	return { perPc, notes };
}

function firstLocale(pcs: readonly LogInput[]): { text: string; statsStart: number } | null {
	for (const pc of pcs) {
		for (const e of pc.entries) {
			if (e.timestamp !== undefined && Number.isFinite(Number(e.timestamp))) return null;
			if (typeof e.time === 'string' && possibleOrders(e.time).length > 0)
				return { text: e.time, statsStart: pc.statsStart };
		}
	}
	return null;
}

function dayName(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

function formatOffset(ms: number): string {
	const minutes = Math.round(ms / 60_000);
	return minutes % 60 === 0
		? `${minutes / 60} h`
		: `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
