import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCdrParser } from '../formats/openvidu-cdr/index.js';
import type { ParsedRecord } from '../formats/types.js';
import { readShared } from '../test-support/helpers.js';
import { ProblemLog } from './problems.js';
import type { ModelEvent, SourcedEvent } from './events.js';
import { eventIdentity, eventKey, orderedUniqueEvents } from './event-key.js';

/**
 * Event identities are stored (hashed, as a session row's issue keys): the identity must stay the
 * text it has always been, the seven fields joined by U+0001, whatever builds it.
 */
function joinedIdentity(e: ModelEvent, specific: string): string {
	return [e.type, e.at, e.participantId ?? '', e.streamId ?? '', e.peerId ?? '', e.reason ?? '', specific].join('\u0001');
}

describe('event identity (model/event-key.ts)', () => {
	it('is the seven fields joined by U+0001 for every event of the OpenVidu docs’ CDR examples', () => {
		const text = readShared('data/real/openvidu-cdr/extracted/openvidu.io-docs__cdr-doc-examples-2018-2022.jsonl');
		const parser = createCdrParser();
		const problems = new ProblemLog();
		const events = text
			.split('\n')
			.filter(Boolean)
			.flatMap((line, i) => [parser.parse(line, i + 1, problems, false)].flat())
			.filter((r): r is ParsedRecord => r !== null)
			.map((r) => r.event);
		// Read by hand: the file's 26 lines are 26 events (sessions fds4e07mdug1ga3h 16, TestSession 4,
		// ses_SuXO99zeb1 4, ses_Jd8tUyvhXO 2); session, connection and stream events add no detail.
		expect(events).toHaveLength(26);
		for (const e of events) {
			const d = e.detail;
			const specific = d.kind === 'recording' ? `${d.recordingId}|${d.status}` : d.kind === 'signal' ? `${d.from ?? ''}|${d.signalType ?? ''}|${d.data ?? ''}|${(d.to ?? []).join(',')}` : d.kind === 'filter' ? `${d.filterType ?? ''}|${d.eventType ?? ''}|${d.data ?? ''}` : '';
			expect(eventIdentity(e)).toBe(joinedIdentity(e, specific));
		}
		// The docs' first participantLeft (6ptvp0in09fhbroy at 1523971692866): the key rtcscope stored
		// for it before the identity was built from a template (cyrb53 in base 36, computed at 2854e3a).
		const left = events.find((e) => e.type === 'participantLeft') as ModelEvent;
		expect([left.participantId, left.at, eventKey(left)]).toEqual(['6ptvp0in09fhbroy', 1523971692866, 'l642zl1o00']);
	});
});

/** What orderedUniqueEvents did when it built every event's identity: the reference. */
function everyIdentity(events: readonly SourcedEvent[]): SourcedEvent[] {
	const seen = new Set<string>();
	const out = events.filter((e) => {
		const id = eventIdentity(e);
		if (seen.has(id)) return false;
		seen.add(id);
		return true;
	});
	return out.sort((a, b) => a.at - b.at || (a.importId < b.importId ? -1 : a.importId > b.importId ? 1 : 0) || a.line - b.line);
}

describe('ordered unique events (model/event-key.ts orderedUniqueEvents)', () => {
	// Few times, participants and imports: many events share a time, some are the same event.
	const eventArb = fc.record({
		at: fc.constantFrom(1_000, 1_001, 2_000, Number.NaN),
		type: fc.constantFrom('participantJoined', 'participantLeft'),
		category: fc.constant('connection' as const),
		phase: fc.constantFrom('start' as const, 'end' as const),
		severity: fc.constant('info' as const),
		detail: fc.constant({ kind: 'connection' as const }),
		participantId: fc.constantFrom('a', 'b'),
		line: fc.nat({ max: 5 }),
		importId: fc.constantFrom('i1', 'i2')
	}) as fc.Arbitrary<SourcedEvent>;

	it('keeps what building every identity keeps, in the same order, building only those that share a time', () => {
		fc.assert(
			fc.property(fc.array(eventArb, { maxLength: 30 }), (events) => {
				expect(orderedUniqueEvents(events)).toEqual(everyIdentity(events));
			})
		);
	});
});
