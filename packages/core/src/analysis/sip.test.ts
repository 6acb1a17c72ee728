import { describe, expect, it } from 'vitest';
import { importFile } from '../import/pipeline.js';
import { sessionKey } from '../model/ids.js';
import { loadSessionEvents } from '../storage/queries.js';
import { freshDb, jsonl, readShared } from '../test-support/helpers.js';
import { sliceSession } from './meeting-slice.js';
import { buildSessionModel } from './session-model.js';
import { isSipConnection, sessionStatistics } from './statistics.js';

async function stats(text: string, id: string) {
	const db = freshDb();
	await importFile({ file: new File([text], 'x.log'), name: 'x.log' }, { db });
	const key = sessionKey('openvidu', id);
	return sessionStatistics(sliceSession(buildSessionModel(key, await loadSessionEvents(db, key)), null));
}

describe('SIP users (Vonage Session Inspector Summary)', () => {
	it('the docs CDR marks no SIP connection: 0', async () => {
		const s = await stats(readShared('data/real/openvidu-cdr/extracted/openvidu.io-docs__cdr-doc-examples-2018-2022.jsonl'), 'ses_SuXO99zeb1');
		expect(s.sipUsers).toBe(0);
	});

	it('a connection whose platform or clientData names SIP counts, a word containing "sip" does not', async () => {
		expect(isSipConnection({ platform: 'SIP', clientData: null })).toBe(true);
		expect(isSipConnection({ platform: 'Chrome 120', clientData: 'sip:alice@pbx.example' })).toBe(true);
		expect(isSipConnection({ platform: 'Chrome 120', clientData: 'Gossip room' })).toBe(false);
		const t = 1_700_000_000_000;
		const join = (pid: string, platform: string) => ({ participantJoined: { sessionId: 'ses_S', participantId: pid, timestamp: t, platform, clientData: pid } });
		const s = await stats(jsonl([{ sessionCreated: { sessionId: 'ses_S', timestamp: t } }, join('con_a', 'Chrome 120.0 on Linux 64-bit'), join('con_b', 'SIP')]), 'ses_S');
		expect({ users: s.users, sipUsers: s.sipUsers }).toEqual({ users: 2, sipUsers: 1 });
	});
});
