import { lastString, lastValue, type StatsObject } from './collector.js';

/**
 * What a stats object is, whichever generation wrote it: W3C types (`outbound-rtp`, …), the
 * legacy Chrome reports (`ssrc`, `googCandidatePair`, `VideoBwe`, `localcandidate`) and, for
 * Chrome 86-era webrtc-internals dumps that carry no `statsType`, the id prefix
 * (`RTCOutboundRTPVideoStream_…`, `RTCIceCandidatePair_…`).
 */
export type ObjectRole =
	| 'outbound'
	| 'inbound'
	| 'remote-inbound'
	| 'candidate-pair'
	| 'transport'
	| 'local-candidate'
	| 'remote-candidate'
	| 'media-source'
	| 'track'
	| 'codec'
	| 'bwe'
	| 'other';

const ID_PREFIXES: [RegExp, string][] = [
	[/^RTCOutboundRTP(Audio|Video)Stream_/, 'outbound-rtp'],
	[/^RTCInboundRTP(Audio|Video)Stream_/, 'inbound-rtp'],
	[/^RTCRemoteInboundRtp(Audio|Video)Stream_/, 'remote-inbound-rtp'],
	[/^RTCRemoteOutboundRTP(Audio|Video)Stream_/, 'remote-outbound-rtp'],
	[/^RTCIceCandidatePair_/, 'candidate-pair'],
	[/^RTCTransport_/, 'transport'],
	[/^RTC(Audio|Video)Source_/, 'media-source'],
	[/^RTCMediaStreamTrack_/, 'track'],
	[/^RTCCodec_/, 'codec']
];

/** The object's stats type, inferred from its id when the dump did not record one. */
export function statsType(o: StatsObject): string | null {
	if (o.type) return o.type;
	for (const [re, type] of ID_PREFIXES) if (re.test(o.id)) return type;
	if (o.id.startsWith('RTCIceCandidate_'))
		return lastValue(o, 'isRemote') === true ? 'remote-candidate' : 'local-candidate';
	return null;
}

export function roleOf(o: StatsObject): ObjectRole {
	const type = statsType(o);
	switch (type) {
		case 'outbound-rtp':
			return 'outbound';
		case 'inbound-rtp':
			return 'inbound';
		case 'remote-inbound-rtp':
			return 'remote-inbound';
		case 'candidate-pair':
		case 'candidatepair':
		case 'googCandidatePair':
			return 'candidate-pair';
		case 'transport':
			return 'transport';
		case 'local-candidate':
		case 'localcandidate':
			return 'local-candidate';
		case 'remote-candidate':
		case 'remotecandidate':
			return 'remote-candidate';
		case 'media-source':
			return 'media-source';
		case 'track':
		case 'googTrack':
			return 'track';
		case 'codec':
			return 'codec';
		case 'VideoBwe':
			return 'bwe';
		case 'ssrc':
			// Legacy Chrome: one report per SSRC, sending ones count bytesSent.
			return o.props.has('bytesSent')
				? 'outbound'
				: o.props.has('bytesReceived')
					? 'inbound'
					: 'other';
		default:
			return 'other';
	}
}

/** audio / video from `kind`, legacy `mediaType`, or the Chrome 86 id. */
export function kindOf(o: StatsObject): 'audio' | 'video' | null {
	const kind = lastString(o, 'kind') ?? lastString(o, 'mediaType');
	if (kind === 'audio' || kind === 'video') return kind;
	if (/Audio/.test(o.id)) return 'audio';
	if (/Video/.test(o.id)) return 'video';
	return null;
}

/** Legacy candidate types (`serverreflexive`, `relayed`, `local`) under their W3C names. */
export function candidateTypeName(value: string | null): string | null {
	switch (value) {
		case 'local':
			return 'host';
		case 'serverreflexive':
		case 'stun':
			return 'srflx';
		case 'relayed':
		case 'relay':
			return 'relay';
		case 'peerreflexive':
			return 'prflx';
		default:
			return value;
	}
}
