import type { SessionDescriptionEntry } from '../../model/pc-detail.js';

/**
 * Session descriptions out of the API log, as both dump formats write them:
 * - webrtc-internals (Chrome ≤ 120): `"type: offer, sdp: v=0\r\n…"`; newer Chrome: the JSON text
 *   `{"type":"offer","sdp":"…"}`;
 * - rtcstats: the RTCSessionDescriptionInit object itself (`{type, sdp}`), sometimes inside the
 *   argument list (`[{type, sdp}]`).
 * The operations that carry one are the results of createOffer/createAnswer and the arguments of
 * setLocalDescription/setRemoteDescription (W3C webrtc-pc §4.4.1). A `…OnFailure` entry marks the
 * description its operation was given as failed, with the error text.
 */

const CARRIERS = /^(createOfferOnSuccess|createAnswerOnSuccess|setLocalDescription|setRemoteDescription)$/;
const FAILURE = /^(setLocalDescription|setRemoteDescription|createOffer|createAnswer)OnFailure$/;

/** The description an API log entry carries, or null. */
export function descriptionOf(
	op: string,
	value: unknown,
	at: number | null,
	line: number
): SessionDescriptionEntry | null {
	if (!CARRIERS.test(op)) return null;
	const parsed = readDescription(value);
	if (!parsed) return null;
	return { at, op, type: parsed.type, sdp: parsed.sdp, line };
}

/**
 * Collects a connection's descriptions from its log entries in order, marking failed ones.
 * @param entries `{op, value, at, line}` in log order.
 */
export function collectDescriptions(
	entries: Iterable<{ op: string; value: unknown; at: number | null; line: number }>
): SessionDescriptionEntry[] {
	const out: SessionDescriptionEntry[] = [];
	for (const e of entries) {
		const d = descriptionOf(e.op, e.value, e.at, e.line);
		if (d) {
			out.push(d);
			continue;
		}
		const failed = FAILURE.exec(e.op);
		if (!failed) continue;
		const base = failed[1] as string;
		for (let i = out.length - 1; i >= 0; i--) {
			const d2 = out[i] as SessionDescriptionEntry;
			if (d2.op === base && d2.error === undefined) {
				d2.error = errorText(e.value);
				break;
			}
		}
	}
	return out;
}

function readDescription(value: unknown): { type: string | null; sdp: string } | null {
	if (Array.isArray(value)) return value.length > 0 ? readDescription(value[0]) : null;
	if (value && typeof value === 'object') {
		const o = value as { type?: unknown; sdp?: unknown };
		return typeof o.sdp === 'string' && o.sdp.length > 0
			? { type: typeof o.type === 'string' ? o.type : null, sdp: o.sdp }
			: null;
	}
	if (typeof value !== 'string' || value.length === 0) return null;
	const text = value.trim();
	if (text.startsWith('{')) {
		try {
			return readDescription(JSON.parse(text));
		} catch {
			return null;
		}
	}
	const m = /^type:\s*([a-z]+),\s*sdp:\s*/i.exec(text);
	// An empty sdp is an implicit setLocalDescription(): the browser made the description itself.
	if (m) return m[0].length < text.length ? { type: (m[1] as string).toLowerCase(), sdp: text.slice(m[0].length) } : null;
	return text.startsWith('v=0') ? { type: null, sdp: text } : null;
}

function errorText(value: unknown): string {
	if (typeof value === 'string') return value.slice(0, 500);
	if (value && typeof value === 'object') return JSON.stringify(value).slice(0, 500);
	return 'failed';
}

/**
 * RTCConfiguration as text, with every credential removed (TURN `credential`/`password`/`username`
 * values are secrets: they never reach storage, exports or the screen).
 */
export function configurationText(value: unknown): string | null {
	if (value === null || value === undefined || value === '') return null;
	if (typeof value === 'string') {
		const text = value.trim();
		if (text.startsWith('{') || text.startsWith('[')) {
			try {
				return configurationText(JSON.parse(text));
			} catch {
				// Chrome's own "{ iceServers: [stun:…], … }" text: not JSON, and it holds no credentials.
			}
		}
		return text.replace(/(credential|password|username)\s*[:=]\s*[^,}\]]*/gi, '$1: (removed)').slice(0, 4000);
	}
	return JSON.stringify(value, (key, v) =>
		/^(credential|password|username)$/i.test(key) ? '(removed)' : v
	).slice(0, 4000);
}
