import { describe, expect, it } from 'vitest';
import { importFile } from '../import/pipeline.js';
import { freshDb, jsonl, readShared } from '../test-support/helpers.js';
import { listImports, querySessions } from './queries.js';

describe('sessions by status and by app (SparkRTC §4.1)', () => {
	it('the docs CDR: only fds4e07mdug1ga3h has a sessionDestroyed; apps filter by import', async () => {
		// Read in the file: 4 sessions (fds4e07mdug1ga3h, TestSession, ses_SuXO99zeb1, ses_Jd8tUyvhXO);
		// both sessionDestroyed lines are fds4e07mdug1ga3h's.
		const db = freshDb();
		const docs = readShared('data/real/openvidu-cdr/extracted/openvidu.io-docs__cdr-doc-examples-2018-2022.jsonl');
		await importFile({ file: new File([docs], 'docs.jsonl'), name: 'docs.jsonl', app: 'classroom' }, { db });
		const t = 1_700_000_000_000;
		await importFile({ file: new File([jsonl([{ sessionCreated: { sessionId: 'ses_Other', timestamp: t } }])], 'other.jsonl'), name: 'other.jsonl' }, { db });
		const ids = async (q: Parameters<typeof querySessions>[1]) => (await querySessions(db, q)).rows.map((r) => r.sessionId).sort();
		expect(await ids({ status: 'ended' })).toEqual(['fds4e07mdug1ga3h']);
		expect(await ids({ status: 'open' })).toEqual(['TestSession', 'ses_Jd8tUyvhXO', 'ses_Other', 'ses_SuXO99zeb1']);
		const classroom = (await listImports(db)).filter((i) => i.app === 'classroom').map((i) => i.id);
		expect(await ids({ importIds: classroom })).toEqual(['TestSession', 'fds4e07mdug1ga3h', 'ses_Jd8tUyvhXO', 'ses_SuXO99zeb1']);
		expect(await ids({ importIds: classroom, status: 'ended' })).toEqual(['fds4e07mdug1ga3h']);
		// A dump alone has no room status: left out of both.
		await importFile({ file: new File([readShared('data/real/webrtc-internals/Guilospanck-webrtc-stats-analyzer__webrtc_internals_dump.txt')], 'd.txt'), name: 'd.txt' }, { db });
		expect((await querySessions(db, {})).total).toBe(6);
		expect((await querySessions(db, { status: 'open' })).total).toBe(4);
		expect((await querySessions(db, { status: 'ended' })).total).toBe(1);
	});

	it('the list as it opens (no filter: the table count and the index page) equals the filtered walk', async () => {
		// Docs CDR: 4 sessions; the dump: 1 more (read by hand as above). A date filter that covers
		// every session takes the filtered path.
		const db = freshDb();
		await importFile({ file: new File([readShared('data/real/openvidu-cdr/extracted/openvidu.io-docs__cdr-doc-examples-2018-2022.jsonl')], 'docs.jsonl'), name: 'docs.jsonl' }, { db });
		await importFile({ file: new File([readShared('data/real/webrtc-internals/Guilospanck-webrtc-stats-analyzer__webrtc_internals_dump.txt')], 'd.txt'), name: 'd.txt' }, { db });
		for (const [offset, limit, descending] of [[0, 50, true], [0, 2, true], [2, 2, false], [4, 3, true]] as const) {
			const open = await querySessions(db, { offset, limit, descending });
			const walked = await querySessions(db, { offset, limit, descending, fromAt: -1e15, toAt: 1e15 });
			expect(open.total).toBe(5);
			expect(open).toEqual(walked);
		}
	});
});

