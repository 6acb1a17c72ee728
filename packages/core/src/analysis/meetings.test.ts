import { describe, expect, it } from 'vitest';
import { callType } from './call-type.js';
import { meetingIndexAt, splitMeetings } from './meetings.js';
import { parsePlatform } from './platform.js';

const MIN = 60_000;

describe('splitMeetings (Vonage: new meeting after 10 idle minutes)', () => {
	it('overlapping and close connections are one meeting, a 10-minute gap starts a new one', () => {
		const meetings = splitMeetings(
			[
				{ id: 'a', startAt: 0, endAt: 5 * MIN },
				{ id: 'b', startAt: 4 * MIN, endAt: 6 * MIN },
				{ id: 'c', startAt: 6 * MIN + 9 * MIN + 59_999, endAt: 20 * MIN }, // 9:59.999 idle
				{ id: 'd', startAt: 30 * MIN, endAt: 31 * MIN } // exactly 10:00 idle
			]
		);
		expect(meetings.map((m) => [m.index, m.participantIds])).toEqual([
			[1, ['a', 'b', 'c']],
			[2, ['d']]
		]);
	});

	it('a session with no connections has no meeting (an archive list is not a call)', () => {
		expect(splitMeetings([])).toEqual([]);
	});

	it('assigns events between meetings to the nearer one', () => {
		const meetings = splitMeetings(
			[
				{ id: 'a', startAt: 100 * MIN, endAt: 110 * MIN },
				{ id: 'b', startAt: 200 * MIN, endAt: 210 * MIN }
			]
		);
		expect(meetingIndexAt(meetings, 0)).toBe(0);
		expect(meetingIndexAt(meetings, 150 * MIN)).toBe(0);
		expect(meetingIndexAt(meetings, 160 * MIN)).toBe(1);
		expect(meetingIndexAt(meetings, 999 * MIN)).toBe(1);
	});
});

describe('callType', () => {
	it.each([
		[1, 1, 'one-to-zero'],
		[0, 0, 'no-users'],
		[2, 0, 'no-media'],
		[2, 1, 'one-to-one'],
		[2, 2, 'one-to-one'],
		[3, 1, 'broadcast'],
		[3, 2, 'multiparty'],
		[6, 2, 'broadcast'],
		[7, 3, 'multiparty'],
		[50, 2, 'broadcast']
	] as const)('%i parties, %i sending → %s', (users, publishers, expected) => {
		expect(callType(users, publishers)).toBe(expected);
	});
});

describe('parsePlatform', () => {
	it('reads OpenVidu platform strings', () => {
		expect(parsePlatform('Chrome 85.0.4183.121 on Linux 64-bit')).toEqual({
			endpoint: 'Chrome 85',
			browser: 'Chrome',
			version: '85.0.4183.121',
			os: 'Linux'
		});
		expect(parsePlatform('Chrome Mobile 131.0.6778.81 on Android 14')).toMatchObject({
			endpoint: 'Chrome Mobile 131',
			os: 'Android 14'
		});
		expect(parsePlatform('openvidu-android')).toEqual({
			endpoint: 'openvidu-android',
			browser: null,
			version: null,
			os: null
		});
		expect(parsePlatform('')).toBeNull();
	});
});
