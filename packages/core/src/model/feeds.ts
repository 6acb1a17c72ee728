/**
 * Live feeds (DESIGN.md "Live feeds"): sources the worker polls or streams from, each a record
 * in the `feeds` table with its settings, status and cursor. Credentials are NOT part of a feed
 * row: they live in the worker's memory, or in `feedSecrets` when the user opts in to
 * "remember on this device". Nothing here is ever exported or bundled.
 *
 * Persisted: renaming a field or a kind needs a migration.
 */
export type FeedKind = 'livepeer-health' | 'livepeer-events' | 'openvidu-rest' | 'cdr-http';

export const FEED_KIND_LABELS: Record<FeedKind, string> = {
	'livepeer-health': 'Livepeer health (poll)',
	'livepeer-events': 'Livepeer events (Server-Sent Events)',
	'openvidu-rest': 'OpenVidu REST sessions (poll)',
	'cdr-http': 'CDR file over HTTP (tail with Range)'
};

/** What the user chose (no secret). */
export interface FeedSettings {
	kind: FeedKind;
	/** Shown in lists; defaults to the URL's host and the stream id. */
	label: string;
	/**
	 * Livepeer: the API root (`https://livepeer.studio/api` or a proxy); OpenVidu: the server root
	 * (`https://openvidu.example.com`); CDR: the file's full URL. http(s) only.
	 */
	url: string;
	/** Livepeer stream id (the same id as in the regular API). */
	streamId?: string;
	/** Poll interval in ms (health, REST, CDR); at least MIN_POLL_MS. */
	intervalMs: number;
	/** App / project label the feed's sessions count under (OpenVidu REST, CDR). */
	app?: string;
}

export const DEFAULT_POLL_MS: Record<FeedKind, number> = {
	'livepeer-health': 10_000,
	'livepeer-events': 0,
	'openvidu-rest': 5_000,
	'cdr-http': 5_000
};
export const MIN_POLL_MS = 1_000;
/** A request that has not answered after this long is abandoned and reported as a timeout. */
export const REQUEST_TIMEOUT_MS = 15_000;

export type FeedState =
	/** Not started yet, or starting. */
	| 'connecting'
	/** The last request (or the stream) succeeded. */
	| 'live'
	/** The last request failed; the feed retries after `retryAt`. */
	| 'retrying'
	/** The credential is missing (not remembered, and the page reloaded): the user must give it. */
	| 'needs-key'
	/** Stopped by the user, or by an error retrying cannot fix (a refused key). */
	| 'paused';

export interface FeedStatus {
	state: FeedState;
	/** One sentence for the user: what happened and what to do. */
	message: string;
	/** UTC ms of the last success and the last failure. */
	lastOkAt: number | null;
	lastErrorAt: number | null;
	/** When the next attempt is due (retrying), UTC ms. */
	retryAt: number | null;
	/** Requests made, records received, records that were new (stored), problems. */
	requests: number;
	received: number;
	stored: number;
	problems: number;
}

/** Where a feed resumes after a reload or a dropped connection. */
export interface FeedCursor {
	/** Livepeer events: the last event's id (sent as `Last-Event-ID`) and time (`from`). */
	lastEventId?: string | null;
	lastEventAt?: number | null;
	/** The `retry:` interval the server asked for, ms. */
	retryMs?: number | null;
	/** CDR over HTTP: bytes read so far (the next `Range` starts here), and the file's lines so far. */
	offset?: number;
	lineNo?: number;
	/** OpenVidu REST: what the last poll saw (see formats/openvidu-rest/diff.ts). */
	snapshot?: unknown;
	/** CDR / REST writes: the next window number of the feed's import. */
	nextSeq?: number;
}

export interface FeedRow {
	id: string;
	settings: FeedSettings;
	/** False once paused by the user; a reload resumes every enabled feed. */
	enabled: boolean;
	/** The credential is kept in `feedSecrets` (the user opted in). */
	remember: boolean;
	/** The feed's import record id (its data are removed with it). */
	importId: string;
	createdAt: number;
	status: FeedStatus;
	cursor: FeedCursor;
}

/** A remembered credential: Livepeer API key, or OpenVidu secret. Never exported. */
export interface FeedSecretRow {
	id: string;
	secret: string;
}

/** True for kinds that need a credential. */
export function feedNeedsSecret(kind: FeedKind): boolean {
	return kind !== 'cdr-http';
}

export function initialStatus(): FeedStatus {
	return {
		state: 'connecting',
		message: 'Starting…',
		lastOkAt: null,
		lastErrorAt: null,
		retryAt: null,
		requests: 0,
		received: 0,
		stored: 0,
		problems: 0
	};
}
