import { describe, expect, it } from 'vitest';
import { createCdrParser } from '../formats/openvidu-cdr/index.js';
import { ProblemLog } from '../model/problems.js';
import type { ParsedRecord } from '../formats/types.js';
import { readShared } from '../test-support/helpers.js';
import { sparkEventType } from './event-types.js';

describe('SparkRTC Table 4-1 event types', () => {
	it('types the docs CDR events as the table names them, and leaves the rest untyped', () => {
		// Read in the file (26 lines): sessionCreated ×3, sessionDestroyed ×2, participantJoined ×4,
		// participantLeft ×4, webrtcConnectionCreated ×2 and Destroyed ×2 (the ones naming a
		// connection say INBOUND), recordings ×7, filterEventDispatched, signalSent.
		const lines = readShared('data/real/openvidu-cdr/extracted/openvidu.io-docs__cdr-doc-examples-2018-2022.jsonl').split('\n').filter((l) => l.trim());
		const parser = createCdrParser();
		const typed = new Map<string, string>();
		lines.forEach((line, i) => {
			const parsed = parser.parse(line, i + 1, new ProblemLog(), false);
			for (const r of (Array.isArray(parsed) ? parsed : parsed ? [parsed] : []) as ParsedRecord[]) {
				const name = `${r.event.type}${r.event.type.startsWith('webrtcConnection') ? ` ${r.event.category}` : ''}`;
				const t = sparkEventType(r.event);
				typed.set(name, t ? `${t.id} ${t.label}` : '—');
			}
		});
		expect(Object.fromEntries(typed)).toMatchObject({
			sessionCreated: '—',
			participantJoined: '1 Join room',
			participantLeft: '2 Leave room',
			'webrtcConnectionCreated subscribe': '3 Video/Batch subscribe',
			'webrtcConnectionDestroyed subscribe': '16 Subscribe to audio/Cancel subscription',
			recordingStatusChanged: '—'
		});
	});

	it('a screen published is "Share screen", a camera "Send media stream"', () => {
		const parse = (videoSource: string) =>
			createCdrParser().parse(
				JSON.stringify({ webrtcConnectionCreated: { sessionId: 's', timestamp: 1_700_000_000_000, participantId: 'p', connection: 'OUTBOUND', streamId: 'str', videoSource } }),
				1,
				new ProblemLog(),
				false
			) as ParsedRecord;
		expect(sparkEventType(parse('SCREEN').event)).toEqual({ id: 14, label: 'Share screen' });
		expect(sparkEventType(parse('CAMERA').event)).toEqual({ id: 12, label: 'Send media stream' });
	});
});
