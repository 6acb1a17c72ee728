import { PROVIDERS, sessionKey } from '../model/ids.js';
import type { SessionRow } from '../model/rows.js';
import type { RtcscopeDb } from './db.js';

/**
 * The sessions that hold recordings (the Recordings list and the Archive Inspector's search),
 * found through the sessions' `recordingIds` index. Each recording's analysis is analysis/
 * recording-rows.ts's.
 */

/** Sessions that have at least one recording, newest first. */
export async function listRecordingSessions(db: RtcscopeDb): Promise<SessionRow[]> {
	const rows = await db.sessions.orderBy('recordingIds').distinct().toArray();
	return rows.sort((a, b) => b.firstAt - a.firstAt);
}

/**
 * Sessions a search names: an exact recording/archive id, or a session id of any provider (the
 * Archive Inspector's "session ID or archive ID").
 */
export async function findRecordingSessions(db: RtcscopeDb, query: string): Promise<SessionRow[]> {
	const q = query.trim();
	if (!q) return [];
	const byRecording = await db.sessions.where('recordingIds').equals(q).toArray();
	const keys = q.includes(':') ? [q] : PROVIDERS.map((p) => sessionKey(p, q));
	const bySession = (await db.sessions.bulkGet(keys)).filter((r): r is SessionRow => r !== undefined);
	const seen = new Set<string>();
	return [...byRecording, ...bySession].filter((r) => (seen.has(r.key) ? false : (seen.add(r.key), true)));
}
