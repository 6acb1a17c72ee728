import type { SourcedEvent } from '../model/events.js';
import type { Scope } from '../model/ids.js';
import { blockEvents, parseBlockRef, type BlockRef, type EventBlockRow } from '../model/rows.js';
import type { RtcscopeDb } from './db.js';

/** Reads the blocks a session row points to (missing ones, of a deleted import, are skipped). */
export async function readBlocks(
	db: RtcscopeDb,
	refs: readonly BlockRef[]
): Promise<EventBlockRow[]> {
	const rows = await db.eventBlocks.bulkGet(refs.map(parseBlockRef));
	return rows.filter((row): row is EventBlockRow => row !== undefined);
}

/** One scope's events from blocks, each with the import it came from (not yet deduplicated). */
export function scopeEvents(
	blocks: readonly EventBlockRow[],
	scope: Scope | string
): SourcedEvent[] {
	const out: SourcedEvent[] = [];
	for (const block of blocks) {
		for (const e of blockEvents(block, scope) as SourcedEvent[]) {
			e.importId = block.imp;
			out.push(e);
		}
	}
	return out;
}
