import type { SourcedEvent } from '../model/events.js';

/**
 * Events in time order, each source line once. The same line can arrive from two files (a
 * rotated CDR file imported along with a later full copy, a live tail and the file); its content
 * key makes it count once. Ties keep import and line order, so a file's own order wins.
 */
export function orderedUniqueEvents(events: readonly SourcedEvent[]): SourcedEvent[] {
	const seen = new Set<string>();
	const out: SourcedEvent[] = [];
	for (const e of events) {
		if (seen.has(e.key)) continue;
		seen.add(e.key);
		out.push(e);
	}
	out.sort(
		(a, b) =>
			a.at - b.at ||
			(a.importId < b.importId ? -1 : a.importId > b.importId ? 1 : 0) ||
			a.line - b.line
	);
	return out;
}
