import { describe, expect, it } from 'vitest';
import { createCdrParser } from '../formats/openvidu-cdr/index.js';
import type { ParsedRecord } from '../formats/types.js';
import { readShared } from '../test-support/helpers.js';
import { ProblemLog } from './problems.js';
import type { ModelEvent } from './events.js';
import { eventIdentity, eventKey } from './event-key.js';

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
