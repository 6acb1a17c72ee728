/**
 * Third-party URLs (recording downloads, storage paths) stay text unless they are plain
 * http(s): a `javascript:` or `data:` URL from a log file must never become a link.
 */
export function httpHref(text: string | null | undefined): string | null {
	if (!text) return null;
	try {
		const url = new URL(text);
		return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
	} catch {
		return null;
	}
}

/** The URL without its query (signed storage URLs carry keys and signatures there). */
export function withoutQuery(text: string): string {
	const at = text.search(/[?#]/);
	return at < 0 ? text : `${text.slice(0, at)}?…`;
}
