import { cyrb53 } from '../util/hash.js';
import type { ModelEvent, SourcedEvent } from './events.js';
import { assertNever } from '../util/assert.js';

/**
 * The identity of an event, from what it says rather than how it was written: the same event
 * from a CDR file and from a webhook capture of the same server (`{"sessionCreated":{…}}` and
 * `{"event":"sessionCreated",…}`), or from two overlapping CDR files, gets the same key and is
 * shown once. Scoped to a session or cluster (the scope is not part of the key).
 */
export function eventIdentity(e: Omit<ModelEvent, 'line'>): string {
	const d = e.detail;
	let specific: string;
	switch (d.kind) {
		case 'recording':
			specific = `${d.recordingId}|${d.status}`;
			break;
		case 'node':
			specific = `${d.nodeId}|${d.newStatus}`;
			break;
		case 'signal':
			specific = `${d.from ?? ''}|${d.signalType ?? ''}|${d.data ?? ''}|${(d.to ?? []).join(',')}`;
			break;
		case 'filter':
			specific = `${d.filterType ?? ''}|${d.eventType ?? ''}|${d.data ?? ''}`;
			break;
		case 'quality':
			specific = JSON.stringify(d.fields);
			break;
		case 'raw':
			specific = e.key ?? JSON.stringify(d.fields);
			break;
		case 'webrtc':
			specific = `${d.pcId ?? ''}|${d.state ?? ''}|${d.value ?? ''}`;
			break;
		case 'autoscaling':
			specific = d.reason ?? '';
			break;
		case 'connection':
		case 'stream':
		case 'session':
			specific = '';
			break;
		default:
			return assertNever(d, 'event detail');
	}
	// One template, not an array joined: this runs for every event a roll-up or a view reads.
	return `${e.type}\u0001${e.at}\u0001${e.participantId ?? ''}\u0001${e.streamId ?? ''}\u0001${e.peerId ?? ''}\u0001${e.reason ?? ''}\u0001${specific}`;
}

/** {@link eventIdentity} hashed to a short string, for identities that are stored. */
export function eventKey(e: Omit<ModelEvent, 'line'>): string {
	return cyrb53(eventIdentity(e)).toString(36);
}

/**
 * Events in time order, each event once. The same event can arrive from two files (a rotated
 * CDR file imported along with a later full copy, a webhook capture of the same server); its identity
 * (model/event-key.ts) makes it count once. Ties keep import and line order.
 */
export function orderedUniqueEvents(events: readonly SourcedEvent[]): SourcedEvent[] {
	// Two events of different times are never the same event (the time is part of the identity):
	// only events that share their time with another need their identity built, and in a CDR
	// (ms times) that is a few of a session's events, not all of them.
	const atCount = new Map<number, number>();
	for (const e of events) atCount.set(e.at, (atCount.get(e.at) ?? 0) + 1);
	const seen = new Set<string>();
	const out: SourcedEvent[] = [];
	for (const e of events) {
		if (atCount.get(e.at) !== 1) {
			const identity = eventIdentity(e);
			if (seen.has(identity)) continue;
			seen.add(identity);
		}
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
