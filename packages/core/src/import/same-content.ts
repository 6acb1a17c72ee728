import type { ImportId } from '../model/ids.js';
import type { ImportRecord } from '../model/imports.js';
import type { RtcscopeDb } from '../storage/db.js';

/**
 * Finding an earlier import of the same file: by its id (the fingerprint of its bytes) or by its
 * content id (the fingerprint of its decoded bytes, content-id.ts), and the sentence that says so.
 */

/** A finished import other than `exceptId` whose content is `contentId` (its id, for a plain file). */
export async function sameContent(db: RtcscopeDb, contentId: string, exceptId: string): Promise<ImportRecord | undefined> {
	const byContent = await db.imports.where('contentId').equals(contentId).filter((r) => r.status === 'done' && r.id !== exceptId).first();
	if (byContent) return byContent;
	const byId = contentId === exceptId ? undefined : await db.imports.get(contentId as ImportId);
	return byId?.status === 'done' ? byId : undefined;
}

/**
 * In one read transaction (a dump's import makes few, and each waits for the writes before it):
 * the import record of `importId` if any, and a finished import of the same content — that record
 * itself when done, else another whose content id is `importId`.
 */
export async function priorAndTwin(db: RtcscopeDb, importId: ImportId): Promise<{ prior: ImportRecord | undefined; twin: ImportRecord | undefined }> {
	return db.transaction('r', db.imports, async () => {
		const prior = await db.imports.get(importId);
		const twin = prior?.status === 'done' ? prior : await sameContent(db, importId, importId);
		return { prior, twin };
	});
}

export function alreadyImported(prior: ImportRecord, sameContentOnly: boolean): string {
	const when = new Date(prior.finishedAt ?? prior.startedAt).toISOString().slice(0, 16).replace('T', ' ');
	const how = sameContentOnly ? `the same content (${prior.gzip ? 'gzipped' : 'plain'}) was imported` : 'Already imported';
	return `${sameContentOnly ? how[0]?.toUpperCase() + how.slice(1) : how} on ${when} UTC as "${prior.name}": nothing was added twice.`;
}
