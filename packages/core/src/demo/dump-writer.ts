import type { Random } from '../util/rng.js';

/**
 * Writes small chrome://webrtc-internals dumps in the shape Chrome's "Create Dump" writes
 * (`PeerConnections.<pid-lid>.stats."<object>-<property>"` series with `startTime`, `endTime`,
 * `statsType` and a JSON-text `values`; `updateLog` with ICE state changes; `UserAgent`), for the
 * demo fleet. Only the properties the parser reads are written, at one sample every few seconds,
 * so a thousand dumps stay small. Generated data goes through the real parser.
 */

export interface DumpQuality {
	/** Round-trip time, ms; jitter, ms; packet loss, % — averages of the capture. */
	rttMs: number;
	jitterMs: number;
	lossPct: number;
	/** Received video freezes (ms each) and audio concealment bursts (ms each), spread over the call. */
	videoFreezesMs: number[];
	audioConcealedMs: number[];
}

export interface DumpPeer {
	/** `outbound` = the user's publisher connection; `inbound` = a subscription. */
	direction: 'outbound' | 'inbound';
	video: { width: number; height: number; fps: number } | null;
	audio: boolean;
	/** UTC ms: created, ICE connected (null: never), last sample. */
	createdAt: number;
	connectedAt: number | null;
	endAt: number;
}

export interface DumpSpec {
	userAgent: string;
	/** The page the call ran in; the session id in it links the dump to the CDR session. */
	url: string;
	networkType: string;
	peers: DumpPeer[];
	quality: DumpQuality;
	/** Seconds between samples. */
	sampleS: number;
}

const MAX_SAMPLES = 80;

/** The dump as the JSON text Chrome would save. */
export function writeDump(spec: DumpSpec, rnd: Random): string {
	const pcs: string[] = [];
	spec.peers.forEach((peer, index) => {
		pcs.push(`${JSON.stringify(`${4000 + index}-${index + 1}`)}:${peerJson(spec, peer, index, rnd)}`);
	});
	return `{"getUserMedia":[],"PeerConnections":{${pcs.join(',')}},"UserAgent":${JSON.stringify(spec.userAgent)}}`;
}

function peerJson(spec: DumpSpec, peer: DumpPeer, index: number, rnd: Random): string {
	const log: { timestamp: number; type: string; value: string }[] = [];
	const at = (t: number) => new Date(t).toISOString();
	log.push({ timestamp: peer.createdAt, type: 'createOffer', value: '' });
	log.push({ timestamp: peer.createdAt + 40, type: 'setLocalDescription', value: '' });
	log.push({ timestamp: peer.createdAt + 120, type: 'setRemoteDescription', value: '' });
	log.push({ timestamp: peer.createdAt + 150, type: 'oniceconnectionstatechange', value: 'checking' });
	if (peer.connectedAt !== null) {
		log.push({ timestamp: peer.connectedAt, type: 'oniceconnectionstatechange', value: 'connected' });
		log.push({ timestamp: peer.connectedAt + 5, type: 'onconnectionstatechange', value: 'connected' });
	} else {
		log.push({ timestamp: peer.endAt, type: 'oniceconnectionstatechange', value: 'failed' });
	}
	const stats: string[] = [];
	const start = peer.connectedAt;
	if (start !== null && peer.endAt - start >= 2 * spec.sampleS * 1000) {
		const n = Math.min(MAX_SAMPLES, Math.floor((peer.endAt - start) / (spec.sampleS * 1000)) + 1);
		const step = (peer.endAt - start) / (n - 1);
		const times = Array.from({ length: n }, (_, i) => Math.round(start + i * step));
		const series = (id: string, prop: string, statsType: string, values: (number | string)[]) =>
			stats.push(
				`${JSON.stringify(`${id}-${prop}`)}:${JSON.stringify({
					startTime: at(times[0] as number),
					endTime: at(times[n - 1] as number),
					statsType,
					values: JSON.stringify(values)
				})}`
			);
		const q = spec.quality;
		const noisy = (mean: number, spread: number) => Array.from({ length: n }, () => Math.max(0, +(mean + (rnd.next() - 0.5) * 2 * spread).toFixed(4)));
		const counter = (perSample: number[]) => {
			let v = 0;
			return perSample.map((d) => (v += d));
		};
		const dtS = step / 1000;
		const lossFraction = q.lossPct / 100;
		// Connection: transport → selected pair → local candidate (network type).
		series('T01', 'timestamp', 'transport', times);
		series('T01', 'selectedCandidatePairId', 'transport', times.map(() => 'CP01'));
		series('CP01', 'timestamp', 'candidate-pair', times);
		series('CP01', 'localCandidateId', 'candidate-pair', times.map(() => 'I01'));
		series('CP01', 'remoteCandidateId', 'candidate-pair', times.map(() => 'I02'));
		series('CP01', 'state', 'candidate-pair', times.map(() => 'succeeded'));
		series('CP01', 'nominated', 'candidate-pair', times.map(() => 'true'));
		series('CP01', 'currentRoundTripTime', 'candidate-pair', noisy(q.rttMs / 1000, q.rttMs / 8000));
		series('I01', 'timestamp', 'local-candidate', times);
		series('I01', 'candidateType', 'local-candidate', times.map(() => 'host'));
		series('I01', 'networkType', 'local-candidate', times.map(() => spec.networkType));
		series('I01', 'protocol', 'local-candidate', times.map(() => 'udp'));
		series('I02', 'timestamp', 'remote-candidate', times);
		series('I02', 'candidateType', 'remote-candidate', times.map(() => 'srflx'));
		series('I02', 'protocol', 'remote-candidate', times.map(() => 'udp'));
		const rtp = (kind: 'audio' | 'video', ssrc: number) => {
			const id = `${peer.direction === 'outbound' ? 'OT' : 'IT'}01${kind === 'video' ? 'V' : 'A'}${ssrc}`;
			const type = peer.direction === 'outbound' ? 'outbound-rtp' : 'inbound-rtp';
			const pps = kind === 'video' ? 90 : 50;
			const bytesPerPacket = kind === 'video' ? 1100 : 80;
			const packets = Array.from({ length: n }, (_, i) => (i === 0 ? 0 : Math.round(pps * dtS)));
			series(id, 'timestamp', type, times);
			series(id, 'kind', type, times.map(() => kind));
			series(id, 'ssrc', type, times.map(() => ssrc));
			if (peer.direction === 'outbound') {
				series(id, 'packetsSent', type, counter(packets));
				series(id, 'bytesSent', type, counter(packets.map((p) => p * bytesPerPacket)));
				const rid = `RI01${kind === 'video' ? 'V' : 'A'}${ssrc}`;
				series(rid, 'timestamp', 'remote-inbound-rtp', times);
				series(rid, 'localId', 'remote-inbound-rtp', times.map(() => id));
				series(rid, 'ssrc', 'remote-inbound-rtp', times.map(() => ssrc));
				series(rid, 'fractionLost', 'remote-inbound-rtp', noisy(lossFraction, lossFraction / 3));
				series(rid, 'jitter', 'remote-inbound-rtp', noisy(q.jitterMs / 1000, q.jitterMs / 4000));
				series(rid, 'roundTripTime', 'remote-inbound-rtp', noisy(q.rttMs / 1000, q.rttMs / 8000));
			} else {
				const lost = packets.map((p) => Math.round(p * lossFraction * (0.5 + rnd.next())));
				series(id, 'packetsReceived', type, counter(packets));
				series(id, 'packetsLost', type, counter(lost));
				series(id, 'bytesReceived', type, counter(packets.map((p) => p * bytesPerPacket)));
				series(id, 'jitter', type, noisy(q.jitterMs / 1000, q.jitterMs / 4000));
			}
			if (kind === 'video' && peer.video) {
				series(id, 'frameWidth', type, times.map(() => peer.video?.width ?? 0));
				series(id, 'frameHeight', type, times.map(() => peer.video?.height ?? 0));
				series(id, 'framesPerSecond', type, noisy(peer.video.fps, 1));
				if (peer.direction === 'inbound') {
					const counts = new Array<number>(n).fill(0);
					const durations = new Array<number>(n).fill(0);
					q.videoFreezesMs.forEach((ms, k) => {
						const i = 1 + Math.floor(((k + 0.5) / q.videoFreezesMs.length) * (n - 2));
						counts[i] = (counts[i] as number) + 1;
						durations[i] = (durations[i] as number) + ms / 1000;
					});
					series(id, 'freezeCount', type, counter(counts));
					series(id, 'totalFreezesDuration', type, counter(durations).map((v) => +v.toFixed(3)));
				}
			}
			if (kind === 'audio' && peer.direction === 'inbound') {
				const rate = 48_000;
				const events = new Array<number>(n).fill(0);
				const concealed = new Array<number>(n).fill(0);
				q.audioConcealedMs.forEach((ms, k) => {
					const i = 1 + Math.floor(((k + 0.5) / q.audioConcealedMs.length) * (n - 2));
					events[i] = (events[i] as number) + 1;
					concealed[i] = (concealed[i] as number) + Math.round((ms / 1000) * rate);
				});
				series(id, 'totalSamplesReceived', type, counter(Array.from({ length: n }, (_, i) => (i === 0 ? 0 : Math.round(rate * dtS)))));
				series(id, 'concealmentEvents', type, counter(events));
				series(id, 'concealedSamples', type, counter(concealed));
			}
		};
		if (peer.audio) rtp('audio', 1000 + index * 2);
		if (peer.video) rtp('video', 1001 + index * 2);
	}
	return `{"pid":${4000 + index},"rtcConfiguration":"{}","constraints":"","url":${JSON.stringify(spec.url)},"stats":{${stats.join(',')}},"updateLog":${JSON.stringify(log)}}`;
}
