/**
 * A saved session — a "case" (vonage-session-inspector.md "Saving Sessions": a required name and
 * up to three tags; at most 1,000 saved). rtcscope saves a session or one meeting of it, with
 * notes. Cases are never removed by retention, and deleting an import they depend on asks first.
 *
 * Persisted in the `cases` table: renaming a field needs a migration.
 */
export interface CaseRow {
	/** `<sessionKey>#<meeting index | all>`: saving the same session (meeting) again edits it. */
	id: string;
	sessionKey: string;
	/** 1-based meeting index, or null for the whole session. */
	meeting: number | null;
	name: string;
	/** At most MAX_CASE_TAGS, each trimmed and unique. */
	tags: string[];
	notes: string;
	/** UTC ms. */
	savedAt: number;
	updatedAt: number;
}

export const MAX_CASES = 1_000;
export const MAX_CASE_TAGS = 3;
export const MAX_CASE_NAME = 120;
export const MAX_TAG_CHARS = 40;
export const MAX_NOTES_CHARS = 4_000;

export function caseId(sessionKey: string, meeting: number | null): string {
	return `${sessionKey}#${meeting ?? 'all'}`;
}

export interface CaseInput {
	sessionKey: string;
	meeting: number | null;
	name: string;
	tags: string[];
	notes?: string;
}

/**
 * Checks and normalizes what the user typed.
 * @throws Error with a message for the user: no name, more than three tags, text too long.
 */
export function normalizeCase(input: CaseInput): Pick<CaseRow, 'name' | 'tags' | 'notes'> {
	const name = input.name.trim();
	if (!name) throw new Error('A saved session needs a name.');
	if (name.length > MAX_CASE_NAME) throw new Error(`The name is longer than ${MAX_CASE_NAME} characters.`);
	const tags = [...new Set(input.tags.map((t) => t.trim()).filter(Boolean))];
	if (tags.length > MAX_CASE_TAGS) throw new Error(`At most ${MAX_CASE_TAGS} tags per saved session.`);
	const long = tags.find((t) => t.length > MAX_TAG_CHARS);
	if (long) throw new Error(`The tag “${long.slice(0, 20)}…” is longer than ${MAX_TAG_CHARS} characters.`);
	const notes = (input.notes ?? '').trim();
	if (notes.length > MAX_NOTES_CHARS) throw new Error(`Notes are limited to ${MAX_NOTES_CHARS.toLocaleString('en')} characters.`);
	return { name, tags, notes };
}
