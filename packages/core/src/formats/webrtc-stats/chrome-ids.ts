/**
 * What a Chrome stats object id says about the object, for objects whose `type` is missing (an
 * rtcstats file that starts after the first full report: every later report is a delta, and an
 * unchanged `ssrc`, `kind` or `type` is not repeated).
 *
 * Chromium's rtc_stats_collector.cc builds ids from fixed prefixes; both generations are read:
 * - since M112: `OT01V<ssrc>` outbound-rtp (transport T01, kind V/A), `IT01A<ssrc>` inbound-rtp,
 *   `RIV<ssrc>` remote-inbound-rtp, `ROA<ssrc>` remote-outbound-rtp, `CP<local>_<remote>`
 *   candidate-pair, `T01` transport, `SV1`/`SA1` media-source, `CIT…`/`COT…` codec, `CF…`
 *   certificate, `D1` data-channel, `AP` media-playout, `P` peer-connection;
 * - before: `RTCOutboundRTPVideoStream_<ssrc>`, `RTCInboundRTPAudioStream_<ssrc>`,
 *   `RTCRemoteInboundRtpVideoStream_<ssrc>`, `RTCIceCandidatePair_…`, `RTCTransport_…`,
 *   `RTCIceCandidate_…`, `RTCCodec_…`, `RTCMediaStreamTrack_…`, `RTCDataChannel_…`.
 * Local and remote candidates (`I…`/`R…` in the new scheme) cannot be told apart from other
 * objects by the id alone and are not guessed.
 */
export interface IdFacts {
	type: string;
	kind?: 'audio' | 'video';
	ssrc?: number;
}

const KIND = { A: 'audio', V: 'video', Audio: 'audio', Video: 'video' } as const;

const PATTERNS: [RegExp, string][] = [
	[/^OT\d+([AV])(\d+)$/, 'outbound-rtp'],
	[/^IT\d+([AV])(\d+)$/, 'inbound-rtp'],
	[/^RI([AV])(\d+)$/, 'remote-inbound-rtp'],
	[/^RO([AV])(\d+)$/, 'remote-outbound-rtp'],
	[/^RTCOutboundRTP(Audio|Video)Stream_(\d+)$/, 'outbound-rtp'],
	[/^RTCInboundRTP(Audio|Video)Stream_(\d+)$/, 'inbound-rtp'],
	[/^RTCRemoteInboundRtp(Audio|Video)Stream_(\d+)$/, 'remote-inbound-rtp'],
	[/^RTCRemoteOutboundRTP(Audio|Video)Stream_(\d+)$/, 'remote-outbound-rtp']
];

const PLAIN: [RegExp, string][] = [
	[/^(CP|RTCIceCandidatePair_)/, 'candidate-pair'],
	[/^(T\d+$|RTCTransport_)/, 'transport'],
	[/^(S[AV]\d+$|RTC(Audio|Video)Source_)/, 'media-source'],
	[/^(CI|CO)T\d+_|^RTCCodec_/, 'codec'],
	[/^(CF|RTCCertificate_)/, 'certificate'],
	[/^(D\d+$|RTCDataChannel_)/, 'data-channel'],
	[/^AP$|^RTCAudioPlayout_/, 'media-playout'],
	[/^(P$|RTCPeerConnection$)/, 'peer-connection']
];

export function factsFromId(id: string): IdFacts | null {
	for (const [re, type] of PATTERNS) {
		const m = re.exec(id);
		if (m) return { type, kind: KIND[m[1] as keyof typeof KIND], ssrc: Number(m[2]) };
	}
	for (const [re, type] of PLAIN) if (re.test(id)) return { type };
	return null;
}
