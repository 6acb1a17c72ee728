import type { ImportId, Provider, Scope, SessionKey } from './ids.js';
import type { ModelEvent } from './events.js';

/**
 * Rows of the Dexie tables (storage/db.ts). Persisted: renaming a field needs a migration.
 *
 * Why blocks: IndexedDB rows, not parsing, are the bottleneck (DESIGN.md "Measured limits").
 * Sessions are searched, so each gets a row; events only ever load per session, so they go in
 * blocks of up to a window's worth per session and import.
 */

/**
 * One session's searchable summary. Every field is a min, max or set union over its events,
 * so merging the same window twice (a resumed import) changes nothing.
 */
export interface SessionRow {
	key: SessionKey;
	provider: Provider;
	sessionId: string;
	/** First and last event time, UTC ms. */
	firstAt: number;
	lastAt: number;
	/** lastAt − firstAt, ms: indexed so the list can sort by it. */
	durationMs: number;
	participantIds: string[];
	/** participantIds.length: indexed so the list can sort by it. */
	participantCount: number;
	/** Distinct clientData values (each cut to 200 characters, at most 50) for search. */
	clientData: string[];
	importIds: ImportId[];
	/** Content keys of events with severity warning or error (abnormal ends, failed recordings). */
	issueKeys: string[];
	recordingIds: string[];
}

/** Up to one window of events of one scope from one import. Key: [scope, imp, seq]. */
export interface EventBlockRow {
	scope: Scope;
	imp: ImportId;
	/** Window index within the import: deterministic, so re-running a window overwrites it. */
	seq: number;
	firstAt: number;
	lastAt: number;
	events: ModelEvent[];
}
