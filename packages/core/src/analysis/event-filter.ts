import type { ModelEvent } from '../model/events.js';
import { describeEvent } from './describe.js';

/**
 * The Event Log's text filter as in the Vonage Inspector (vonage-session-inspector.md
 * "Event Log"): terms added with "+" must all appear, terms added with "−" must not appear;
 * case-insensitive, matched against the event's type, ids, reason and description.
 */
export interface EventFilter {
	include: string[];
	exclude: string[];
	/** Only events of these participants (as actor or peer); empty means everyone. */
	participantIds: string[];
}

export const EMPTY_FILTER: EventFilter = { include: [], exclude: [], participantIds: [] };

export function eventSearchText(e: ModelEvent): string {
	return [e.type, e.category, e.participantId, e.peerId, e.streamId, e.reason, describeEvent(e)]
		.filter(Boolean)
		.join(' ')
		.toLowerCase();
}

export function filterEvents<T extends ModelEvent>(events: readonly T[], filter: EventFilter): T[] {
	const include = filter.include.map((t) => t.toLowerCase()).filter(Boolean);
	const exclude = filter.exclude.map((t) => t.toLowerCase()).filter(Boolean);
	const people = new Set(filter.participantIds);
	return events.filter((e) => {
		if (
			people.size > 0 &&
			!(e.participantId && people.has(e.participantId)) &&
			!(e.peerId && people.has(e.peerId))
		) {
			return false;
		}
		if (include.length === 0 && exclude.length === 0) return true;
		const text = eventSearchText(e);
		return include.every((t) => text.includes(t)) && !exclude.some((t) => text.includes(t));
	});
}
