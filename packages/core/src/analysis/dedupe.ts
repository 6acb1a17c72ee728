import type { SourcedEvent } from '../model/events.js';
import { eventIdentity } from '../model/event-key.js';

/**
 * Events in time order, each event once. The same event can arrive from two files (a rotated
 * CDR file imported along with a later full copy, a webhook capture of the same server); its identity
 * (model/event-key.ts) makes it count once. Ties keep import and line order.
 */
export function orderedUniqueEvents(events: readonly SourcedEvent[]): SourcedEvent[] {
	const seen = new Set<string>();
	const out: SourcedEvent[] = [];
	for (const e of events) {
		const identity = eventIdentity(e);
		if (seen.has(identity)) continue;
		seen.add(identity);
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
