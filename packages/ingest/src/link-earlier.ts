import { LIVE_ROOM, sqlNumber, sqlString, TABLES, type ClickHouseClient } from '@rtcscope/core/clickhouse';
import { DUMP_SEARCH_MS, LINK_WINDOW_MS } from '@rtcscope/core';
import { sessionKey, type SessionRow } from '@rtcscope/core/model';
import { readImportApps, sessionApp, type RtcscopeDb } from '@rtcscope/core/storage';
import type { createIngestApi } from '@rtcscope/core/worker-api';
import { KEYS_PER_QUERY, pullSessions } from './pull.js';

/**
 * A dump links to the call it was taken in (import/link-dumps.ts), whichever of the two the
 * store got first (import/link-waiting.ts). A run's store holds only its own inputs, so across
 * runs the call and its dumps must meet in it: before the push, the server's sessions on the
 * other side are pulled as bundles into the store, the job's linking pass links what it can,
 * and what linked nothing is removed again (the run rewrites only what changed).
 * - linkToEarlierCalls: the run's unlinked dumps, and the calls earlier runs wrote that could
 *   hold them (the usual order: CDR continuously, dumps when users send them);
 * - linkEarlierDumps: the run's calls, and the dumps earlier runs wrote as rooms of their own
 *   near them (a folder of dumps ingested before the CDR). Those dumps' rooms are retired on
 *   the server by the push (push.ts retireRooms): they count inside the call's room now.
 * Two runs at once (one with the calls, one with the dumps) may each miss the other: the
 * overlap check (overlap.ts) says so, and rerunning either links them.
 */

/** Dumps per query: each adds one condition of three comparisons. */
const DUMPS_PER_QUERY = 200;
/** How long before a dump a call may have begun (link-dumps.ts looks a day back). */
const CALL_LOOKBACK_MS = 86_400_000;

export interface LinkReport {
	/** Dumps now counted inside a call: the run's (linkToEarlierCalls) or earlier runs' (linkEarlierDumps). */
	dumps: number;
	/** The imports the pulled bundles made in the run's store: not inputs, kept out of the file ledger. */
	importIds: string[];
}

const NOTHING: LinkReport = { dumps: 0, importIds: [] };

/**
 * Pulls the server's calls that could hold one of the run's unlinked dumps: those its page URL
 * names (whenever they began and whatever their app label: a URL names a call without a time
 * check, link-dumps.ts), and those of the same app begun up to a day before it and not ended
 * more than LINK_WINDOW_MS before it; the pull's linking pass links the dumps to them. Pulled
 * calls no dump linked to are removed again. By time only within the app: the browser's rules
 * know no app, but two apps' calls share every hour of a fleet, and pulling the other app's
 * calls and dumps made the demo fleet's ingest (one run per app) take 137.7 s instead of
 * 110.4 s in one process, 138.5 s instead of 74.9 s in two at once.
 * @throws ClickHouseError; Error when a pulled bundle fails to import
 */
export async function linkToEarlierCalls(db: RtcscopeDb, client: ClickHouseClient, api: ReturnType<typeof createIngestApi>, runId: string): Promise<LinkReport> {
	const { dumps, hints } = await unlinkedDumps(db);
	if (dumps.length === 0) return NOTHING;
	const apps = await readImportApps(db);
	const held = new Set((await db.sessions.toCollection().primaryKeys()).map(String));
	const calls = new Map<string, string>();
	const named = [...new Set(hints.map((h) => sessionKey('openvidu', h) as string))].filter((k) => !held.has(k));
	for (let i = 0; i < named.length; i += KEYS_PER_QUERY) {
		const rows = await client.rows<{ session_key: string; app: string }>(
			`SELECT session_key, app FROM ${TABLES.sessions} FINAL WHERE provider != 'webrtc' AND session_key IN (${named.slice(i, i + KEYS_PER_QUERY).map(sqlString).join(', ')})`
		);
		for (const r of rows) calls.set(r.session_key, r.app);
	}
	for (let i = 0; i < dumps.length; i += DUMPS_PER_QUERY) {
		const near = dumps.slice(i, i + DUMPS_PER_QUERY).map(
			(d) =>
				`(app = ${sqlString(sessionApp(d, apps))} AND first_at >= ${sqlNumber(d.firstAt - CALL_LOOKBACK_MS)} AND first_at <= ${sqlNumber(d.lastAt + LINK_WINDOW_MS)} AND last_at >= ${sqlNumber(d.firstAt - LINK_WINDOW_MS)})`
		);
		const rows = await client.rows<{ session_key: string; app: string }>(
			`SELECT session_key, app FROM ${TABLES.sessions} FINAL WHERE provider != 'webrtc' AND (${near.join(' OR ')})`
		);
		for (const r of rows) if (!held.has(r.session_key)) calls.set(r.session_key, r.app);
	}
	const pulled = await pullSessions(client, api, `${runId}-calls`, calls);
	if (pulled.size === 0) return NOTHING;
	const linked = await db.qualityStreams.where('linkedSessionKey').anyOf([...pulled.keys()]).toArray();
	const used = new Set(linked.map((s) => s.linkedSessionKey as string));
	return { dumps: new Set(linked.map((s) => s.sessionKey)).size, importIds: await keepOnly(api, pulled, used) };
}

/**
 * Pulls the dumps earlier runs wrote as rooms of their own (live rooms of `webrtc:` sessions of
 * the same app: see linkToEarlierCalls) that begin within DUMP_SEARCH_MS of one of the run's
 * calls, the window the browser's pass searches; the pull's linking pass links those that
 * belong to the run's calls, and the others are removed again. A dump whose server bundle predates the URL words
 * (`linkHints`) is not relinked, as in the browser.
 * @throws ClickHouseError; Error when a pulled bundle fails to import
 */
export async function linkEarlierDumps(db: RtcscopeDb, client: ClickHouseClient, api: ReturnType<typeof createIngestApi>, runId: string): Promise<LinkReport> {
	const sessions = await db.sessions.toArray();
	const calls = sessions.filter((s) => s.provider !== 'webrtc');
	if (calls.length === 0) return NOTHING;
	const apps = await readImportApps(db);
	const held = new Set(sessions.map((s) => s.key as string));
	const near = searchWindows(calls.map((c) => ({ app: sessionApp(c, apps), from: c.firstAt - DUMP_SEARCH_MS, to: c.lastAt + DUMP_SEARCH_MS })));
	const rows = await client.rows<{ session_key: string; app: string }>(
		`SELECT session_key, app FROM ${TABLES.rooms} FINAL WHERE ${LIVE_ROOM} AND session_key LIKE 'webrtc:%' AND (${near
			.map((w) => `(app = ${sqlString(w.app)} AND first_at >= ${sqlNumber(w.from)} AND first_at <= ${sqlNumber(w.to)})`)
			.join(' OR ')})`
	);
	const dumps = new Map(rows.filter((r) => !held.has(r.session_key)).map((r) => [r.session_key, r.app]));
	const pulled = await pullSessions(client, api, `${runId}-dumps`, dumps);
	if (pulled.size === 0) return NOTHING;
	const streams = await db.qualityStreams.where('sessionKey').anyOf([...pulled.keys()]).toArray();
	const linked = new Set(streams.filter((s) => s.linkedSessionKey).map((s) => s.sessionKey as string));
	return { dumps: linked.size, importIds: await keepOnly(api, pulled, linked) };
}

/** The calls' search windows (UTC ms), per app, merged where they overlap: a week of calls is one window. */
function searchWindows(windows: { app: string; from: number; to: number }[]): { app: string; from: number; to: number }[] {
	const out: { app: string; from: number; to: number }[] = [];
	for (const w of [...windows].sort((a, b) => (a.app < b.app ? -1 : a.app > b.app ? 1 : a.from - b.from))) {
		const last = out[out.length - 1];
		if (last && last.app === w.app && w.from <= last.to) last.to = Math.max(last.to, w.to);
		else out.push({ ...w });
	}
	return out;
}

/** Removes the pulled sessions not in `keep` from the store. @returns the import ids kept */
async function keepOnly(api: ReturnType<typeof createIngestApi>, pulled: ReadonlyMap<string, string>, keep: ReadonlySet<string>): Promise<string[]> {
	const unused = [...pulled].filter(([key]) => !keep.has(key)).map(([, id]) => id);
	if (unused.length > 0) await api.removeImports(unused);
	return [...pulled].filter(([key]) => keep.has(key)).map(([, id]) => id);
}

/** The run's dump sessions none of whose streams is linked to a call, and the words of their page URLs. */
async function unlinkedDumps(db: RtcscopeDb): Promise<{ dumps: SessionRow[]; hints: string[] }> {
	const dumps = await db.sessions.filter((s) => s.provider === 'webrtc').toArray();
	if (dumps.length === 0) return { dumps: [], hints: [] };
	const streams = await db.qualityStreams.where('sessionKey').anyOf(dumps.map((d) => d.key)).toArray();
	const linked = new Set(streams.filter((s) => s.linkedSessionKey).map((s) => s.sessionKey as string));
	const hints = streams.filter((s) => !linked.has(s.sessionKey)).flatMap((s) => s.linkHints ?? []);
	return { dumps: dumps.filter((d) => !linked.has(d.key)), hints };
}
