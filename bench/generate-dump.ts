import { closeSync, existsSync, openSync, statSync, writeSync } from 'node:fs';

/**
 * Writes a chrome://webrtc-internals dump of about `targetBytes` with the shape of a real one
 * from an SFU client: peer connections each receiving many streams, every series a JSON string
 * of at most 1,000 samples (Chrome's limit), `statsType` and `timestamp` series as Chrome 149
 * writes them. Deterministic: an existing file of the right size is reused.
 */
export function generateWebrtcInternalsDump(path: string, targetBytes: number): { bytes: number; reused: boolean } {
	if (existsSync(path) && statSync(path).size >= targetBytes) return { bytes: statSync(path).size, reused: true };
	const fd = openSync(path, 'w');
	const samples = 1000;
	const start = Date.UTC(2026, 5, 1, 10, 0, 0);
	const startIso = new Date(start).toISOString();
	const endIso = new Date(start + (samples - 1) * 1000).toISOString();
	let bytes = writeSync(fd, '{"getUserMedia":[],"PeerConnections":{');
	const series = (statsType: string, values: (number | string)[]) =>
		JSON.stringify({ startTime: startIso, endTime: endIso, statsType, values: JSON.stringify(values) });
	const ramp = (perSecond: number, jitter: number, seed: number) => {
		let v = 0;
		return Array.from({ length: samples }, (_, i) => {
			v += perSecond + ((i * 7919 + seed * 104729) % jitter);
			return v;
		});
	};
	const constant = (v: number | string) => Array.from({ length: samples }, () => v);
	const stamps = Array.from({ length: samples }, (_, i) => start + i * 1000 + (i % 3));
	let pc = 0;
	while (bytes < targetBytes) {
		const parts: string[] = [];
		const add = (id: string, prop: string, statsType: string, values: (number | string)[]) =>
			parts.push(`${JSON.stringify(`${id}-${prop}`)}:${series(statsType, values)}`);
		for (let s = 0; s < 24; s++) {
			const video = s % 3 !== 0;
			const id = `IT01${video ? 'V' : 'A'}${1000 + s}`;
			add(id, 'timestamp', 'inbound-rtp', stamps);
			add(id, 'kind', 'inbound-rtp', constant(video ? 'video' : 'audio'));
			add(id, 'ssrc', 'inbound-rtp', constant(1000 + s));
			add(id, 'bytesReceived', 'inbound-rtp', ramp(video ? 120_000 : 4000, 9000, s));
			add(id, 'packetsReceived', 'inbound-rtp', ramp(video ? 110 : 50, 9, s));
			add(id, 'packetsLost', 'inbound-rtp', ramp(0, 2, s));
			add(id, 'jitter', 'inbound-rtp', constant(0.012));
			add(id, 'headerBytesReceived', 'inbound-rtp', ramp(2000, 50, s));
			add(id, 'nackCount', 'inbound-rtp', ramp(0, 2, s));
			add(id, '[bytesReceived_in_bits/s]', 'inbound-rtp', constant(960000));
			if (video) {
				add(id, 'framesPerSecond', 'inbound-rtp', constant(30));
				add(id, 'frameWidth', 'inbound-rtp', constant(1280));
				add(id, 'frameHeight', 'inbound-rtp', constant(720));
				add(id, 'framesDecoded', 'inbound-rtp', ramp(30, 2, s));
				add(id, 'freezeCount', 'inbound-rtp', constant(0));
				add(id, 'totalFreezesDuration', 'inbound-rtp', constant(0));
			} else {
				add(id, 'concealmentEvents', 'inbound-rtp', constant(0));
				add(id, 'totalSamplesReceived', 'inbound-rtp', ramp(48_000, 10, s));
			}
		}
		add('CP1', 'timestamp', 'candidate-pair', stamps);
		add('CP1', 'currentRoundTripTime', 'candidate-pair', constant(0.045));
		add('CP1', 'bytesReceived', 'candidate-pair', ramp(2_000_000, 9000, 1));
		add('CP1', 'bytesSent', 'candidate-pair', ramp(20_000, 900, 2));
		add('CP1', 'nominated', 'candidate-pair', constant('true'));
		add('CP1', 'state', 'candidate-pair', constant('succeeded'));
		add('T01', 'selectedCandidatePairId', 'transport', constant('CP1'));
		const body = `${pc > 0 ? ',' : ''}${JSON.stringify(`${pc}-1`)}:{"pid":${pc},"rtcConfiguration":"{}","stats":{${parts.join(',')}},"updateLog":[{"timestamp":${start},"type":"createOffer","value":""}],"url":"https://sfu.example/room"}`;
		bytes += writeSync(fd, body);
		pc++;
	}
	bytes += writeSync(fd, '},"UserAgent":"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/149.0.0.0 Safari/537.36"}');
	closeSync(fd);
	return { bytes, reused: false };
}

/**
 * A webrtc-internals dump of about `targetBytes` from `pcs` peer connections (a P2P mesh or a
 * multi-PC client), each sending and receiving several streams with the field set a Chrome 138
 * dump has (~45 numeric and text fields per RTP stream), 1,000 samples per series. Made for the
 * dump-forensics figures: many fields per stream, few connections. Deterministic; reused.
 */
export function generateRichDump(path: string, targetBytes: number, pcs = 8): { bytes: number; reused: boolean; streams: number } {
	const samples = 1000;
	// Measured: a stream's ~45 series of 1,000 samples take ~220 kB of dump text.
	const perStream = 220_000;
	const streamsPerPc = Math.max(2, Math.round(targetBytes / pcs / perStream));
	if (existsSync(path) && statSync(path).size >= targetBytes * 0.9) return { bytes: statSync(path).size, reused: true, streams: streamsPerPc * pcs };
	const fd = openSync(path, 'w');
	const start = Date.UTC(2026, 5, 1, 10, 0, 0);
	const startIso = new Date(start).toISOString();
	const endIso = new Date(start + (samples - 1) * 1000).toISOString();
	let bytes = writeSync(fd, '{"getUserMedia":[],"PeerConnections":{');
	const series = (statsType: string, values: (number | string)[]) =>
		JSON.stringify({ startTime: startIso, endTime: endIso, statsType, values: JSON.stringify(values) });
	const ramp = (perSecond: number, jitter: number, seed: number) => {
		let v = 0;
		return Array.from({ length: samples }, (_, i) => {
			v += perSecond + ((i * 7919 + seed * 104729) % (jitter + 1));
			return v;
		});
	};
	const wave = (base: number, amp: number, seed: number) => Array.from({ length: samples }, (_, i) => Math.round((base + amp * Math.sin((i + seed) / 17)) * 1000) / 1000);
	const constant = (v: number | string) => Array.from({ length: samples }, () => v);
	const stamps = Array.from({ length: samples }, (_, i) => start + i * 1000 + (i % 3));
	for (let pc = 0; pc < pcs; pc++) {
		const parts: string[] = [];
		const add = (id: string, prop: string, statsType: string, values: (number | string)[]) =>
			parts.push(`${JSON.stringify(`${id}-${prop}`)}:${series(statsType, values)}`);
		for (let s = 0; s < streamsPerPc; s++) {
			const outbound = s % 2 === 0;
			const video = s % 4 < 2;
			const type = outbound ? 'outbound-rtp' : 'inbound-rtp';
			const id = `${outbound ? 'OT' : 'IT'}01${video ? 'V' : 'A'}${pc * 100 + s}`;
			const seed = pc * 100 + s;
			add(id, 'timestamp', type, stamps);
			add(id, 'kind', type, constant(video ? 'video' : 'audio'));
			add(id, 'ssrc', type, constant(10_000 + seed));
			add(id, 'mid', type, constant(String(s)));
			add(id, 'codecId', type, constant(`CIT01_${video ? 96 : 111}`));
			add(id, 'transportId', type, constant('T01'));
			for (const [prop, rate] of [
				[outbound ? 'bytesSent' : 'bytesReceived', video ? 150_000 : 5000],
				[outbound ? 'packetsSent' : 'packetsReceived', video ? 140 : 50],
				[outbound ? 'headerBytesSent' : 'headerBytesReceived', 3000],
				['nackCount', 1],
				['retransmittedPacketsSent', 1],
				['retransmittedBytesSent', 900],
				['pliCount', 0],
				['firCount', 0]
			] as [string, number][])
				add(id, prop, type, ramp(rate, Math.max(2, rate / 10), seed));
			add(id, 'jitter', type, wave(0.012, 0.008, seed));
			if (!outbound) {
				add(id, 'packetsLost', type, ramp(0, 2, seed));
				add(id, 'jitterBufferDelay', type, ramp(video ? 3 : 5, 1, seed));
				add(id, 'jitterBufferEmittedCount', type, ramp(video ? 30 : 4800, 2, seed));
				add(id, 'jitterBufferTargetDelay', type, ramp(video ? 3 : 5, 1, seed));
				add(id, 'totalProcessingDelay', type, ramp(video ? 2 : 4, 1, seed));
				add(id, 'concealedSamples', type, ramp(video ? 0 : 20, 5, seed));
				add(id, 'totalSamplesReceived', type, ramp(video ? 0 : 48_000, 10, seed));
				add(id, 'totalAudioEnergy', type, ramp(0.1, 0, seed));
				add(id, 'totalSamplesDuration', type, ramp(1, 0, seed));
				add(id, 'decoderImplementation', type, constant('libvpx'));
			} else {
				add(id, 'targetBitrate', type, wave(video ? 1_200_000 : 32_000, 100_000, seed));
				add(id, 'totalPacketSendDelay', type, ramp(0.5, 1, seed));
				add(id, 'qualityLimitationReason', type, Array.from({ length: samples }, (_, i) => (i % 200 < 40 ? 'bandwidth' : 'none')));
				add(id, 'encoderImplementation', type, constant('libvpx'));
				add(id, 'scalabilityMode', type, constant('L1T3'));
			}
			if (video) {
				add(id, 'framesPerSecond', type, wave(29, 2, seed));
				add(id, 'frameWidth', type, constant(1280));
				add(id, 'frameHeight', type, constant(720));
				add(id, outbound ? 'framesEncoded' : 'framesDecoded', type, ramp(30, 1, seed));
				add(id, outbound ? 'framesSent' : 'framesReceived', type, ramp(30, 1, seed));
				add(id, outbound ? 'totalEncodeTime' : 'totalDecodeTime', type, ramp(0.15, 0, seed));
				add(id, outbound ? 'keyFramesEncoded' : 'keyFramesDecoded', type, ramp(0, 1, seed));
				add(id, 'qpSum', type, ramp(900, 60, seed));
				if (!outbound) {
					add(id, 'totalInterFrameDelay', type, ramp(1, 0, seed));
					add(id, 'totalSquaredInterFrameDelay', type, ramp(0.034, 0, seed));
					add(id, 'freezeCount', type, constant(0));
					add(id, 'totalFreezesDuration', type, constant(0));
				}
			}
		}
		add('CP1', 'timestamp', 'candidate-pair', stamps);
		add('CP1', 'currentRoundTripTime', 'candidate-pair', wave(0.045, 0.01, pc));
		add('CP1', 'availableOutgoingBitrate', 'candidate-pair', wave(2_500_000, 300_000, pc));
		add('CP1', 'bytesReceived', 'candidate-pair', ramp(400_000, 9000, pc));
		add('CP1', 'bytesSent', 'candidate-pair', ramp(400_000, 900, pc));
		add('CP1', 'totalRoundTripTime', 'candidate-pair', ramp(0.045, 0, pc));
		add('CP1', 'responsesReceived', 'candidate-pair', ramp(1, 0, pc));
		add('CP1', 'requestsSent', 'candidate-pair', ramp(1, 0, pc));
		add('CP1', 'nominated', 'candidate-pair', constant('true'));
		add('CP1', 'state', 'candidate-pair', constant('succeeded'));
		add('CP1', 'priority', 'candidate-pair', constant(9079290933588934000));
		add('T01', 'timestamp', 'transport', stamps);
		add('T01', 'selectedCandidatePairId', 'transport', constant('CP1'));
		add('T01', 'dtlsState', 'transport', constant('connected'));
		add('T01', 'iceState', 'transport', constant('connected'));
		const log = `[{"timestamp":${start},"type":"createOffer","value":""},{"timestamp":${start + 5},"type":"iceconnectionstatechange","value":"connected"},{"timestamp":${start + 6},"type":"connectionstatechange","value":"connected"}]`;
		const body = `${pc > 0 ? ',' : ''}${JSON.stringify(`${pc + 1}-1`)}:{"pid":${pc},"rtcConfiguration":"{}","stats":{${parts.join(',')}},"updateLog":${log},"url":"https://mesh.example/room"}`;
		bytes += writeSync(fd, body);
	}
	bytes += writeSync(fd, '},"UserAgent":"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 Safari/537.36"}');
	closeSync(fd);
	return { bytes, reused: false, streams: streamsPerPc * pcs };
}
