import type { ModelEvent } from '../model/events.js';

/**
 * The page's getUserMedia / getDisplayMedia calls as a table (issue 12): what was asked
 * (constraints), from which origin, which tracks resulted (kind, label, settings when the dump
 * has them) or which error (W3C mediacapture-streams §9.4: `NotAllowedError`, `NotFoundError`,
 * `NotReadableError`, `OverconstrainedError`, …). A request is paired with its result by the
 * request id where the dump writes one (rtcstats `getUserMedia-92-649401-0`, webrtc-internals
 * `rid`+`request_id`), else with the next result of the same call.
 */

export interface MediaTrackResult {
	kind: string;
	label: string | null;
	/** The track's settings or id text as the dump gives them; null when it gives none. */
	settings: string | null;
}

export interface MediaRequestRow {
	/** `getUserMedia` or `getDisplayMedia`. */
	call: string;
	/** UTC ms of the request (or of the result when the dump holds only the result). */
	at: number;
	resultAt: number | null;
	origin: string | null;
	/** Constraints as text: `audio: …; video: …`. */
	constraints: string | null;
	tracks: MediaTrackResult[];
	/** The DOMException name (`NotReadableError`), or the error text. */
	error: string | null;
	errorMessage: string | null;
	/** `ok`, `failed`, or `pending` (no result in the dump). */
	outcome: 'ok' | 'failed' | 'pending';
	line: number;
}

const CALL = /^(?:navigator\.mediaDevices\.)?(getUserMedia|getDisplayMedia)(OnSuccess|OnFailure)?$/;

export function mediaRequests(events: readonly ModelEvent[]): MediaRequestRow[] {
	const rows: MediaRequestRow[] = [];
	const open = new Map<string, MediaRequestRow>();
	const sorted = [...events].sort((a, b) => a.at - b.at);
	for (const e of sorted) {
		const m = CALL.exec(e.type);
		if (!m || e.detail.kind !== 'webrtc') continue;
		const call = m[1] as string;
		const value = parseValue(e.detail.value);
		const id = e.detail.requestId ?? null;
		if (!m[2]) {
			const row: MediaRequestRow = {
				call,
				at: e.at,
				resultAt: null,
				origin: originOf(value),
				constraints: constraintsOf(value),
				tracks: [],
				error: null,
				errorMessage: null,
				outcome: 'pending',
				line: e.line
			};
			rows.push(row);
			open.set(id ?? `next:${call}`, row);
			continue;
		}
		const key = id !== null && open.has(id) ? id : `next:${call}`;
		let row = open.get(key);
		if (!row) {
			row = { call, at: e.at, resultAt: null, origin: null, constraints: null, tracks: [], error: null, errorMessage: null, outcome: 'pending', line: e.line };
			rows.push(row);
		}
		open.delete(key);
		row.resultAt = e.at;
		if (m[2] === 'OnFailure' || (value && typeof value === 'object' && 'error' in value)) {
			row.outcome = 'failed';
			const err = errorOf(value);
			row.error = err.name;
			row.errorMessage = err.message;
		} else {
			row.outcome = 'ok';
			row.tracks = tracksOf(value);
		}
	}
	return rows;
}

function parseValue(text: string | undefined): unknown {
	if (text === undefined) return null;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

function originOf(value: unknown): string | null {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
	const o = value as Record<string, unknown>;
	return typeof o.origin === 'string' ? o.origin : typeof o.url === 'string' ? o.url : null;
}

function constraintsOf(value: unknown): string | null {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return typeof value === 'string' ? value : null;
	const o = value as Record<string, unknown>;
	const part = (k: 'audio' | 'video') => {
		const v = o[k];
		if (v === undefined || v === false) return null;
		// webrtc-internals writes "" for a kind asked with no constraint object (`audio: true`): shown as written.
		return `${k}: ${typeof v === 'string' ? (v === '' ? '""' : v) : JSON.stringify(v)}`;
	};
	const parts = [part('audio'), part('video')].filter((x): x is string => x !== null);
	return parts.length > 0 ? parts.join('; ') : null;
}

/** Tracks of a success: webrtc-internals `*_track_info` JSON text, rtcstats `[kind, id, label?, stream]` tuples or a dumped stream. */
function tracksOf(value: unknown): MediaTrackResult[] {
	if (Array.isArray(value)) {
		return value
			.filter((t): t is unknown[] => Array.isArray(t) && typeof t[0] === 'string')
			.map((t) => {
				// rtcstats 3: [kind, trackId, label, streamId]; rtcstats 4: [kind, trackId, streamId].
				const label = t.length >= 4 && typeof t[2] === 'string' ? t[2] : null;
				return { kind: t[0] as string, label, settings: null };
			});
	}
	if (!value || typeof value !== 'object') return [];
	const o = value as Record<string, unknown>;
	if (Array.isArray(o.tracks)) {
		return o.tracks
			.filter((t): t is Record<string, unknown> => !!t && typeof t === 'object')
			.map((t) => ({
				kind: String(t.kind ?? '?'),
				label: typeof t.label === 'string' ? t.label : null,
				settings: t.settings ? JSON.stringify(t.settings) : null
			}));
	}
	const out: MediaTrackResult[] = [];
	for (const kind of ['audio', 'video'] as const) {
		const info = o[`${kind}_track_info`];
		if (typeof info !== 'string' || info === '' || info === 'null') continue;
		let parsed: Record<string, unknown> = {};
		try {
			const value: unknown = JSON.parse(info);
			if (value && typeof value === 'object' && !Array.isArray(value)) parsed = value as Record<string, unknown>;
		} catch {
			// plain text: kept as the settings
		}
		const { label, id: _id, ...settings } = parsed;
		out.push({
			kind,
			label: typeof label === 'string' ? label : null,
			settings: Object.keys(settings).length > 0 ? JSON.stringify(settings) : Object.keys(parsed).length === 0 ? info : null
		});
	}
	return out;
}

function errorOf(value: unknown): { name: string | null; message: string | null } {
	if (typeof value === 'string') {
		const m = /^([A-Z][A-Za-z]*Error)\b:?\s*(.*)$/.exec(value);
		return m ? { name: m[1] as string, message: m[2] || null } : { name: value.slice(0, 80), message: null };
	}
	if (value && typeof value === 'object') {
		const o = value as Record<string, unknown>;
		const name = o.error ?? o.name;
		const message = o.error_message ?? o.message;
		return { name: typeof name === 'string' ? name : null, message: typeof message === 'string' ? message : null };
	}
	return { name: null, message: null };
}
