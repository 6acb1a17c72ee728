import type { RtcscopeDb } from './db.js';

/**
 * Row counts kept as rows (table `storeCounts`, storage version 9), so the header can say how
 * many sessions are stored without Chrome walking every session row to count them (133–169 ms
 * for 21,293 sessions, growing with the store). Each count changes inside the transaction that
 * adds or deletes the rows it counts (storage/writer.ts), so it is never ahead of or behind them.
 * A missing row is 0: a new database has no sessions, and the upgrade to version 9 counted an
 * existing one's.
 */
export interface StoreCountRow {
	/** What is counted: `sessions` (rows of the sessions table). */
	key: 'sessions';
	n: number;
}

/** Adds `delta` (negative to subtract) to the session count; inside a transaction holding `storeCounts`. */
export async function addSessionCount(db: RtcscopeDb, delta: number): Promise<void> {
	if (delta === 0) return;
	const row = await db.storeCounts.get('sessions');
	await db.storeCounts.put({ key: 'sessions', n: (row?.n ?? 0) + delta });
}

/** The number of stored sessions, from the count row (no walk of the sessions table). */
export async function storedSessionCount(db: RtcscopeDb): Promise<number> {
	return (await db.storeCounts.get('sessions'))?.n ?? 0;
}
