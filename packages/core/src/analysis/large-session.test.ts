import { describe, expect, it } from 'vitest';
import { importFile } from '../import/pipeline.js';
import type { SessionKey } from '../model/ids.js';
import { loadSessionEvents } from '../storage/queries.js';
import { freshDb, jsonl } from '../test-support/helpers.js';
import { largeSessionSummary } from './large-session.js';
import { buildSessionModel } from './session-model.js';

/** A broadcast of 1 publisher and 120 viewers, written so every figure can be counted by hand. */
function broadcast(): string {
	const t = 1_700_000_000_000;
	const sid = 'ses_Big';
	const lines: object[] = [{ sessionCreated: { sessionId: sid, timestamp: t } }];
	const join = (pid: string, at: number, platform: string) => ({ participantJoined: { sessionId: sid, participantId: pid, timestamp: at, platform } });
	lines.push(join('con_host', t + 10, 'Chrome 120.0 on Windows 10'));
	lines.push({ webrtcConnectionCreated: { sessionId: sid, participantId: 'con_host', connection: 'OUTBOUND', streamId: 'str_host', timestamp: t + 20, audioEnabled: true, videoEnabled: true } });
	for (let i = 0; i < 120; i++) {
		const pid = `con_v${String(i).padStart(3, '0')}`;
		const at = t + 1_000 + i;
		lines.push(join(pid, at, i < 80 ? 'Chrome 120.0 on Windows 10' : 'Safari 17.0 on iOS 17.1'));
		lines.push({ webrtcConnectionCreated: { sessionId: sid, participantId: pid, connection: 'INBOUND', streamId: 'str_host', receivingFrom: 'con_host', timestamp: at + 100, audioEnabled: true, videoEnabled: true } });
		// Viewers 0–9 lose the stream to the network, 10–14 are kicked, 15–119 stay to the end of the data.
		const reason = i < 10 ? 'networkDisconnect' : i < 15 ? 'forceDisconnectByServer' : null;
		if (reason) {
			lines.push({ webrtcConnectionDestroyed: { sessionId: sid, participantId: pid, connection: 'INBOUND', streamId: 'str_host', receivingFrom: 'con_host', timestamp: at + 60_000, startTime: at + 100, duration: 60, reason } });
			lines.push({ participantLeft: { sessionId: sid, participantId: pid, timestamp: at + 60_100, startTime: at, duration: 60, reason } });
		}
	}
	return jsonl(lines);
}

describe('large-session summaries (Vonage, > 100 subscribers)', () => {
	it('counts connections and subscriptions by state, platform and endpoint; worst subscribers first', async () => {
		const db = freshDb();
		await importFile({ file: new File([broadcast()], 'big.log'), name: 'big.log' }, { db });
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
