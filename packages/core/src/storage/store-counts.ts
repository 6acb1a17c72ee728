import type { RtcscopeDb } from './db.js';

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
