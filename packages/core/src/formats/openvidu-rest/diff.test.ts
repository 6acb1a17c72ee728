import { describe, expect, it } from 'vitest';
import { diffSessions, ENDED_REASON } from './diff.js';

const pub = (streamId: string, createdAt: number) => ({
	streamId,
	createdAt,
	mediaOptions: {
		hasAudio: true,
		hasVideo: true,
		typeOfVideo: 'CAMERA',
		frameRate: 30,
		videoDimensions: '{"width":640,"height":480}'
	}
});
const conn = (
	id: string,
	activeAt: number,
	publishers: unknown[] = [],
	subscribers: unknown[] = [],
	status = 'active'
) => ({
	id,
	connectionId: id,
	object: 'connection',
	status,
	createdAt: activeAt - 100,
	activeAt,
	location: 'Madrid, Spain',
	platform: 'Chrome 120.0 on Linux 64-bit',
	clientData: '{"user":"a"}',
	serverData: '',
	publishers,
	subscribers
});
const body = (connections: unknown[]) => ({
	numberOfElements: 1,
	content: [
		{
			id: 'ses_A',
			sessionId: 'ses_A',
			object: 'session',
			createdAt: 1_000,
			connections: { numberOfElements: connections.length, content: connections }
		}
	]
});
const names = (events: Record<string, unknown>[]) => events.map((e) => Object.keys(e)[0]);

describe('OpenVidu REST polls → CDR events', () => {
	it("creations carry OpenVidu's times; pending connections have not joined", () => {
		const first = diffSessions(
			{},
			body([
				conn('con_1', 2_000, [pub('str_1', 2_500)]),
				conn('con_2', 3_000, [], [{ streamId: 'str_1', createdAt: 3_500 }]),
				conn('con_3', 4_000, [], [], 'pending')
			]),
			10_000
		);
		expect(names(first.events)).toEqual([
			'sessionCreated',
			'participantJoined',
			'webrtcConnectionCreated',
			'participantJoined',
			'webrtcConnectionCreated'
		]);
		expect(first.events[0]).toEqual({ sessionCreated: { sessionId: 'ses_A', timestamp: 1_000 } });
		expect(first.events[2]).toMatchObject({
			webrtcConnectionCreated: {
				participantId: 'con_1',
				connection: 'OUTBOUND',
				streamId: 'str_1',
				timestamp: 2_500,
				videoSource: 'CAMERA',
				videoFramerate: 30
			}
		});
		expect(first.events[4]).toMatchObject({
			webrtcConnectionCreated: {
				participantId: 'con_2',
				connection: 'INBOUND',
				streamId: 'str_1',
				receivingFrom: 'con_1',
				timestamp: 3_500
			}
		});
		// The same answer again changes nothing.
		expect(
			diffSessions(
				first.snapshot,
				body([
					conn('con_1', 2_000, [pub('str_1', 2_500)]),
					conn('con_2', 3_000, [], [{ streamId: 'str_1', createdAt: 3_500 }])
				]),
				15_000
			).events
		).toEqual([]);
	});

	it('what disappears ends at the poll that missed it, with a reason saying so', () => {
		const first = diffSessions(
			{},
			body([
				conn('con_1', 2_000, [pub('str_1', 2_500)]),
				conn('con_2', 3_000, [], [{ streamId: 'str_1', createdAt: 3_500 }])
			]),
			10_000
		);
		const second = diffSessions(
			first.snapshot,
			body([conn('con_1', 2_000, [pub('str_1', 2_500)])]),
			20_000
		);
		expect(names(second.events)).toEqual(['webrtcConnectionDestroyed', 'participantLeft']);
		expect(second.events[1]).toMatchObject({
			participantLeft: {
				participantId: 'con_2',
				timestamp: 20_000,
				startTime: 3_000,
				duration: 17,
				reason: ENDED_REASON
			}
		});
		const third = diffSessions(second.snapshot, { numberOfElements: 0, content: [] }, 30_000);
		expect(names(third.events)).toEqual([
			'webrtcConnectionDestroyed',
			'participantLeft',
			'sessionDestroyed'
		]);
		expect(third.events[2]).toMatchObject({
			sessionDestroyed: { sessionId: 'ses_A', startTime: 1_000, duration: 29 }
		});
	});

	it('an answer that is not a sessions list is refused with a reason', () => {
		expect(() => diffSessions({}, { message: 'hello' }, 1)).toThrow(
			'not an OpenVidu sessions list (content'
		);
	});
});
