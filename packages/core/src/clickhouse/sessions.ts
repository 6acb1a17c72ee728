import { sqlNumber, sqlString, type ClickHouseClient } from './http.js';
import { TABLES } from './schema.js';

/** A session as the ClickHouse store lists it (a `rtcscope_sessions` row). Times UTC ms. */
export interface ServerSession {
	sessionKey: string;
	provider: string;
	sessionId: string;
	app: string;
	firstAt: number;
	lastAt: number;
	durationMs: number;
	participantCount: number;
	/** Events of warning or error severity (abnormal ends, failed recordings). */
	issues: number;
	recordings: number;
	endedAt: number | null;
	/** Bytes of the session's bundle (gzipped), 0 when none was stored. */
	bundleBytes: number;
}

export interface ServerSessionQuery {
	/** Matched as a substring (case-insensitive) of the session id, key or any clientData. */
	text?: string;
	app?: string;
	/** Sessions overlapping [fromAt, toAt], UTC ms. */
	fromAt?: number;
	toAt?: number;
	/** At most this many, newest first (default 100, at most 1,000). */
	limit?: number;
}

/** Searches the server's sessions, newest first. @throws ClickHouseError */
export async function searchServerSessions(client: ClickHouseClient, q: ServerSessionQuery): Promise<{ sessions: ServerSession[]; total: number }> {
	const where: string[] = ['1'];
	const text = q.text?.trim().toLowerCase();
	if (text) {
		const t = sqlString(text);
		where.push(`(positionUTF8(lowerUTF8(session_id), ${t}) > 0 OR positionUTF8(lowerUTF8(session_key), ${t}) > 0 OR arrayExists(c -> positionUTF8(lowerUTF8(c), ${t}) > 0, client_data))`);
	}
	if (q.app) where.push(`app = ${sqlString(q.app)}`);
	if (q.fromAt !== undefined) where.push(`last_at >= ${sqlNumber(q.fromAt)}`);
	if (q.toAt !== undefined) where.push(`first_at <= ${sqlNumber(q.toAt)}`);
	const limit = Math.min(1000, Math.max(1, Math.floor(q.limit ?? 100)));
	const cond = where.join(' AND ');
	const [rows, count] = await Promise.all([
		client.rows<Record<string, unknown>>(
			`SELECT session_key, provider, session_id, app, first_at, last_at, duration_ms, participant_count, issues, recordings, ended_at
			FROM ${TABLES.sessions} FINAL WHERE ${cond} ORDER BY first_at DESC, session_key LIMIT ${limit}`
		),
		client.rows<{ n: number }>(`SELECT count() AS n FROM ${TABLES.sessions} FINAL WHERE ${cond}`)
	]);
	const keys = rows.map((r) => sqlString(String(r.session_key)));
	const sizes = new Map<string, number>();
	if (keys.length > 0) {
		const found = await client.rows<{ session_key: string; bytes: number }>(
			`SELECT session_key, bytes FROM ${TABLES.bundles} FINAL WHERE session_key IN (${keys.join(', ')})`
		);
		for (const f of found) sizes.set(f.session_key, Number(f.bytes));
	}
	return {
		total: Number(count[0]?.n ?? 0),
		sessions: rows.map((r) => ({
			sessionKey: String(r.session_key),
			provider: String(r.provider),
			sessionId: String(r.session_id),
			app: String(r.app),
			firstAt: Number(r.first_at),
			lastAt: Number(r.last_at),
			durationMs: Number(r.duration_ms),
			participantCount: Number(r.participant_count),
			issues: Number(r.issues),
			recordings: Number(r.recordings),
			endedAt: r.ended_at === null || r.ended_at === undefined ? null : Number(r.ended_at),
			bundleBytes: sizes.get(String(r.session_key)) ?? 0
		}))
	};
}

/**
 * The session's case bundle (formats/bundle: every event, the dumps' streams and stats linked
 * to it), gzipped, as the ingest command stored it; null when the server has none.
 * @throws ClickHouseError
 */
export async function loadServerBundle(client: ClickHouseClient, sessionKey: string): Promise<Uint8Array<ArrayBuffer> | null> {
	return (await loadServerBundles(client, [sessionKey])).get(sessionKey) ?? null;
}

/** {@link loadServerBundle} for several sessions in one query: the bundles the server holds, by session key. @throws ClickHouseError */
export async function loadServerBundles(client: ClickHouseClient, sessionKeys: readonly string[]): Promise<Map<string, Uint8Array<ArrayBuffer>>> {
	const out = new Map<string, Uint8Array<ArrayBuffer>>();
	if (sessionKeys.length === 0) return out;
	const rows = await client.rows<{ session_key: string; bundle: string }>(
		`SELECT session_key, bundle FROM ${TABLES.bundles} FINAL WHERE session_key IN (${sessionKeys.map(sqlString).join(', ')})`
	);
	for (const r of rows) {
		if (!r.bundle) continue;
		const bin = atob(r.bundle);
		const bytes = new Uint8Array(bin.length);
		for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
		out.set(r.session_key, bytes);
	}
	return out;
}

/** Ingest runs that started and never finished (a killed process): the views rest on partial data. @throws ClickHouseError */
export async function unfinishedRuns(client: ClickHouseClient): Promise<{ runId: string; host: string; startedAt: number }[]> {
	const rows = await client.rows<{ run_id: string; host: string; started_at: number }>(
		`SELECT run_id, host, started_at FROM ${TABLES.runs} FINAL WHERE status = 'running' ORDER BY started_at`
	);
	return rows.map((r) => ({ runId: r.run_id, host: r.host, startedAt: Number(r.started_at) }));
}
