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
