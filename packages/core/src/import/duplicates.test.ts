import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { listImports, querySessions } from '../storage/queries.js';
import { listQualityStreams } from '../storage/quality.js';
import type { SessionKey } from '../model/ids.js';
import type { RtcscopeDb } from '../storage/db.js';
import { freshDb, readShared } from '../test-support/helpers.js';
import { importFile } from './pipeline.js';

/**
 * Identity from the decoded content (issue 17): the same dump plain and gzipped is one import,
 * whichever comes first. Read in the files: Guilospanck's webrtc-internals dump holds 10 quality
 * streams in one session (dump-cg82wrhyxc); jitsi chrome-relay (rtcstats) 6 in room
 * "absentbreakdownspicturesame". Before the fix the second copy doubled them (10 → 20, 6 → 12).
 */
const CASES = [
	{ path: 'data/real/webrtc-internals/Guilospanck-webrtc-stats-analyzer__webrtc_internals_dump.txt', key: 'webrtc:dump-cg82wrhyxc', streams: 10 },
	{ path: 'data/real/rtcstats/jitsi-rtcstats-server__chrome-relay', key: 'webrtc:room-absentbreakdownspicturesame', streams: 6 }
];

const run = (db: RtcscopeDb, content: BlobPart, name: string) => importFile({ file: new File([content], name), name }, { db });

async function state(db: RtcscopeDb, key: string) {
	return {
		sessions: (await querySessions(db, {})).rows.map((r) => r.key),
		streams: (await listQualityStreams(db, key as SessionKey)).length,
		imports: (await listImports(db)).map((i) => i.status)
	};
}

describe('the same content plain and gzipped', () => {
	for (const c of CASES) {
		const text = readShared(c.path);
		const gz = gzipSync(new TextEncoder().encode(text));
		it(`${c.path.split('/').pop()}: plain then gzipped adds nothing`, async () => {
			const db = freshDb();
			expect((await run(db, text, 'dump.txt')).kind).toBe('done');
			const once = await state(db, c.key);
			expect(once).toEqual({ sessions: [c.key], streams: c.streams, imports: ['done'] });
			const again = await run(db, gz, 'dump.txt.gz');
			expect(again.kind).toBe('duplicate');
			expect(again.progress.message).toMatch(/^The same content \(plain\) was imported on .* as "dump\.txt": nothing was added twice\.$/);
			expect(await state(db, c.key)).toEqual(once);
		});
		it(`${c.path.split('/').pop()}: gzipped then plain is recognised before reading`, async () => {
			const db = freshDb();
			expect((await run(db, gz, 'dump.txt.gz')).kind).toBe('done');
			const once = await state(db, c.key);
			expect(once.streams).toBe(c.streams);
			const again = await run(db, text, 'dump.txt');
			expect(again.kind).toBe('duplicate');
			expect(again.progress.message).toContain('(gzipped)');
			expect(again.progress.lines).toBe(0);
			expect(await state(db, c.key)).toEqual(once);
		});
	}
});
