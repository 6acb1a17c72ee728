import type { FeedKind } from '../model/feeds.js';

/**
 * Why a feed request failed, in words a user can act on (issue "Live feeds": a CORS or auth
 * failure gives a plain explanation, not a stack trace). Messages never contain credentials:
 * they are built from the status, the URL's origin and the feed kind only.
 */
export class FeedError extends Error {
	constructor(
		message: string,
		/** `auth`: the credential was refused (retrying cannot help); `fatal`: the URL or data is wrong. */
		readonly kind: 'auth' | 'network' | 'server' | 'timeout' | 'data' | 'fatal',
		readonly status: number | null = null
	) {
		super(message);
		this.name = 'FeedError';
	}

	/** Retrying later may fix it. */
	get transient(): boolean {
		return (
			this.kind === 'network' ||
			this.kind === 'server' ||
			this.kind === 'timeout' ||
			this.kind === 'data'
		);
	}
}

/** The origin of a URL for messages (never its path, query or user info). */
export function originOf(url: string): string {
	try {
		return new URL(url).origin;
	} catch {
		return 'the server';
	}
}

function appOrigin(): string {
	const loc = (globalThis as { location?: { origin?: string } }).location;
	return loc?.origin ?? "rtcscope's origin";
}

/** fetch() rejected: unreachable, or (the browser does not say which) blocked by CORS. */
export function networkFailure(kind: FeedKind, url: string): FeedError {
	const server = originOf(url);
	const origin = appOrigin();
	switch (kind) {
		case 'livepeer-health':
		case 'livepeer-events':
			return new FeedError(
				`The browser could not read ${server}: it is unreachable, or it refused this page's origin (CORS). Livepeer answers browsers only with a CORS-enabled API key that allows ${origin}; create one in Livepeer Studio (Developers → API Keys → “Allow CORS access”) and add ${origin}.`,
				'network'
			);
		case 'openvidu-rest':
			return new FeedError(
				`The browser could not read ${server}: it is unreachable, or the answer had no CORS headers. OpenVidu's REST API sends none by default, so put it behind a reverse proxy (or a CORS rule) that answers OPTIONS preflights and adds “Access-Control-Allow-Origin: ${origin}” and “Access-Control-Allow-Headers: Authorization”, or serve rtcscope from the same origin as OpenVidu.`,
				'network'
			);
		case 'cdr-http':
			return new FeedError(
				`The browser could not read ${server}: it is unreachable, or the answer had no CORS headers. The server must add “Access-Control-Allow-Origin: ${origin}”, “Access-Control-Allow-Headers: Range” and “Access-Control-Expose-Headers: Content-Range”.`,
				'network'
			);
	}
}

/** A response that is not what the feed needs, as a FeedError; null when it is fine. */
export function statusFailure(kind: FeedKind, url: string, status: number): FeedError | null {
	if (status >= 200 && status < 300) return null;
	const server = originOf(url);
	if (status === 401 || status === 403) {
		if (kind === 'openvidu-rest') {
			return new FeedError(
				`${server} refused the secret (HTTP ${status}). OpenVidu's REST API uses Basic auth with the user OPENVIDUAPP and the OPENVIDU_SECRET of the deployment as password.`,
				'auth',
				status
			);
		}
		if (kind === 'cdr-http')
			return new FeedError(
				`${server} refused access to the file (HTTP ${status}).`,
				'auth',
				status
			);
		return new FeedError(
			`Livepeer refused the API key (HTTP ${status}). Check the key, and that it is a CORS-enabled key allowing ${appOrigin()}.`,
			'auth',
			status
		);
	}
	if (status === 404) {
		const what =
			kind === 'livepeer-health' || kind === 'livepeer-events'
				? 'Check the API URL and the stream id.'
				: 'Check the URL.';
		return new FeedError(`${server} answered “not found” (HTTP 404). ${what}`, 'fatal', status);
	}
	if (status === 429)
		return new FeedError(
			`${server} asked to slow down (HTTP 429); retrying later.`,
			'server',
			status
		);
	if (status >= 500)
		return new FeedError(
			`${server} had an error of its own (HTTP ${status}); retrying.`,
			'server',
			status
		);
	return new FeedError(`${server} answered HTTP ${status}.`, 'fatal', status);
}

/** A 200 whose body is a web page (a login page, a proxy's error page) rather than data. */
export function htmlFailure(url: string): FeedError {
	return new FeedError(
		`${originOf(url)} answered with a web page, not data — probably a login page or a proxy's error page in front of the API. Check the URL (and that no single sign-on sits in front of it).`,
		'data'
	);
}

export function timeoutFailure(url: string, ms: number): FeedError {
	return new FeedError(
		`${originOf(url)} did not answer within ${Math.round(ms / 1000)} s; retrying.`,
		'timeout'
	);
}

/** True when a body looks like HTML whatever the content type says. */
export function looksLikeHtml(text: string, contentType: string | null): boolean {
	return /text\/html/i.test(contentType ?? '') || /^\s*<(!doctype|html|head|body)\b/i.test(text);
}
