import { sqlString, TABLES, type ClickHouseClient } from '@rtcscope/core/clickhouse';
import type { SessionRow } from '@rtcscope/core/model';
import type { RtcscopeDb } from '@rtcscope/core/storage';
import type { createIngestApi } from '@rtcscope/core/worker-api';
import { KEYS_PER_QUERY, pullSessions } from './pull.js';

/** What a session row says, as both sides store it: equal means the server holds what this run read. */
interface Summary {
	first_at: number;
	last_at: number;
	duration_ms: number;
	participant_count: number;
	issues: number;
	recordings: number;
}

const same = (a: Summary, row: SessionRow) =>
	Number(a.first_at) === row.firstAt &&
	Number(a.last_at) === row.lastAt &&
	Number(a.duration_ms) === row.durationMs &&
	Number(a.participant_count) === row.participantCount &&
	Number(a.issues) === row.issueKeys.length &&
	Number(a.recordings) === row.recordingIds.length;

export interface MergeReport {
	/** Sessions whose earlier parts (from other runs' inputs) were merged into this run's. */
	sessions: number;
	/** The imports the pulled bundles made in the run's store: not inputs, kept out of the file ledger. */
	importIds: string[];
}

/**
 * A session's files can go to different runs: a CDR rotated mid-call, a session crossing
 * midnight between two days' runs. The server keeps one row per session (the newest run's), so
 * a run that wrote only its own part would replace the earlier part. Before pushing, each
 * session of this run that the server already holds with other figures (span, participants,
 * issues, recordings) is pulled as its bundle into the run's store, beside this run's part: the
 * rows pushed then hold both. Events count once by their identity and bundle streams already
 * held are dropped (import/end-outputs.ts), so merging what this run also read adds nothing.
 * A rerun over the same inputs finds equal rows and pulls nothing.
 *
 * Runs that share sessions must go one after the other: two at once each pull before the
 * other has pushed.
 * @throws ClickHouseError
 */
export async function mergeEarlierParts(
	db: RtcscopeDb,
	client: ClickHouseClient,
	api: ReturnType<typeof createIngestApi>,
	runId: string
): Promise<MergeReport> {
	const rows = await db.sessions.toArray();
	const mine = new Map(rows.map((r) => [r.key as string, r]));
	const differ = new Map<string, string>();
	for (let i = 0; i < rows.length; i += KEYS_PER_QUERY) {
		const keys = rows.slice(i, i + KEYS_PER_QUERY).map((r) => sqlString(r.key));
		const held = await client.rows<Summary & { session_key: string; app: string }>(
			`SELECT session_key, app, first_at, last_at, duration_ms, participant_count, issues, recordings
			FROM ${TABLES.sessions} FINAL WHERE session_key IN (${keys.join(', ')})`
		);
		for (const h of held) {
			const row = mine.get(h.session_key);
			if (row && !same(h, row)) differ.set(h.session_key, h.app);
		}
	}
	const pulled = await pullSessions(client, api, `${runId}-merge`, differ);
	return { sessions: pulled.size, importIds: [...pulled.values()] };
}
