import { caseId, MAX_CASES, normalizeCase, type CaseInput, type CaseRow } from '../model/cases.js';
import type { ImportRecord } from '../model/imports.js';
import type { RtcscopeDb } from './db.js';

/** Saved sessions: writes (the ingest worker) and reads (the views). */

/**
 * Saves (or, for the same session and meeting, edits) a case.
 * @throws Error for invalid input (see normalizeCase) or when 1,000 cases are saved already.
 */
export async function saveCase(db: RtcscopeDb, input: CaseInput, now = Date.now()): Promise<CaseRow> {
	const fields = normalizeCase(input);
	const id = caseId(input.sessionKey, input.meeting);
	return db.transaction('rw', db.cases, async () => {
		const existing = await db.cases.get(id);
		if (!existing && (await db.cases.count()) >= MAX_CASES) {
			throw new Error(`You have ${MAX_CASES.toLocaleString('en')} saved sessions, the limit. Delete some before saving another.`);
		}
		const row: CaseRow = {
			id,
			sessionKey: input.sessionKey,
			meeting: input.meeting,
			...fields,
			savedAt: existing?.savedAt ?? now,
			updatedAt: now
		};
		await db.cases.put(row);
		return row;
	});
}

export async function deleteCases(db: RtcscopeDb, ids: readonly string[]): Promise<void> {
	await db.cases.bulkDelete([...ids]);
}

/** Cases newest first, optionally only those with every given tag. */
export async function listCases(db: RtcscopeDb, tags: readonly string[] = []): Promise<CaseRow[]> {
	const rows = await db.cases.orderBy('savedAt').reverse().toArray();
	return tags.length === 0 ? rows : rows.filter((r) => tags.every((t) => r.tags.includes(t)));
}

/** Every tag in use, with how many cases carry it. */
export async function caseTags(db: RtcscopeDb): Promise<{ tag: string; count: number }[]> {
	const counts = new Map<string, number>();
	for (const row of await db.cases.toArray()) for (const t of row.tags) counts.set(t, (counts.get(t) ?? 0) + 1);
	return [...counts].map(([tag, count]) => ({ tag, count })).sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}

export async function casesOfSession(db: RtcscopeDb, sessionKey: string): Promise<CaseRow[]> {
	return db.cases.where('sessionKey').equals(sessionKey).toArray();
}

/**
 * Cases whose session has events from an import: deleting the import would take their data
 * (fully when no other import has the session).
 */
export async function casesDependingOn(db: RtcscopeDb, importId: string): Promise<CaseRow[]> {
	const cases = await db.cases.toArray();
	if (cases.length === 0) return [];
	const sessions = await db.sessions.bulkGet([...new Set(cases.map((c) => c.sessionKey))]);
	const affected = new Set(sessions.filter((s) => s?.importIds.includes(importId as never)).map((s) => s?.key as string));
	return cases.filter((c) => affected.has(c.sessionKey));
}

/** Imports that saved cases depend on (retention keeps them). */
export async function importsKeptByCases(db: RtcscopeDb): Promise<Set<ImportRecord['id']>> {
	const cases = await db.cases.toArray();
	const sessions = await db.sessions.bulkGet([...new Set(cases.map((c) => c.sessionKey))]);
	return new Set(sessions.flatMap((s) => s?.importIds ?? []));
}
