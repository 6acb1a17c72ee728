import { analyzeArchive, archiveInputOf, type ArchiveAnalysis } from '../analysis/archive.js';
import { buildSessionModel } from '../analysis/session-model.js';
import { PROVIDERS, sessionKey, type Provider, type SessionKey } from '../model/ids.js';
import type { SessionRow } from '../model/rows.js';
import type { Recording } from '../model/session.js';
import type { RtcscopeDb } from './db.js';
import { loadSessionEvents } from './queries.js';

/**
 * Recordings across providers (the Recordings list and the Archive Inspector's search), found
 * through the sessions' `recordingIds` index and read from their events.
 */
export interface RecordingRow {
	sessionKey: SessionKey;
	sessionId: string;
	provider: Provider;
	recording: Recording;
	analysis: ArchiveAnalysis;
}

/** Sessions that have at least one recording, newest first. */
export async function listRecordingSessions(db: RtcscopeDb): Promise<SessionRow[]> {
	const rows = await db.sessions.orderBy('recordingIds').distinct().toArray();
	return rows.sort((a, b) => b.firstAt - a.firstAt);
}

/** Every recording of the given sessions with its state-machine analysis. */
export async function loadRecordings(db: RtcscopeDb, sessions: readonly SessionRow[]): Promise<RecordingRow[]> {
	const out: RecordingRow[] = [];
	for (const row of sessions) {
		const model = buildSessionModel(row.key, await loadSessionEvents(db, row.key));
		for (const recording of model.recordings) {
			out.push({
				sessionKey: row.key,
				sessionId: row.sessionId,
				provider: row.provider,
				recording,
				analysis: analyzeArchive(archiveInputOf(model, recording))
			});
		}
	}
	return out.sort((a, b) => b.recording.startedAt - a.recording.startedAt);
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
