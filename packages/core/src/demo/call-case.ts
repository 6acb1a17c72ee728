import { CdrWriter, type ParticipantSpec, type StreamSpec } from './cdr-lines.js';

/**
 * A support case with both ends of one call (issue 13): the OpenVidu CDR of session
 * `ses_DemoCase` and the chrome://webrtc-internals dumps Ana's and Ben's browsers saved, with
 * known impairments so every conclusion can be checked against what was put in:
 *
 * - Ana's uplink loses 8 % of her video packets from 40 s to 100 s into the call (her receiver
 *   reports it in remote-inbound-rtp `fractionLost`; Ben's inbound-rtp counts the same loss);
 * - Ben's video encoder is CPU-limited (`qualityLimitationReason` = cpu) from 30 s to 110 s and
 *   drops to 640×360 at 15 fps;
 * - Cleo joins and her connection fails 8 s later (`networkDisconnect`, no media connected).
 *
 * `healthy: true` writes the same call without impairments (the rules must find no problem).
 * The two dumps use one P2P connection each; Ana's outbound SSRCs are Ben's inbound ones and back,
 * so the streams stitch end to end. Ben's computer clock runs {@link BEN_CLOCK_AHEAD_MS} ahead:
 * his dump's times are that much later, and each side's RTCP sender reports (remote-outbound-rtp
 * `remoteTimestamp`) carry the other's clock, so the offset can be estimated. The dumps' page URLs carry the session id: they link to the
 * CDR session on import. Deterministic: no randomness, fixed times.
 */
export interface CallCase {
	files: { name: string; text: string }[];
	sessionId: string;
	startAt: number;
}

export const CALL_CASE_SESSION = 'ses_DemoCase';

/** How far Ben's clock is ahead of Ana's (and of the server's), ms. */
export const BEN_CLOCK_AHEAD_MS = 1500;

/** One-way network delay between the two browsers, ms (half the 50 ms round trip). */
const ONE_WAY_MS = 25;

const SECONDS = 120;

/**
 * @param options.severe Ana's uplink loses 25 % of her video for the whole call and Ben's
 *   received video freezes 10 times for 1.2 s: over Table 4-2's thresholds (the Diagnostics
 *   consistency test).
 */
export function generateCallCase(options: { healthy?: boolean; severe?: boolean; startAt?: number } = {}): CallCase {
	const healthy = options.healthy ?? false;
	const severe = options.severe ?? false;
	const start = options.startAt ?? Date.UTC(2026, 10, 24, 9, 0, 0);
	const sessionId = healthy ? `${CALL_CASE_SESSION}Healthy` : severe ? `${CALL_CASE_SESSION}Severe` : CALL_CASE_SESSION;
	const cdr = new CdrWriter();
	const person = (id: string, name: string, platform: string): ParticipantSpec => ({
		participantId: id,
		location: 'Madrid, Spain',
		platform,
		clientData: JSON.stringify({ name }),
		serverData: ''
	});
	const ana = person('con_Ana', 'Ana', 'Chrome 138.0.0.0 on Windows 10');
	const ben = person('con_Ben', 'Ben', 'Chrome 138.0.0.0 on Mac OS X 10.15.7');
	const cleo = person('con_Cleo', 'Cleo', 'Firefox 140.0 on Linux');
	const camera = (id: string): StreamSpec => ({ streamId: id, videoSource: 'CAMERA', audioEnabled: true, videoEnabled: true, videoFramerate: 30, width: 1280, height: 720 });
	const end = start + SECONDS * 1000;
	cdr.sessionCreated(start - 2000, sessionId);
	cdr.participantJoined(start - 1500, sessionId, ana);
	cdr.participantJoined(start - 1000, sessionId, ben);
	cdr.webrtcConnection('created', start, sessionId, 'con_Ana', camera('str_CAM_Ana'), null);
	cdr.webrtcConnection('created', start + 200, sessionId, 'con_Ben', camera('str_CAM_Ben'), null);
	cdr.webrtcConnection('created', start + 400, sessionId, 'con_Ben', camera('str_CAM_Ana'), { receivingFrom: 'con_Ana' });
	cdr.webrtcConnection('created', start + 500, sessionId, 'con_Ana', camera('str_CAM_Ben'), { receivingFrom: 'con_Ben' });
	if (!healthy) {
		cdr.participantJoined(start + 20_000, sessionId, cleo);
		cdr.participantLeft(start + 28_000, sessionId, cleo, start + 20_000, 'networkDisconnect');
	}
	for (const [who, stream, from] of [
		['con_Ana', 'str_CAM_Ana', null],
		['con_Ben', 'str_CAM_Ben', null],
		['con_Ben', 'str_CAM_Ana', 'con_Ana'],
		['con_Ana', 'str_CAM_Ben', 'con_Ben']
	] as const)
		cdr.webrtcConnection('destroyed', end, sessionId, who, camera(stream), from ? { receivingFrom: from } : null, { startTime: start, reason: 'disconnect' });
	cdr.participantLeft(end + 500, sessionId, ana, start - 1500, 'disconnect');
	cdr.participantLeft(end + 800, sessionId, ben, start - 1000, 'disconnect');
	cdr.sessionDestroyed(end + 1000, sessionId, start - 2000, 'lastParticipantLeft');

	const impaired = (i: number, from: number, to: number) => !healthy && i >= from && i < to;
	const anaDump = dump({
		url: `https://demo.rtcscope.example/room/${sessionId}?user=ana`,
		userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 Safari/537.36',
		pcId: '11-1',
		start,
		clockMs: 0,
		peerClockMs: BEN_CLOCK_AHEAD_MS,
		sent: { audio: 111, video: 112 },
		received: { audio: 221, video: 222 },
		// Ana's uplink loses 8 % of her video from 40 s to 100 s: her receiver reports it.
		uplinkVideoLoss: (i) => (severe ? 0.25 : impaired(i, 40, 100) ? 0.08 : 0.002),
		downlinkVideoLoss: () => 0.002,
		limited: () => 'none',
		sentSize: () => ({ w: 1280, h: 720, fps: 30 }),
		receivedSize: (i) => (impaired(i, 30, 110) ? { w: 640, h: 360, fps: 15 } : { w: 1280, h: 720, fps: 30 })
	});
	const benDump = dump({
		url: `https://demo.rtcscope.example/room/${sessionId}?user=ben`,
		userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 Safari/537.36',
		pcId: '21-1',
		start,
		clockMs: BEN_CLOCK_AHEAD_MS,
		peerClockMs: 0,
		sent: { audio: 221, video: 222 },
		received: { audio: 111, video: 112 },
		uplinkVideoLoss: () => 0.002,
		// What Ana's uplink lost, Ben's inbound counts.
		downlinkVideoLoss: (i) => (severe ? 0.25 : impaired(i, 40, 100) ? 0.08 : 0.002),
		freezesAt: severe ? [10, 20, 30, 40, 50, 60, 70, 80, 90, 100] : [],
		// Ben's encoder cannot keep up from 30 s to 110 s.
		limited: (i) => (impaired(i, 30, 110) ? 'cpu' : 'none'),
		sentSize: (i) => (impaired(i, 30, 110) ? { w: 640, h: 360, fps: 15 } : { w: 1280, h: 720, fps: 30 }),
		receivedSize: () => ({ w: 1280, h: 720, fps: 30 })
	});
	return {
		sessionId,
		startAt: start,
		files: [
			{ name: `${sessionId}.cdr.log`, text: cdr.toText() },
			{ name: `${sessionId}-ana.webrtc-internals.json`, text: anaDump },
			{ name: `${sessionId}-ben.webrtc-internals.json`, text: benDump }
		]
	};
}

interface DumpPlan {
	url: string;
	/** This computer's clock error, and the peer's, ms ahead of true time. */
	clockMs: number;
	peerClockMs: number;
	userAgent: string;
	pcId: string;
	start: number;
	sent: { audio: number; video: number };
	received: { audio: number; video: number };
	/** Per second i: the fraction of packets lost. */
	uplinkVideoLoss: (i: number) => number;
	downlinkVideoLoss: (i: number) => number;
	limited: (i: number) => string;
	sentSize: (i: number) => { w: number; h: number; fps: number };
	receivedSize: (i: number) => { w: number; h: number; fps: number };
	/** Seconds at which the received video freezes for 1.2 s. */
	freezesAt?: number[];
}

/** One browser's dump of the call: one peer connection sending and receiving audio and video, 1 sample/s. */
function dump(plan: DumpPlan): string {
	const n = SECONDS + 1;
	// The browser stamps with its own clock.
	const times = Array.from({ length: n }, (_, i) => plan.start + plan.clockMs + i * 1000);
	const iso = (t: number) => new Date(t).toISOString();
	const stats: string[] = [];
	const series = (id: string, prop: string, statsType: string, values: (number | string)[]) =>
		stats.push(`${JSON.stringify(`${id}-${prop}`)}:${JSON.stringify({ startTime: iso(times[0] as number), endTime: iso(times[n - 1] as number), statsType, values: JSON.stringify(values) })}`);
	const sum = (per: (i: number) => number) => {
		let v = 0;
		return times.map((_, i) => (i === 0 ? 0 : (v += per(i))));
	};
	const each = <T extends number | string>(f: (i: number) => T) => times.map((_, i) => f(i));
	for (const [id, type] of [
		['T01', 'transport'],
		['CP01', 'candidate-pair'],
		['I01', 'local-candidate'],
		['I02', 'remote-candidate']
	] as const)
		series(id, 'timestamp', type, times);
	series('T01', 'selectedCandidatePairId', 'transport', each(() => 'CP01'));
	series('T01', 'dtlsState', 'transport', each(() => 'connected'));
	series('T01', 'iceState', 'transport', each(() => 'connected'));
	series('CP01', 'localCandidateId', 'candidate-pair', each(() => 'I01'));
	series('CP01', 'remoteCandidateId', 'candidate-pair', each(() => 'I02'));
	series('CP01', 'state', 'candidate-pair', each(() => 'succeeded'));
	series('CP01', 'nominated', 'candidate-pair', each(() => 'true'));
	series('CP01', 'currentRoundTripTime', 'candidate-pair', each((i) => 0.045 + (i % 5) * 0.001));
	series('CP01', 'availableOutgoingBitrate', 'candidate-pair', each(() => 2_500_000));
	series('CP01', 'bytesSent', 'candidate-pair', sum(() => 180_000));
	series('CP01', 'bytesReceived', 'candidate-pair', sum(() => 180_000));
	series('I01', 'candidateType', 'local-candidate', each(() => 'srflx'));
	series('I01', 'protocol', 'local-candidate', each(() => 'udp'));
	series('I01', 'networkType', 'local-candidate', each(() => 'wifi'));
	series('I01', 'address', 'local-candidate', each(() => '203.0.113.7'));
	series('I02', 'candidateType', 'remote-candidate', each(() => 'srflx'));
	series('I02', 'protocol', 'remote-candidate', each(() => 'udp'));
	series('I02', 'address', 'remote-candidate', each(() => '198.51.100.9'));
	for (const kind of ['audio', 'video'] as const) {
		const video = kind === 'video';
		const pps = video ? 120 : 50;
		const bpp = video ? 1100 : 90;
		// Sent.
		const out = `OT01${video ? 'V' : 'A'}${plan.sent[kind]}`;
		series(out, 'timestamp', 'outbound-rtp', times);
		series(out, 'kind', 'outbound-rtp', each(() => kind));
		series(out, 'ssrc', 'outbound-rtp', each(() => plan.sent[kind]));
		series(out, 'mid', 'outbound-rtp', each(() => (video ? '1' : '0')));
		series(out, 'packetsSent', 'outbound-rtp', sum(() => pps));
		series(out, 'bytesSent', 'outbound-rtp', sum(() => pps * bpp));
		if (video) {
			series(out, 'frameWidth', 'outbound-rtp', each((i) => plan.sentSize(i).w));
			series(out, 'frameHeight', 'outbound-rtp', each((i) => plan.sentSize(i).h));
			series(out, 'framesPerSecond', 'outbound-rtp', each((i) => plan.sentSize(i).fps));
			series(out, 'framesEncoded', 'outbound-rtp', sum((i) => plan.sentSize(i).fps));
			series(out, 'qualityLimitationReason', 'outbound-rtp', each((i) => plan.limited(i)));
			series(out, 'encoderImplementation', 'outbound-rtp', each(() => 'libvpx'));
		}
		const ri = `RI01${video ? 'V' : 'A'}${plan.sent[kind]}`;
		series(ri, 'timestamp', 'remote-inbound-rtp', times);
		series(ri, 'ssrc', 'remote-inbound-rtp', each(() => plan.sent[kind]));
		series(ri, 'kind', 'remote-inbound-rtp', each(() => kind));
		series(ri, 'localId', 'remote-inbound-rtp', each(() => out));
		series(ri, 'fractionLost', 'remote-inbound-rtp', each((i) => (video ? plan.uplinkVideoLoss(i) : 0.001)));
		series(ri, 'packetsLost', 'remote-inbound-rtp', sum((i) => Math.round(pps * (video ? plan.uplinkVideoLoss(i) : 0.001))));
		series(ri, 'roundTripTime', 'remote-inbound-rtp', each((i) => 0.05 + (i % 3) * 0.002));
		series(ri, 'jitter', 'remote-inbound-rtp', each(() => 0.004));
		// The peer's RTCP sender reports: stamped with the peer's clock when sent, received one way later.
		const ro = `RO01${video ? 'V' : 'A'}${plan.received[kind]}`;
		series(ro, 'timestamp', 'remote-outbound-rtp', times);
		series(ro, 'ssrc', 'remote-outbound-rtp', each(() => plan.received[kind]));
		series(ro, 'kind', 'remote-outbound-rtp', each(() => kind));
		series(ro, 'remoteTimestamp', 'remote-outbound-rtp', each((i) => (times[i] as number) - plan.clockMs + plan.peerClockMs - ONE_WAY_MS));
		series(ro, 'packetsSent', 'remote-outbound-rtp', sum(() => pps));
		// Received.
		const inn = `IT01${video ? 'V' : 'A'}${plan.received[kind]}`;
		series(inn, 'timestamp', 'inbound-rtp', times);
		series(inn, 'kind', 'inbound-rtp', each(() => kind));
		series(inn, 'ssrc', 'inbound-rtp', each(() => plan.received[kind]));
		series(inn, 'mid', 'inbound-rtp', each(() => (video ? '1' : '0')));
		const loss = (i: number) => (video ? plan.downlinkVideoLoss(i) : 0.001);
		series(inn, 'packetsReceived', 'inbound-rtp', sum((i) => Math.round(pps * (1 - loss(i)))));
		series(inn, 'packetsLost', 'inbound-rtp', sum((i) => Math.round(pps * loss(i))));
		series(inn, 'bytesReceived', 'inbound-rtp', sum((i) => Math.round(pps * (1 - loss(i))) * bpp));
		series(inn, 'jitter', 'inbound-rtp', each(() => 0.006));
		if (video) {
			series(inn, 'frameWidth', 'inbound-rtp', each((i) => plan.receivedSize(i).w));
			series(inn, 'frameHeight', 'inbound-rtp', each((i) => plan.receivedSize(i).h));
			series(inn, 'framesPerSecond', 'inbound-rtp', each((i) => plan.receivedSize(i).fps));
			series(inn, 'framesDecoded', 'inbound-rtp', sum((i) => plan.receivedSize(i).fps));
			const freezes = plan.freezesAt ?? [];
			series(inn, 'freezeCount', 'inbound-rtp', each((i) => freezes.filter((f) => f <= i).length));
			series(inn, 'totalFreezesDuration', 'inbound-rtp', each((i) => +(freezes.filter((f) => f <= i).length * 1.2).toFixed(1)));
			series(inn, 'decoderImplementation', 'inbound-rtp', each(() => 'libvpx'));
		}
	}
	const at = (ms: number) => plan.start + plan.clockMs + ms;
	const log = [
		{ timestamp: at(-900), type: 'createOffer', value: 'options: {offerToReceiveVideo: 1, offerToReceiveAudio: 1}' },
		{ timestamp: at(-880), type: 'createOfferOnSuccess', value: `type: offer, sdp: ${sdp(plan, 'actpass')}` },
		{ timestamp: at(-870), type: 'setLocalDescription', value: `type: offer, sdp: ${sdp(plan, 'actpass')}` },
		{ timestamp: at(-600), type: 'setRemoteDescription', value: `type: answer, sdp: ${sdp({ ...plan, sent: plan.received }, 'active')}` },
		{ timestamp: at(-590), type: 'iceconnectionstatechange', value: 'checking' },
		{ timestamp: at(-300), type: 'iceconnectionstatechange', value: 'connected' },
		{ timestamp: at(-290), type: 'connectionstatechange', value: 'connected' }
	];
	const pc = `{"pid":1,"rtcConfiguration":"{ iceServers: [stun:stun.l.google.com:19302], iceTransportPolicy: all, bundlePolicy: balanced }","constraints":"","url":${JSON.stringify(plan.url)},"stats":{${stats.join(',')}},"updateLog":${JSON.stringify(log)}}`;
	return `{"getUserMedia":[],"PeerConnections":{${JSON.stringify(plan.pcId)}:${pc}},"UserAgent":${JSON.stringify(plan.userAgent)}}`;
}

function sdp(plan: Pick<DumpPlan, 'sent'>, setup: string): string {
	const lines = [
		'v=0',
		'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
		's=-',
		't=0 0',
		'a=group:BUNDLE 0 1',
		'm=audio 9 UDP/TLS/RTP/SAVPF 111',
		'c=IN IP4 0.0.0.0',
		'a=mid:0',
		'a=sendrecv',
		`a=setup:${setup}`,
		'a=ice-ufrag:Dm9x',
		'a=rtpmap:111 opus/48000/2',
		`a=ssrc:${plan.sent.audio} cname:demo`,
		'm=video 9 UDP/TLS/RTP/SAVPF 96',
		'c=IN IP4 0.0.0.0',
		'a=mid:1',
		'a=sendrecv',
		`a=setup:${setup}`,
		'a=ice-ufrag:Dm9x',
		'a=rtpmap:96 VP8/90000',
		'a=rtcp-fb:96 nack pli',
		`a=ssrc:${plan.sent.video} cname:demo`
	];
	return `${lines.join('\r\n')}\r\n`;
}
