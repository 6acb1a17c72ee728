/**
 * Times as these inputs write them: epoch ms (OpenTok `createdAt`, also as a string in one REST
 * fixture), epoch seconds, or ISO 8601 (SparkRTC `start_time`, "YYYY-MM-DDThh:mm:ssZ"). An ISO
 * time without a zone is read as UTC — the documents say their times are UTC — with a note.
 */
export interface TimeRead {
	/** UTC ms, or null when unreadable. */
	ms: number | null;
	/** Why the value needed a guess or could not be read, for a visible note. */
	note?: string;
}

const ISO = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;

export function readTime(value: unknown, field: string): TimeRead | null {
	if (value === undefined || value === null || value === '') return null;
	if (typeof value === 'number' || (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()))) {
		const n = Number(value);
		if (!Number.isFinite(n) || n <= 0) return { ms: null, note: `${field} ${JSON.stringify(value)} is not a time.` };
		// Seconds since 1970 are below 1e11 for any date before 5138; ms are above it after 1973.
		const ms = n < 1e11 ? n * 1000 : n;
		return typeof value === 'string' ? { ms, note: `${field} is a number written as text (${JSON.stringify(value)}); read as ${n < 1e11 ? 'seconds' : 'milliseconds'}.` } : { ms };
	}
	if (typeof value === 'string' && ISO.test(value.trim())) {
		const text = value.trim().replace(' ', 'T');
		if (ZONE.test(text)) {
			const ms = Date.parse(text);
			return Number.isFinite(ms) ? { ms } : { ms: null, note: `${field} ${JSON.stringify(value)} is not a valid date.` };
		}
		const ms = Date.parse(`${text}Z`);
		return Number.isFinite(ms)
			? { ms, note: `${field} "${value}" has no time zone; it was read as UTC, as the document specifies.` }
			: { ms: null, note: `${field} ${JSON.stringify(value)} is not a valid date.` };
	}
	return { ms: null, note: `${field} ${JSON.stringify(value).slice(0, 60)} is not a time.` };
}
