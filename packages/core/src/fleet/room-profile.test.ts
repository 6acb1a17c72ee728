import { describe, expect, it } from 'vitest';
import { buildSessionModel } from '../analysis/session-model.js';
import { generateCallCase } from '../demo/call-case.js';
import { importFile } from '../import/pipeline.js';
import type { SessionKey } from '../model/ids.js';
import { loadSessionEvents } from '../storage/queries.js';
import { listQualityStreams } from '../storage/quality.js';
import { freshDb } from '../test-support/helpers.js';
import { roomProfile } from './room-profile.js';

describe('room profile (SparkRTC §4.1)', () => {
	it('the demo call: figures read by hand from its CDR and dumps', async () => {
		const db = freshDb();
		for (const f of generateCallCase().files) await importFile({ file: new File([f.text], f.name), name: f.name }, { db });
		const key = 'openvidu:ses_DemoCase' as SessionKey;
		const model = buildSessionModel(key, await loadSessionEvents(db, key));
		const profile = roomProfile(model, 'default', await listQualityStreams(db, key));
		// Read in the CDR (UTC): Ana joins 08:59:58.5 and publishes at 09:00:00.0 (1.5 s), Ben 08:59:59.0
		// → 09:00:00.2 (1.2 s); Cleo joins 09:00:20 and leaves at 09:00:28 (networkDisconnect) without
		// media, while both others are online → 3 online at once, 2 of 3 joins loaded (both in 5 s),
		// Cleo the one user with an issue. Each dump receives one video for 120 s, no freeze; the
		// worst loss (Ana's video 112, 4.07 % reported) is under the 5 % HQ limit.
		expect(profile).toMatchObject({ users: 3, maxOnlineUsers: 3, usersWithIssues: 1 });
		const r = profile!.rates;
		expect([r.roomLoaded, r.roomLoaded5s].map((x) => [x.num, x.den])).toEqual([[2, 3], [2, 3]]);
		expect([r.videoFreeze.num, r.videoFreeze.den]).toEqual([0, 240_000]);
		expect([r.hqVideo.num, r.hqVideo.den, r.pushOk.num, r.pushOk.den, r.pullOk.num, r.pullOk.den]).toEqual([4, 4, 2, 2, 2, 2]);
	});
});
