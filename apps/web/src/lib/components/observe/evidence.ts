import type { Evidence } from '@rtcscope/core/observe';
import { inspectHref } from '$lib/format';
import { withParams } from '$lib/url';

/**
 * The inspector's URL parameters that open one piece of evidence: the quality charts zoomed on
 * its time (±10 %, at least 2 s) and filtered to its user, and, when the connection has forensic
 * detail, its forensics with the field that fired charted (view-state.ts parameters).
 *
 * @param opensForensics whether the evidence's connection has forensic detail in this browser.
 * @param connectionStream whether the evidence's stream is a connection's (candidate pair) series.
 */
export function evidenceParams(e: Evidence, opensForensics: boolean, connectionStream: boolean): Record<string, string | null> {
	const forensics = opensForensics && !!e.pcId && (!!e.objectId || !e.streamKey);
	const pad = Math.max(2000, (e.to - e.from) * 0.1);
	const range = `${Math.round(e.from - pad)}-${Math.round(e.to + pad)}`;
	return {
		qzoom: range,
		qusers: e.participantId ?? null,
		qconn: connectionStream ? '1' : null,
		...(forensics
			? {
					fpc: e.pcId ?? null,
					ftab: null,
					fzoom: range,
					ff: e.objectId && e.field ? [e.objectId, e.field, e.view ?? 'value'].map((x) => encodeURIComponent(x).replace(/~/g, '%7E')).join('~') : null
				}
			: {})
	};
}

/** A link to the evidence in the session's inspector, from another page (user details, compare). */
export function evidenceHref(base: string, sessionKey: string, meeting: number | null, e: Evidence, opensForensics: boolean): string {
	const href = new URL(inspectHref(base, sessionKey, meeting), 'http://x');
	return withParams(href.searchParams, href.pathname, evidenceParams(e, opensForensics, false));
}
