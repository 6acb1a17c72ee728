import type { SourcedEvent } from '../model/events.js';
import { sessionKey } from '../model/ids.js';
import { ProblemLog } from '../model/problems.js';
import { createCdrParser } from '../formats/openvidu-cdr/index.js';

/**
 * A hand-written session whose figures are worked out by hand in analysis tests.
 * t0 = 2023-11-14T22:13:20Z. Seconds after t0:
 *   Meeting 1
 *   0    A joins (Madrid, Chrome 120 on Windows 10)        2  A publishes camera
 *   60   B joins (Berlin, Firefox 121 on Ubuntu)           61 B subscribes to A
 *   62   B publishes camera 1280×720                       63 A subscribes to B
 *   100  recording started                                  — recording stopped at 500, ready at 510
 *   300  B drops: networkDisconnect on its connection, its publication and both subscriptions
 *   330  B comes back as B2 (same clientData, platform, location)
 *   331  B2 subscribes to A     332 B2 publishes     333 A subscribes to B2
 *   600  everyone leaves normally
 *   Meeting 2 (15 idle minutes later)
 *   1500 C joins alone         1620 C is removed by the server (forceDisconnectByServer)
 */
export const T0 = 1_700_000_000_000;
export const SID = 'hand-checked';
const s = (sec: number) => T0 + sec * 1000;

const A = {
	participantId: 'con_A',
	location: 'Madrid, Spain',
	platform: 'Chrome 120.0.6099.71 on Windows 10 64-bit',
	clientData: 'alice'
};
const B = {
	participantId: 'con_B',
	location: 'Berlin, Germany',
	platform: 'Firefox 121.0 on Ubuntu 64-bit',
	clientData: 'bob'
};
const B2 = { ...B, participantId: 'con_B2' };
const C = {
	participantId: 'con_C',
	location: 'unknown',
	platform: 'Safari 17.1 on OS X 10.15.7 64-bit',
	clientData: 'carol'
};

const cam = (owner: string, w = 640, h = 480) => ({
	streamId: `str_CAM_x_${owner}`,
	videoSource: 'CAMERA',
	videoFramerate: 30,
	videoDimensions: JSON.stringify({ width: w, height: h }),
	audioEnabled: true,
	videoEnabled: true
});

function pub(sec: number, who: { participantId: string }, w?: number, h?: number) {
	return {
		webrtcConnectionCreated: {
			sessionId: SID,
			timestamp: s(sec),
			participantId: who.participantId,
			connection: 'OUTBOUND',
			...cam(who.participantId, w, h)
		}
	};
}
function unpub(
	sec: number,
	start: number,
	who: { participantId: string },
	reason: string,
	w?: number,
	h?: number
) {
	return {
		webrtcConnectionDestroyed: {
			sessionId: SID,
			timestamp: s(sec),
			startTime: s(start),
			duration: sec - start,
			reason,
			participantId: who.participantId,
			connection: 'OUTBOUND',
			...cam(who.participantId, w, h)
		}
	};
}
function sub(sec: number, who: { participantId: string }, from: { participantId: string }) {
	return {
		webrtcConnectionCreated: {
			sessionId: SID,
			timestamp: s(sec),
			participantId: who.participantId,
			connection: 'INBOUND',
			receivingFrom: from.participantId,
			...cam(from.participantId)
		}
	};
}
function unsub(
	sec: number,
	start: number,
	who: { participantId: string },
	from: { participantId: string },
	reason: string
) {
	return {
		webrtcConnectionDestroyed: {
			sessionId: SID,
			timestamp: s(sec),
			startTime: s(start),
			duration: sec - start,
			reason,
			participantId: who.participantId,
			connection: 'INBOUND',
			receivingFrom: from.participantId,
			...cam(from.participantId)
		}
	};
}
function join(sec: number, who: object) {
	return { participantJoined: { sessionId: SID, timestamp: s(sec), ...who } };
}
function leave(sec: number, start: number, who: object, reason: string) {
	return {
		participantLeft: {
			sessionId: SID,
			timestamp: s(sec),
			startTime: s(start),
			duration: sec - start,
			reason,
			...who
		}
	};
}
const rec = (sec: number, status: string, extra: object = {}) => ({
	recordingStatusChanged: {
		sessionId: SID,
		timestamp: s(sec),
		startTime: s(100),
		id: SID,
		name: 'call',
		outputMode: 'COMPOSED',
		resolution: '1280x720',
		recordingLayout: 'BEST_FIT',
		hasAudio: true,
		hasVideo: true,
		size: 0,
		duration: 0,
		status,
		...extra
	}
});

export const HAND_CHECKED_LINES: object[] = [
	{ sessionCreated: { sessionId: SID, timestamp: s(-1) } },
	join(0, A),
	pub(2, A),
	join(60, B),
	sub(61, B, A),
	pub(62, B, 1280, 720),
	sub(63, A, B),
	rec(100.5, 'started'),
	unsub(300, 61, B, A, 'networkDisconnect'),
	unsub(300, 63, A, B, 'networkDisconnect'),
	unpub(300, 62, B, 'networkDisconnect', 1280, 720),
	leave(300, 60, B, 'networkDisconnect'),
	join(330, B2),
	sub(331, B2, A),
	pub(332, B2),
	sub(333, A, B2),
	rec(500, 'stopped', { reason: 'lastParticipantLeft' }),
	rec(510, 'ready', { reason: 'lastParticipantLeft', size: 4_200_000, duration: 399.5 }),
	unsub(600, 331, B2, A, 'unsubscribe'),
	unsub(600, 333, A, B2, 'unpublish'),
	unpub(600, 332, B2, 'unpublish'),
	unpub(600, 2, A, 'unpublish'),
	leave(600, 330, B2, 'disconnect'),
	leave(600, 0, A, 'disconnect'),
	join(1500, C),
	leave(1620, 1500, C, 'forceDisconnectByServer'),
	{
		sessionDestroyed: {
			sessionId: SID,
			timestamp: s(1621),
			startTime: s(-1),
			duration: 1622,
			reason: 'lastParticipantLeft'
		}
	}
];

export const HAND_CHECKED_KEY = sessionKey('openvidu', SID);

/** The fixture's events as the store returns them (parsed by the real parser). */
export function handCheckedEvents(lines: object[] = HAND_CHECKED_LINES): SourcedEvent[] {
	const parser = createCdrParser();
	const problems = new ProblemLog();
	const events = lines.map((line, i) => {
		const parsed = parser.parse(JSON.stringify(line), i + 1, problems, false);
		const record = Array.isArray(parsed) ? parsed[0] : parsed;
		if (!record)
			throw new Error(`fixture line ${i + 1} did not parse: ${JSON.stringify(problems.kept)}`);
		return { ...record.event, importId: 'fixture' };
	});
	if (problems.kept.length > 0) throw new Error(JSON.stringify(problems.kept));
	return events;
}
