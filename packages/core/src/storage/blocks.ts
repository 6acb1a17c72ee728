import type { SourcedEvent } from '../model/events.js';
import { sessionScope, type Scope } from '../model/ids.js';
import { blockEvents, blockScopesEvents, parseBlockRef, type BlockRef, type EventBlockRow, type SessionRow } from '../model/rows.js';
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
 * Event blocks kept for reuse (least recently used dropped past `size`), each scope parsed once
 * when first asked for: a CDR block holds many sessions, and reading sessions one after another
 * in block order (the ingest command's bundles, the dumps of a folder linking to their calls)
 * otherwise reads and parses each block once per session in it. A block with spans
 * (model/rows.ts) parses only the scopes asked for; an older one is parsed whole once.
 */
export class BlockCache {
	private readonly held = new Map<string, { block: EventBlockRow; byScope: Map<string, SourcedEvent[]> }>();
	constructor(
		private readonly db: RtcscopeDb,
		private readonly size = 32
	) {}

	/**
	 * Reads the blocks of `rows` not held yet. Only IndexedDB requests are awaited, so a caller may
	 * run it inside its own read transaction (one transaction for a dump's link, link-dumps.ts).
	 */
	async fetch(rows: readonly Pick<SessionRow, 'blockRefs'>[]): Promise<void> {
		const missing = [...new Set(rows.flatMap((row) => row.blockRefs))].filter((r) => !this.held.has(r));
		if (missing.length === 0) return;
		const blocks = await this.db.eventBlocks.bulkGet(missing.map(parseBlockRef));
		blocks.forEach((block, i) => {
			if (block) this.held.set(missing[i] as string, { block, byScope: new Map() });
		});
	}

	/** The session's events (fresh arrays of shared objects), as loadSessionEvents gives them. */
	async sessionEvents(row: Pick<SessionRow, 'key' | 'blockRefs'>): Promise<SourcedEvent[]> {
		const scope = sessionScope(row.key);
		await this.fetch([row]);
		const out: SourcedEvent[] = [];
		for (const ref of row.blockRefs) {
			const entry = this.held.get(ref);
			if (!entry) continue;
			// Touch: most recently used last.
			this.held.delete(ref);
			this.held.set(ref, entry);
			const imp = entry.block.imp as SourcedEvent['importId'];
			for (const e of scopeOf(entry, scope)) out.push({ ...e, importId: imp });
		}
		while (this.held.size > this.size) this.held.delete(this.held.keys().next().value as string);
		return out;
	}
}

/** A held block's events of one scope, parsed on first use (a block without spans: all its scopes at once). */
function scopeOf(entry: { block: EventBlockRow; byScope: Map<string, SourcedEvent[]> }, scope: string): SourcedEvent[] {
	let events = entry.byScope.get(scope);
	if (events) return events;
	const wholeBlock = !entry.block.spans;
	for (const [s, list] of blockScopesEvents(entry.block, (s) => wholeBlock || s === scope)) entry.byScope.set(s, list as SourcedEvent[]);
	events = entry.byScope.get(scope) ?? [];
	entry.byScope.set(scope, events);
	return events;
}
