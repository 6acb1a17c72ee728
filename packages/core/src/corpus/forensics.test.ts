import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bandwidthLines, bandwidthObjectIds } from '../analysis/bandwidth.js';
import { mediaRequests } from '../analysis/media-requests.js';
import { mungedDescriptions, summarizeSdp } from '../analysis/sdp.js';
import { fieldSeries, fieldViews, pickerGroups } from '../analysis/stats-fields.js';
import { importFile } from '../import/pipeline.js';
import { buildSessionModel } from '../analysis/session-model.js';
import type { PcDetailRow, StatsObjectSamples } from '../model/pc-detail.js';
import { listPcDetails, loadStatsObject, loadStatsObjects } from '../storage/pc-details.js';
import { loadSessionEvents, querySessions } from '../storage/queries.js';
import type { RtcscopeDb } from '../storage/db.js';
import { freshDb, sharedPath } from '../test-support/helpers.js';

/**
 * Dump forensics on real dumps (issue 12): every field kept, rates and per-event averages as
 * Chrome computes them, bands, the ICE table, SDP sections and the getUserMedia table. Chrome's
 * webrtc-internals writes its own computed series (`[bytesSent_in_bits/s]`, …) into the dump:
 * rtcscope drops them on read and recomputes them from the counters, so the dump itself is the
 * reference — each check compares rtcscope's figure with Chrome's at the same sample.
 */

const GUILOSPANCK = sharedPath('data/real/webrtc-internals/Guilospanck-webrtc-stats-analyzer__webrtc_internals_dump.txt');

async function imported(path: string): Promise<{ db: RtcscopeDb; details: PcDetailRow[]; key: string }> {
	const db = freshDb();
	const out = await importFile({ file: new File([readFileSync(path)], basename(path)), name: basename(path) }, { db });
	expect(out.kind).toBe('done');
	const key = (await querySessions(db, { limit: 10 })).rows[0]?.key as string;
	return { db, details: await listPcDetails(db, key as never), key };
}

/**
 * Chrome's computed series `[name]` of an object. A dense one (same end as the object's
 * timestamps) is placed at the object's last timestamps; a sparse one (Chrome adds a value only
 * where the denominator moved, as for `[totalRoundTripTime/responsesReceived]`) has no times.
 */
function chromeSeries(dump: Record<string, unknown>, pcId: string, objectId: string, name: string) {
	type Series = { values: string; endTime: string };
	const stats = (dump.PeerConnections as Record<string, { stats: Record<string, Series> }>)[pcId]?.stats ?? {};
	const series = stats[`${objectId}-${name}`];
	const stamps = stats[`${objectId}-timestamp`];
	const values = JSON.parse(series?.values ?? '[]') as number[];
	const times = JSON.parse(stamps?.values ?? '[]') as number[];
	const dense = series?.endTime === stamps?.endTime;
	return { dense, points: values.map((v, k) => ({ at: dense ? (times[times.length - values.length + k] as number) : Number.NaN, v })) };
}

describe('every field of a webrtc-internals dump, derived as Chrome derives it', () => {
	it('Guilospanck 92-1: 24 objects, 313 fields kept; 87 computed series dropped and recomputed', async () => {
		const { details } = await imported(GUILOSPANCK);
		// Read in the file: PCs 92-1 and 94-1; 92-1 has 24 stats ids (peer-connection, 2 media-source,
		// 2 outbound-rtp, 2 inbound-rtp, 2 certificate, 4 codec, candidate-pair, 2 local-candidate,
		// remote-candidate, transport, 2 remote-inbound-rtp, 2 remote-outbound-rtp, data-channel,
		// media-playout) and 87 keys written as `<id>-[…]`.
		expect(details.map((d) => d.pcId)).toEqual(['92-1', '94-1']);
		const pc = details[0] as PcDetailRow;
		expect(pc.objects).toHaveLength(24);
		expect(pc.objects.reduce((n, o) => n + o.fields.length, 0)).toBe(313);
		expect(pc.computedSeriesDropped).toBe(87);
		const groups = pickerGroups(pc.objects);
		expect(groups.map((g) => g.type).slice(0, 4)).toEqual(['outbound-rtp', 'inbound-rtp', 'remote-inbound-rtp', 'remote-outbound-rtp']);
		const video = groups[0]?.objects.find((o) => o.object.kind === 'video');
		// Constant and all-zero fields are folded: the picker says "n of m".
		expect(video && video.shown.length + video.folded.length).toBe(video?.object.fields.filter((f) => f.kind === 'number').length);
		expect(video?.folded.some((f) => f.name === 'frameWidth' || f.name === 'firCount')).toBe(true);
	});

	it('rates and per-frame averages equal Chrome’s own computed series, sample by sample', async () => {
		const { db, details } = await imported(GUILOSPANCK);
		const dump = JSON.parse(readFileSync(GUILOSPANCK, 'utf8')) as Record<string, unknown>;
		const pc = details[0] as PcDetailRow;
		const checks: [objectId: string, field: string, view: string, chrome: string, scale: number][] = [
			['OT01V322562611', 'bytesSent', 'rate', '[bytesSent_in_bits/s]', 1000],
			['OT01V322562611', 'framesEncoded', 'rate', '[framesEncoded/s]', 1],
			['OT01V322562611', 'totalEncodeTime', 'per:framesEncoded', '[totalEncodeTime/framesEncoded_in_ms]', 1],
			['OT01V322562611', 'qpSum', 'per:framesEncoded', '[qpSum/framesEncoded]', 1],
			['OT01V322562611', 'totalPacketSendDelay', 'per:packetsSent', '[totalPacketSendDelay/packetsSent_in_ms]', 1],
			['IT01A2631453875', 'jitterBufferDelay', 'per:jitterBufferEmittedCount', '[jitterBufferDelay/jitterBufferEmittedCount_in_ms]', 1],
			['IT01A2631453875', 'totalProcessingDelay', 'per:jitterBufferEmittedCount', '[totalProcessingDelay/jitterBufferEmittedCount_in_ms]', 1],
			['IT01A2631453875', 'packetsReceived', 'rate', '[packetsReceived/s]', 1],
			['IT01V1544958365', 'totalDecodeTime', 'per:framesDecoded', '[totalDecodeTime/framesDecoded_in_ms]', 1],
			['IT01V1544958365', 'totalInterFrameDelay', 'per:framesDecoded', '[totalInterFrameDelay/framesDecoded_in_ms]', 1],
			['IT01V1544958365', 'totalSquaredInterFrameDelay', 'stdev', '[interFrameDelayStDev_in_ms]', 1],
			// Chrome leaves this one in seconds; rtcscope shows ms.
			['CPI1XOmtb9_Cs2s8Hj9', 'totalRoundTripTime', 'per:responsesReceived', '[totalRoundTripTime/responsesReceived]', 1 / 1000]
		];
		for (const [objectId, field, view, chrome, scale] of checks) {
			const info = pc.objects.find((o) => o.id === objectId);
			const row = (await loadStatsObject(db, pc, objectId)) as StatsObjectSamples;
			expect(info && row, objectId).toBeTruthy();
			const ours = fieldSeries(row, info as never, field, view);
			const reference = chromeSeries(dump, '92-1', objectId, chrome);
			expect(reference.points.length, chrome).toBeGreaterThan(15);
			if (!reference.dense) {
				// Where Chrome skipped an interval, rtcscope has a gap: the values match in order.
				const mine = [...ours.v].filter((x) => !Number.isNaN(x)).map((x) => x * scale);
				expect(mine.length, chrome).toBe(reference.points.length);
				mine.forEach((x, k) => expect(x, `${chrome} #${k}`).toBeCloseTo(reference.points[k]?.v as number, 6));
				continue;
			}
			let compared = 0;
			for (const { at, v } of reference.points) {
				const i = ours.t.indexOf(at);
				const mine = ours.v[i] as number;
				if (i <= 0 || Number.isNaN(mine)) continue;
				expect(mine * scale, `${chrome} at ${at}`).toBeCloseTo(v, 6);
				compared++;
			}
			// Intervals with no new measurement are gaps here (Chrome writes 0 there): fewer samples compare.
			expect(compared, chrome).toBeGreaterThan(15);
		}
	});

	it('a hand check: video 322562611 sent 159,620 bytes in the 0.99976 s before 09:15:09.620 = 1,277.3 kbps', async () => {
		const { db, details } = await imported(GUILOSPANCK);
		const pc = details[0] as PcDetailRow;
		const info = pc.objects.find((o) => o.id === 'OT01V322562611');
		const row = (await loadStatsObject(db, pc, 'OT01V322562611')) as StatsObjectSamples;
		// Read: timestamps …108619.921, …109619.681 (Δ 0.99976 s); bytesSent 772,481 → 932,101
		// (Δ 159,620 B) → 159,620 × 8 ÷ 0.99976 ÷ 1000 = 1,277.27 kbps.
		const series = fieldSeries(row, info as never, 'bytesSent', 'rate');
		const i = series.t.indexOf(1770110109619.681);
		expect(series.view.unit).toBe('kbps');
		expect(series.v[i]).toBeCloseTo(1277.27, 2);
		// Views offered for a counter: the rate first, the raw value last.
		expect(fieldViews(info as never, info?.fields.find((f) => f.name === 'bytesSent') as never).map((v) => v.id)).toEqual(['rate', 'value']);
	});
});

describe('bands, ICE, SDP and getUserMedia of the same dump', () => {
	it('qualityLimitationReason bandwidth → none, codecs, states and the selected pair as bands', async () => {
		const { details } = await imported(GUILOSPANCK);
		const pc = details[0] as PcDetailRow;
		const band = (field: string, label?: string) => pc.bands.find((b) => b.field === field && (!label || b.label.includes(label)));
		// Read: OT01V322562611-qualityLimitationReason is "bandwidth" for the first 17 samples, then "none".
		expect(band('qualityLimitationReason')?.runs.map((r) => r.value)).toEqual(['bandwidth', 'none']);
		expect(new Date(band('qualityLimitationReason')?.runs[1]?.from as number).toISOString()).toBe('2026-02-03T09:15:15.619Z');
		expect(band('codec', 'outbound-rtp video')?.runs.map((r) => r.value)).toEqual(['video/VP8']);
		expect(band('encoderImplementation')?.runs.map((r) => r.value)).toEqual(['libvpx']);
		expect(band('connectionState')?.runs.map((r) => r.value)).toEqual(['connecting', 'connected']);
		expect(band('selectedCandidatePair')?.runs.map((r) => r.value)).toEqual(['host udp ↔ host udp']);
	});

	it('the ICE table: one pair, succeeded, nominated, selected, its priority as the file writes it', async () => {
		const { details } = await imported(GUILOSPANCK);
		const pair = details[0]?.ice.pairs[0];
		// Read: CPI1XOmtb9_Cs2s8Hj9 state "succeeded", nominated true, priority 9079290933588934000
		// (a double rounds it to …933632), requestsSent 22, responsesReceived 22 at the last sample.
		expect(details[0]?.ice.pairs).toHaveLength(1);
		expect(pair).toMatchObject({ state: 'succeeded', nominated: true, selected: true, priority: '9079290933588934000', requestsSent: 22, responsesReceived: 22 });
		expect(details[0]?.ice.candidates.filter((c) => c.isRemote)).toHaveLength(1);
	});

	it('SDP: the answer’s m-sections, codecs and no munging; both getUserMedia calls with their tracks', async () => {
		const { db, details, key } = await imported(GUILOSPANCK);
		const pc = details[0] as PcDetailRow;
		// Read: 92-1 answers: setRemoteDescription(offer) → createAnswer → setLocalDescription(answer), twice
		// (a renegotiation); the local answer is the created one, unchanged.
		expect(pc.descriptions.map((d) => `${d.op} ${d.type}`)).toEqual([
			'setRemoteDescription offer',
			'createAnswerOnSuccess answer',
			'setLocalDescription answer',
			'setRemoteDescription offer',
			'createAnswerOnSuccess answer',
			'setLocalDescription answer'
		]);
		expect(mungedDescriptions(pc.descriptions)).toEqual([]);
		const answer = summarizeSdp(pc.descriptions[2]?.sdp as string);
		expect(answer.sections.map((s) => `${s.kind} ${s.mid} ${s.direction}`)).toEqual(['audio 0 sendrecv', 'video 1 sendrecv']);
		expect(answer.sections[0]?.codecs[0]?.name).toBe('opus/48000/2');
		expect(answer.sections[1]?.codecs.some((c) => c.name === 'VP8/90000' && c.feedback.includes('nack pli'))).toBe(true);
		expect(answer.sections.every((s) => !s.rejected)).toBe(true);
		// Read: two getUserMedia requests (localhost:3002 and :3001, `audio: "", video: ""`), each
		// answered with "Default" audio and "HD User Facing (0408:a061)" video; then a getDisplayMedia
		// on :3001 answered with a tab capture and `audio_track_info: "null"` (no audio track).
		const gum = mediaRequests(await loadSessionEvents(db, key as never));
		expect(gum.map((g) => `${g.call} ${g.origin} ${g.outcome} ${g.tracks.map((t) => `${t.kind}:${t.label}`).join(',')}`)).toEqual([
			'getUserMedia http://localhost:3002 ok audio:Default,video:HD User Facing (0408:a061)',
			'getUserMedia http://localhost:3001 ok audio:Default,video:HD User Facing (0408:a061)',
			'getDisplayMedia http://localhost:3001 ok video:web-contents-media-stream://6FC5FA305CF78952FBA9D820E74B8F88'
		]);
		expect(gum[0]?.constraints).toBe('audio: ""; video: ""');
	});

	it('bandwidth estimation: availableOutgoingBitrate against what was sent', async () => {
		const { db, details } = await imported(GUILOSPANCK);
		const pc = details[0] as PcDetailRow;
		const rows = await loadStatsObjects(db, pc, bandwidthObjectIds(pc));
		const lines = bandwidthLines(pc, rows);
		expect(lines.map((l) => l.label)).toEqual([
			'estimate: available outgoing',
			'sent: RTP payload (all outbound-rtp)',
			'encoder target (Σ targetBitrate)',
			'sent: on the transport (candidate pair)'
		]);
		// The RTP payload sent is less than what the transport carried.
		const rtp = lines[1]?.v.filter((x) => !Number.isNaN(x)).reduce((a, b) => a + b, 0) as number;
		const transport = lines[3]?.v.filter((x) => !Number.isNaN(x)).reduce((a, b) => a + b, 0) as number;
		expect(rtp).toBeLessThan(transport);
	});
});

describe('Firefox about:webrtc saved pages', () => {
	const FARACOENG = sharedPath('data/real/firefox-about-webrtc/Faracoeng-SMU29009__aboutWebrtc.html');
	const LUKE = sharedPath('data/real/firefox-about-webrtc/lukewestmark-174afpschess__aboutWebrtc.html');

	it('Firefox 71, Portuguese, Latin-1: 4 PCs, the open one’s RTP figures and ICE pair as the page prints them', async () => {
		const { details } = await imported(FARACOENG);
		expect(details.map((d) => d.pcId)).toEqual(['15032385543', '15032385546', '15032385549', '15032385555']);
		const pc = details.find((d) => d.pcId === '15032385555') as PcDetailRow;
		// Read: heading "[ 15032385555 ] https://ifsc.ga/… Tue Dec 10 2019 15:19:32 GMT-0300" → 18:19:32 UTC.
		expect(pc.source).toBe('about-webrtc');
		expect(new Date(pc.snapshotAt as number).toISOString()).toBe('2019-12-10T18:19:32.000Z');
		const field = (id: string, name: string) => pc.objects.find((o) => o.id === id)?.fields.find((f) => f.name === name)?.last;
		// Read: "inbound-rtp SSRC: 3981974271 Recebido: 3214 pacotes (544.18 Kb) Perdido: 3 Jitter: 0.008";
		// the page's "Kb" is bytes ÷ 1024: 544.18 × 1024 = 557,240 B.
		expect(field('inbound-rtp_3981974271', 'packetsReceived')).toBe(3214);
		expect(field('inbound-rtp_3981974271', 'bytesReceived')).toBe(557240);
		expect(field('inbound-rtp_3981974271', 'packetsLost')).toBe(3);
		expect(field('inbound-rtp_3981974271', 'jitter')).toBe(0.008);
		// Read: "outbound-rtp SSRC: 3577008086 Enviado: 6443 pacotes (6418.51 Kb)", its remote side "RTT: 9 ms",
		// and "Codificador: Taxa média de bits: 0.79 Mbps (0.27 SD) Taxa média de quadros: 29.33 fps (3.85 SD) Quadros perdidos: 32".
		expect(field('outbound-rtp_3577008086', 'packetsSent')).toBe(6443);
		expect(field('remote-inbound-rtp_3577008086', 'roundTripTime')).toBe(0.009);
		expect(field('outbound-rtp_3577008086', 'framesDropped')).toBe(32);
		expect(field('outbound-rtp_3577008086', 'averageFramesPerSecond')).toBe(29.33);
		// Read: the ICE table's one row: succeeded, true, true, 191.36.15.4:35212/udp(host) [non-proxied],
		// 191.36.11.53:48612/udp(prflx), component 1, priority 7961835276047483000, 6902119, 7932124 bytes.
		expect(pc.ice.pairs).toHaveLength(1);
		expect(pc.ice.pairs[0]).toMatchObject({ state: 'succeeded', nominated: true, selected: true, priority: '7961835276047483000', bytesSent: 6902119, bytesReceived: 7932124 });
		const local = pc.ice.candidates.find((c) => c.id === pc.ice.pairs[0]?.localId);
		expect(local).toMatchObject({ candidateType: 'host', protocol: 'udp', address: '191.36.15.4', port: 35212 });
		expect(pc.ice.restarts).toBe(0);
		expect(pc.ice.raw?.local).toHaveLength(5);
		// Read: "SDP local (Oferta)" (a=setup:actpass) then "SDP remoto (Resposta)"; the offer has audio and video.
		expect(pc.descriptions.map((d) => `${d.op} ${d.type}`)).toEqual(['local offer', 'remote answer']);
		expect(summarizeSdp(pc.descriptions[0]?.sdp as string).sections.map((s) => s.kind)).toEqual(['audio', 'video']);
		expect(pc.log?.length).toBeGreaterThan(50);
	});

	it('the 2025 layout: 19 PCs, closed ones with their SDP history times, configuration without credentials', async () => {
		const { details } = await imported(LUKE);
		expect(details).toHaveLength(19);
		const pc = details.find((d) => d.pcId === '7000796692518') as PcDetailRow;
		// Read: h5 "Timestamp 1764838979696 (+ 0 ms)" under Local SDP (offer, mozilla SDPARTA-99.0),
		// "Timestamp 1764838988743 (+ 9,047 ms)" under Remote SDP (answer); m=application only.
		expect(pc.descriptions.map((d) => `${d.op} ${d.type} ${d.at}`)).toEqual([
			'setLocalDescription offer 1764838979696',
			'setRemoteDescription answer 1764838988743'
		]);
		expect(summarizeSdp(pc.descriptions[0]?.sdp as string).sections.map((s) => s.kind)).toEqual(['application']);
		expect(pc.configuration).toContain('stun:stun.l.google.com:19302');
		expect(pc.configuration).toContain('bundlePolicy: balanced');
		expect(pc.objects).toEqual([]);
		expect(pc.ice.raw).toEqual({ local: ['host(IP6:[::]:62721/TCP) active'], remote: expect.arrayContaining([expect.stringContaining('typ srflx')]) });
	});

	it('a Copy Report (RTCStatsReportInternal JSON) is read from its W3C stats objects', async () => {
		// Written from dom/webidl/RTCStatsReport.webidl (no real copy in the corpus).
		const report = {
			pcid: '{1f2e} 1764720249350538 (id=42 url=https://meet.example/room)',
			browserId: 7,
			timestamp: 1764720300000,
			closed: false,
			iceRestarts: 1,
			iceRollbacks: 0,
			sdpHistory: [{ timestamp: 1764720250000, isLocal: true, sdp: 'v=0\r\no=mozilla...THIS_IS_SDPARTA-145.0 1 0 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\na=setup:actpass\r\nm=audio 9 UDP/TLS/RTP/SAVPF 109\r\nc=IN IP4 0.0.0.0\r\na=sendrecv\r\na=rtpmap:109 opus/48000/2\r\n', errors: [] }],
			inboundRtpStreamStats: [{ id: 'in1', type: 'inbound-rtp', timestamp: 1764720300000, ssrc: 11, kind: 'audio', packetsReceived: 500, bytesReceived: 40000, packetsLost: 2, jitter: 0.004 }],
			outboundRtpStreamStats: [],
			iceCandidatePairStats: [{ id: 'p1', type: 'candidate-pair', state: 'succeeded', nominated: true, selected: true, priority: 'PRIORITY', localCandidateId: 'l1', remoteCandidateId: 'r1', bytesSent: 1, bytesReceived: 2 }],
			iceCandidateStats: [
				{ id: 'l1', type: 'local-candidate', candidateType: 'host', protocol: 'udp', address: '10.0.0.1', port: 5000 },
				{ id: 'r1', type: 'remote-candidate', candidateType: 'relay', protocol: 'udp', relayProtocol: 'tls', address: '10.0.0.2', port: 443 }
			]
		};
		const db = freshDb();
		// The priority as Firefox writes it: a 64-bit integer, more digits than a double keeps.
		const text = JSON.stringify(report).replace('"PRIORITY"', '9115038255631187967');
		const out = await importFile({ file: new File([text], 'report.json'), name: 'report.json' }, { db });
		expect(out.progress.format).toBe('about-webrtc');
		const key = (await querySessions(db, { limit: 1 })).rows[0]?.key as string;
		const [pc] = await listPcDetails(db, key as never);
		expect(pc?.objects.find((o) => o.id === 'in1')?.fields.find((f) => f.name === 'packetsReceived')?.last).toBe(500);
		expect(pc?.ice.pairs[0]).toMatchObject({ state: 'succeeded', selected: true, priority: '9115038255631187967' });
		expect(pc?.ice.restarts).toBe(1);
		expect(pc?.descriptions[0]).toMatchObject({ op: 'setLocalDescription', type: 'offer', at: 1764720250000 });
	});
});

describe('failures the stats show', () => {
	it('a DTLS failure in transport.dtlsState is the connection’s end even when the update log never says it', async () => {
		// A minimal Chrome dump (written for the test): the log only has createOffer; the transport's
		// dtlsState goes connecting → failed at the third sample.
		const t0 = Date.UTC(2026, 0, 5, 10, 0, 0);
		const series = (values: unknown[]) => ({
			startTime: new Date(t0).toISOString(),
			endTime: new Date(t0 + 2000).toISOString(),
			statsType: 'transport',
			values: JSON.stringify(values)
		});
		const dump = {
			getUserMedia: [],
			PeerConnections: {
				'7-1': {
					pid: 1,
					rtcConfiguration: '{}',
					url: 'https://app.example/call',
					updateLog: [{ timestamp: t0, type: 'createOffer', value: '' }],
					stats: {
						'T01-timestamp': series([t0, t0 + 1000, t0 + 2000]),
						'T01-dtlsState': series(['connecting', 'connecting', 'failed']),
						'T01-iceState': series(['checking', 'connected', 'connected'])
					}
				}
			},
			UserAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/138.0.0.0'
		};
		const db = freshDb();
		await importFile({ file: new File([JSON.stringify(dump)], 'dtls.json'), name: 'dtls.json' }, { db });
		const key = (await querySessions(db, { limit: 1 })).rows[0]?.key as never;
		const model = buildSessionModel(key, await loadSessionEvents(db, key));
		expect(model.participants.map((p) => [p.participantId, p.leaveReason, p.leftAt])).toEqual([['7-1', 'dtlsFailed', t0 + 2000]]);
		const [pc] = await listPcDetails(db, key);
		expect(pc?.bands.find((b) => b.field === 'dtlsState')?.runs.map((r) => r.value)).toEqual(['connecting', 'failed']);
	});
});
