import { describe, expect, it } from 'vitest';
import { importFile } from '../import/pipeline.js';
import { loadFleetDays } from '../storage/fleet.js';
import { freshDb, readShared } from '../test-support/helpers.js';
import { refreshFleet } from './refresh.js';
import { ALL_APPS, DAY_MS } from './rollup.js';

/**
 * A session whose rooms start weeks after its first event. Read by hand in the docs CDR
 * (openvidu.io-docs__cdr-doc-examples-2018-2022.jsonl): fds4e07mdug1ga3h is created on
 * 2018-01-18 (line 1, 1516292370848) and destroyed on 2018-10-02 (line 10); its first join is
 * 6ptvp0in09fhbroy at 2018-04-17 13:28:03.629 (line 3), who leaves 9.237 s later (line 4); on
 * 2018-10-02 wsalcr1r72goj8sk joins at 11:55:30.760 (line 11), ges2furjsjjmyi0b's connection is
 * created at 11:56:59.726 (line 13), lgge40niviipjzwg leaves at 11:59:57.612 having started at
 * 11:58:52.507 (line 12: startTime 1538481532507, duration 65 s), and the
 * session ends at 12:01:39.154 (line 10). The roll-up used to look at a session only within 7
 * days of its first event, so this room was counted on no day at all.
 */
describe('fleet roll-up of a session longer than 7 days', () => {
	it('counts its room on the day of its first join and its joins on theirs', async () => {
		const db = freshDb();
		const text = readShared('data/real/openvidu-cdr/extracted/openvidu.io-docs__cdr-doc-examples-2018-2022.jsonl');
		const outcome = await importFile({ file: new Blob([text]), name: 'docs-cdr.jsonl' }, { db });
		expect(outcome.kind).toBe('done');
		const row = await db.sessions.get('openvidu:fds4e07mdug1ga3h');
		expect(row?.longSpan).toBe(1);
		if (outcome.span) await refreshFleet(db, outcome.span.from, outcome.span.to);

		const april = Date.UTC(2018, 3, 17);
		const [a] = await loadFleetDays(db, ALL_APPS, april, april + DAY_MS);
		expect(a?.rollup.rooms).toBe(1);
		expect(a?.rollup.joins).toBe(1);
		expect(a?.rollup.callMs).toBe(1523971692866 - 1523971683629);

		const october = Date.UTC(2018, 9, 2);
		const [o] = await loadFleetDays(db, ALL_APPS, october, october + DAY_MS);
		expect(o?.rollup.rooms).toBe(0);
		expect(o?.rollup.joins).toBe(3);
		// wsalcr and ges2furj until the session's end (no leave seen), lgge40 from its startTime to its leave.
		const end = 1538481699154;
		expect(o?.rollup.callMs).toBe(end - 1538481330760 + (end - 1538481419726) + (1538481597612 - 1538481532507));
	});
});
