import { describe, expect, it } from 'vitest';
import { importFile } from '../import/pipeline.js';
import type { SessionKey } from '../model/ids.js';
import { loadSessionEvents } from '../storage/queries.js';
import { generateBroadcast } from '../demo/broadcast.js';
import { freshDb } from '../test-support/helpers.js';
import { largeSessionSummary } from './large-session.js';
import { buildSessionModel } from './session-model.js';

describe('large-session summaries (Vonage, > 100 subscribers)', () => {
	it('counts connections and subscriptions by state, platform and endpoint; worst subscribers first', async () => {
		const db = freshDb();
		await importFile({ file: new File([generateBroadcast()], 'big.log'), name: 'big.log' }, { db });
		const key = 'openvidu:ses_Big' as SessionKey;
		const model = buildSessionModel(key, await loadSessionEvents(db, key));
		const s = largeSessionSummary(model.participants, model.subscriptions);
		expect(s.connections.total).toBe(121);
		expect(s.connections.byState).toEqual({ open: 106, left: 0, failed: 10, forced: 5 });
		expect(s.connections.byEndpoint.map((c) => `${c.label}: ${c.count}`)).toEqual(['Chrome 120: 81', 'Safari 17: 40']);
		expect(s.subscriptions).toEqual({ total: 120, byState: { open: 105, left: 0, failed: 10, forced: 5 }, subscribers: 120 });
		expect(s.subscribers.slice(0, 2).map((l) => [l.subscriberId, l.failed])).toEqual([['con_v000', 1], ['con_v001', 1]]);
		expect(s.subscribers[10]).toMatchObject({ subscriberId: 'con_v010', forced: 1 });
	});
});
