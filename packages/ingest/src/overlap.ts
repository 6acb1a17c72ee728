import { sqlNumber, sqlString, TABLES, type ClickHouseClient } from '@rtcscope/core/clickhouse';
import type { RtcscopeDb } from '@rtcscope/core/storage';

/**
 * Runs that share sessions must go one after the other (merge.ts): two at once each pull the
 * server's rows before the other has written, and the one written last keeps only its own part
 * of a shared session. Nothing in ClickHouse can lock that, so each run says what it covered —
 * its app and the span of its sessions, in `rtcscope_runs` (migration 4) — and after writing
 * asks which other runs over the same app and hours went while it merged and wrote. Two runs
 * race when each began to merge before the other finished; the one that finishes last then finds
 * the other done after its own merge began (or still running), so at least one of them says so.
 * The cure, once both are done: both runs' inputs again, one after the other — the second's merge
 * pulls the first's part (a rerun of the run written last alone finds its own part there and
 * pulls nothing). Times are each host's clock: hosts whose clocks differ by more than a run's
 * push may miss a race.
 */

/** A run's app label and the span of the sessions it read, UTC ms (rtcscope_runs columns). */
export interface RunSpan {
	app: string;
	from_at: number;
	to_at: number;
}

export interface OverlappingRun {
	runId: string;
	host: string;
	startedAt: number;
	/** 'running' (not finished when this run checked) or 'done'. */
	status: string;
}

/** The app and span of what a run's store holds, before anything is pulled into it. */
export async function runSpan(db: RtcscopeDb): Promise<RunSpan> {
	const app = (await db.imports.toArray()).find((i) => i.app)?.app ?? 'default';
	let from = Infinity;
	let to = -Infinity;
	// lastAt is not indexed: one pass over the run's sessions (held in memory).
	await db.sessions.each((s) => {
		from = Math.min(from, s.firstAt);
		to = Math.max(to, s.lastAt);
	});
	return Number.isFinite(from) && Number.isFinite(to) ? { app, from_at: from, to_at: to } : { app, from_at: 0, to_at: 0 };
}

/**
 * Other runs over the same app whose sessions' span meets this run's, that were still running
 * when this run checked or finished after it began to merge (`mergeAt`, UTC ms). Earlier runs
 * over the same inputs (this run supersedes them) and runs without a span are left out.
 * @throws ClickHouseError
 */
export async function overlappingRuns(client: ClickHouseClient, runId: string, span: RunSpan, mergeAt: number): Promise<OverlappingRun[]> {
	if (span.from_at === 0 && span.to_at === 0) return [];
	const digest = runId.split('-')[0] as string;
	const rows = await client.rows<{ run_id: string; host: string; started_at: number; status: string }>(
		`SELECT run_id, host, started_at, status FROM ${TABLES.runs} FINAL
		WHERE run_id NOT LIKE ${sqlString(`${digest}-%`)} AND app = ${sqlString(span.app)} AND NOT (from_at = 0 AND to_at = 0)
			AND from_at <= ${sqlNumber(span.to_at)} AND to_at >= ${sqlNumber(span.from_at)}
			AND (status = 'running' OR (status = 'done' AND finished_at > ${sqlNumber(mergeAt)}))
		ORDER BY started_at`
	);
	return rows.map((r) => ({ runId: r.run_id, host: r.host, startedAt: Number(r.started_at), status: r.status }));
}
