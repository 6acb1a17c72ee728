import type { SourcedEvent } from '../model/events.js';
import { sessionScope, type Scope } from '../model/ids.js';
import { blockEvents, parseBlockRef, type BlockRef, type EventBlockRow, type SessionRow } from '../model/rows.js';
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

/**
 * Parsed event blocks kept for reuse (least recently used dropped past `size`): a CDR block
 * holds many sessions, and reading sessions one after another in block order (the ingest
 * command's bundles) otherwise parses each block once per session in it.
 */
export class BlockCache {
	private readonly parsed = new Map<string, { imp: string; byScope: Record<string, SourcedEvent[]> }>();
	constructor(
		private readonly db: RtcscopeDb,
		private readonly size = 32
	) {}

	/** The session's events (fresh arrays of shared objects), as loadSessionEvents gives them. */
	async sessionEvents(row: Pick<SessionRow, 'key' | 'blockRefs'>): Promise<SourcedEvent[]> {
		const scope = sessionScope(row.key);
		const missing = row.blockRefs.filter((r) => !this.parsed.has(r));
		if (missing.length > 0) {
			const blocks = await this.db.eventBlocks.bulkGet(missing.map(parseBlockRef));
			blocks.forEach((b, i) => {
				if (b) this.parsed.set(missing[i] as string, { imp: b.imp, byScope: JSON.parse(b.eventsJson) as Record<string, SourcedEvent[]> });
			});
		}
		const out: SourcedEvent[] = [];
		for (const ref of row.blockRefs) {
			const entry = this.parsed.get(ref);
			if (!entry) continue;
			// Touch: most recently used last.
			this.parsed.delete(ref);
			this.parsed.set(ref, entry);
			for (const e of entry.byScope[scope] ?? []) out.push({ ...e, importId: entry.imp as SourcedEvent['importId'] });
		}
		while (this.parsed.size > this.size) this.parsed.delete(this.parsed.keys().next().value as string);
		return out;
	}
}
