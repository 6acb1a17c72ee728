import type { ModelEvent } from '../model/events.js';

/**
 * SparkRTC's user operation event types (../shared/spec/sources/sparkrtc-console-guide.txt,
 * Table 4-1), for the events rtcscope's inputs hold. Only what an event clearly is gets a type:
 * a join or leave of the room (1, 2), a subscription started (3 video, 16 audio) or cancelled
 * (16), a stream sent (12) or a screen shared (14), a connection's media channel set up or lost
 * (18, from a dump's ICE / connection states), a server scheduling failure (21, a media node
 * that crashed or a connection forced out by the server). The rest (mute, switch device, DNS and
 * first frame, cross room…) no input here records, and events outside the table (recordings,
 * signals, stats) have no type: the raw event name is always shown beside it.
 */
export interface SparkEventType {
	id: number;
	label: string;
}

export const TABLE_4_1: Readonly<Record<number, string>> = {
	1: 'Join room',
	2: 'Leave room',
	3: 'Video/Batch subscribe',
	5: 'Mute/Unmute',
	6: 'Switch network',
	7: 'Enable/Disable camera',
	9: 'Switch device',
	10: 'DNS query, TCP/TLS link setup, start and end time of first frame display',
	11: 'Switch role',
	12: 'Send media stream',
	13: 'Output stream',
	14: 'Share screen',
	16: 'Subscribe to audio/Cancel subscription',
	17: 'Cross room',
	18: 'Connect to signaling/media channel',
	19: 'Set uplink video',
	20: 'Set downlink audio',
	21: 'Server scheduling failed',
	22: 'Successful stream push measurement',
	23: 'Successful stream pull measurement'
};

const STATE_CHANGES = /^(iceconnectionstatechange|connectionstatechange|icegatheringstatechange)$/i;

export function sparkEventType(e: ModelEvent): SparkEventType | null {
	const id = typeId(e);
	return id === null ? null : { id, label: TABLE_4_1[id] as string };
}

function typeId(e: ModelEvent): number | null {
	const stream = e.detail.kind === 'stream' ? e.detail : null;
	switch (e.category) {
		case 'connection':
			if (STATE_CHANGES.test(e.type)) return 18;
			if (e.phase === 'start') return 1;
			if (e.phase === 'end') return /forceDisconnectByServer|mediaServerDisconnect|nodeCrashed/i.test(e.reason ?? '') ? 21 : 2;
			return null;
		case 'publish':
			if (e.phase !== 'start' && e.phase !== 'end') return null;
			return stream?.source === 'screen' ? 14 : 12;
		case 'subscribe':
			if (e.phase === 'start') return stream && stream.hasVideo === false ? 16 : 3;
			if (e.phase === 'end') return 16;
			return null;
		case 'node':
			return /crash/i.test(e.type) || /crash/i.test(e.reason ?? '') ? 21 : null;
		default:
			return null;
	}
}
