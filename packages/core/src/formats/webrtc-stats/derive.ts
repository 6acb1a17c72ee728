import {
	lastString,
	lastValue,
	num,
	valueAt,
	type PcStats,
	type StatsObject,
	type StatValue
} from './collector.js';
import { candidateTypeName, kindOf, roleOf } from './classify.js';
import {
	QUALITY_LIMITATION_CODES,
	type CandidateInfo,
	type DerivedStream,
	type FreezeMark,
	type SelectedPair
} from './types.js';

/**
 * Derives per-stream quality series from one peer connection's stats (W3C webrtc-stats
 * definitions, https://www.w3.org/TR/webrtc-stats/):
 * - bitrate (bps) = Δbytes × 8 / Δt, from `bytesSent` / `bytesReceived`;
 * - packet loss (%) = ΔpacketsLost / (ΔpacketsReceived + ΔpacketsLost) for received streams, and
 *   the receiver's `fractionLost` (remote-inbound-rtp) for sent ones;
 * - `jitter` (s → ms), `roundTripTime` / `currentRoundTripTime` (s → ms);
 * - `framesPerSecond` (or Δframes / Δt), `frameWidth`, `frameHeight`, `qualityLimitationReason`;
 * - freezes from `freezeCount` / `totalFreezesDuration` (video), `concealmentEvents` (audio).
 * A counter that goes backwards (reset) or a pause far longer than the sampling interval gives a
 * gap (NaN), never a negative or infinite rate.
 */

/** Chrome's webrtc-internals keeps at most this many samples per series. */
export const CHROME_MAX_SAMPLES = 1000;

export interface DeriveOptions {
	/** Track ids captured with getDisplayMedia: their outbound streams are screen shares. */
	screenTrackIds?: ReadonlySet<string>;
	/** Set for webrtc-internals: series of CHROME_MAX_SAMPLES lost their beginning. */
	chromeTruncation?: boolean;
}

export function deriveStreams(pc: PcStats, options: DeriveOptions = {}): DerivedStream[] {
	const byRole = new Map<string, StatsObject[]>();
	for (const o of pc.objects.values()) {
		const role = roleOf(o);
		const list = byRole.get(role);
		if (list) list.push(o);
		else byRole.set(role, [o]);
	}
	const objects = (role: string) => byRole.get(role) ?? [];
	const byId = pc.objects;

	const connection = deriveConnection(
		pc,
		objects('candidate-pair'),
		objects('transport'),
		objects('bwe'),
		[...objects('local-candidate'), ...objects('remote-candidate')]
	);
	const remoteInbound = objects('remote-inbound');
	const out: DerivedStream[] = [];
	for (const o of [...objects('outbound'), ...objects('inbound')]) {
		const stream = deriveRtp(pc.pcId, o, roleOf(o) === 'outbound', {
			remote: remoteFor(o, remoteInbound),
			connection,
			byId,
			screenTrackIds: options.screenTrackIds
		});
		if (!stream) continue;
		stream.droppedBeforeAt =
			options.chromeTruncation && stream.t.length >= CHROME_MAX_SAMPLES - 1
				? (stream.t[0] ?? null)
				: null;
		out.push(stream);
	}
	if (connection) {
		connection.droppedBeforeAt =
			options.chromeTruncation && connection.t.length >= CHROME_MAX_SAMPLES - 1
				? (connection.t[0] ?? null)
				: null;
		out.push(connection);
	}
	return out;
}

interface RtpContext {
	remote: StatsObject | undefined;
	connection: DerivedStream | null;
	byId: Map<string, StatsObject>;
	screenTrackIds: ReadonlySet<string> | undefined;
}

function deriveRtp(
	pcId: string,
	o: StatsObject,
	outbound: boolean,
	ctx: RtpContext
): DerivedStream | null {
	const bytes = o.props.get(outbound ? 'bytesSent' : 'bytesReceived');
	if (!bytes || bytes.t.length === 0) return null;
	const kind = kindOf(o);
	const times = bytes.t;
	const n = times.length;
	const gapMs = gapThreshold(times);
	const col = () => new Float32Array(n).fill(Number.NaN);
	const bitrate = col();
	const loss = col();
	const jitter = col();
	const rtt = col();
	const fps = col();
	const width = col();
	const height = col();
	const limitation = col();
	const freezes: FreezeMark[] = [];
	const legacy = o.type === 'ssrc';

	for (let i = 0; i < n; i++) {
		const t = times[i] as number;
		const prev = i > 0 ? (times[i - 1] as number) : Number.NaN;
		const dtS = (t - prev) / 1000;
		const usable = i > 0 && dtS > 0 && t - prev <= gapMs;
		// Media stopped in this interval (the byte counter did not move): what the stats still
		// say about frames, loss and jitter is a held value (rtcstats delta compression repeats
		// the last one; browsers keep the last report), not a measurement. Bitrate is a true 0.
		let stopped = false;
		if (usable) {
			const db = num(bytes.v[i]) - num(bytes.v[i - 1]);
			if (db >= 0) bitrate[i] = (db * 8) / dtS;
			stopped = db === 0;
		}
		// Packet loss
		if (outbound) {
			const fraction = num(valueAt(ctx.remote, 'fractionLost', t, 2500));
			if (Number.isFinite(fraction)) loss[i] = clamp(fraction * 100, 0, 100);
			else if (usable) {
				// No fractionLost (Firefox, legacy Chrome): the receiver's cumulative packetsLost
				// against the packets sent in the same interval.
				const lost = legacy
					? delta(o, 'packetsLost', t, prev)
					: ctx.remote
						? delta(ctx.remote, 'packetsLost', t, prev)
						: Number.NaN;
				const sent = delta(o, 'packetsSent', t, prev);
				if (Number.isFinite(lost) && sent > 0)
					loss[i] = clamp((Math.max(0, lost) / sent) * 100, 0, 100);
			}
		} else if (usable) {
			const lost = delta(o, 'packetsLost', t, prev);
			const received = delta(o, 'packetsReceived', t, prev);
			if (Number.isFinite(lost) && Number.isFinite(received) && received >= 0) {
				const total = received + Math.max(0, lost);
				if (total > 0) loss[i] = clamp((Math.max(0, lost) / total) * 100, 0, 100);
			}
		}
		// Jitter (s in W3C stats, ms in legacy googJitterReceived)
		const j = outbound
			? num(valueAt(ctx.remote, 'jitter', t, 2500)) * 1000
			: legacy
				? num(valueAt(o, 'googJitterReceived', t))
				: num(valueAt(o, 'jitter', t)) * 1000;
		if (Number.isFinite(j) && j >= 0 && !stopped) jitter[i] = j;
		// Round-trip time: the receiver's report for sent streams, the connection's otherwise.
		let r = outbound ? num(valueAt(ctx.remote, 'roundTripTime', t, 2500)) * 1000 : Number.NaN;
		if (legacy) r = num(valueAt(o, 'googRtt', t));
		if (!Number.isFinite(r) || r < 0) r = connectionRttAt(ctx.connection, t);
		if (Number.isFinite(r) && r >= 0 && !stopped) rtt[i] = r;
		if (stopped) loss[i] = Number.NaN;
		// Video
		if (kind === 'video') {
			let f = num(
				valueAt(
					o,
					legacy ? (outbound ? 'googFrameRateSent' : 'googFrameRateReceived') : 'framesPerSecond',
					t
				)
			);
			const frames = usable
				? delta(o, outbound ? 'framesEncoded' : 'framesDecoded', t, prev)
				: Number.NaN;
			if (!Number.isFinite(f) && frames >= 0) f = frames / dtS;
			// No frame in the interval: 0 fps and no resolution, whatever the last report held.
			const noFrames = stopped || frames === 0;
			if (noFrames) f = 0;
			if (Number.isFinite(f) && f >= 0) fps[i] = f;
			const w = num(
				valueAt(
					o,
					legacy ? (outbound ? 'googFrameWidthSent' : 'googFrameWidthReceived') : 'frameWidth',
					t
				)
			);
			const h = num(
				valueAt(
					o,
					legacy ? (outbound ? 'googFrameHeightSent' : 'googFrameHeightReceived') : 'frameHeight',
					t
				)
			);
			if (w > 0 && !noFrames) width[i] = w;
			if (h > 0 && !noFrames) height[i] = h;
			const reason = valueAt(o, 'qualityLimitationReason', t);
			if (typeof reason === 'string' && reason in QUALITY_LIMITATION_CODES)
				limitation[i] = QUALITY_LIMITATION_CODES[reason] as number;
			if (!outbound && usable) {
				const count = delta(o, legacy ? 'googFreezeCount' : 'freezeCount', t, prev);
				if (count > 0) {
					const duration = delta(o, 'totalFreezesDuration', t, prev);
					freezes.push({ at: t, durationMs: duration > 0 ? duration * 1000 : null });
				}
			}
		} else if (kind === 'audio' && !outbound && usable) {
			// Concealment is the audio freeze proxy: the jitter buffer had to make up samples.
			const events = delta(o, 'concealmentEvents', t, prev);
			if (events > 0) {
				const concealed = delta(o, 'concealedSamples', t, prev);
				const samples = delta(o, 'totalSamplesReceived', t, prev);
				const rate = samples > 0 ? samples / dtS : Number.NaN;
				freezes.push({
					at: t,
					durationMs: concealed > 0 && rate > 0 ? (concealed / rate) * 1000 : null
				});
			}
		}
	}

	const cols: DerivedStream['cols'] = {
		bitrateBps: bitrate,
		packetLossPct: loss,
		jitterMs: jitter,
		rttMs: rtt
	};
	if (kind === 'video') {
		cols.fps = fps;
		cols.widthPx = width;
		cols.heightPx = height;
		if (outbound) cols.qualityLimitation = limitation;
	}
	const trackId = trackOf(o, ctx.byId);
	const contentType = lastString(o, 'contentType') ?? lastString(o, 'googContentType');
	const source =
		kind !== 'video'
			? null
			: contentType === 'screenshare' ||
				  contentType === 'screen' ||
				  (trackId && ctx.screenTrackIds?.has(trackId))
				? 'screen'
				: 'camera';
	const codecId = lastString(o, 'codecId');
	const codecObject = codecId ? ctx.byId.get(codecId) : undefined;
	return {
		objectId: o.id,
		pcId,
		direction: outbound ? 'outbound' : 'inbound',
		kind,
		source,
		ssrc: lastString(o, 'ssrc'),
		mid: lastString(o, 'mid'),
		trackId,
		codec: (codecObject && lastString(codecObject, 'mimeType')) ?? lastString(o, 'googCodecName'),
		t: Float64Array.from(times),
		cols,
		freezes,
		droppedBeforeAt: null
	};
}

/** The connection's selected candidate pair over time: RTT, available bitrate, throughput. */
function deriveConnection(
	pc: PcStats,
	pairs: StatsObject[],
	transports: StatsObject[],
	bwe: StatsObject[],
	candidateObjects: StatsObject[]
): DerivedStream | null {
	if (pairs.length === 0) return null;
	const selectedIds = new Set<string>();
	const transportSelection = transports.flatMap((tr) => {
		const s = tr.props.get('selectedCandidatePairId');
		return s ? [s] : [];
	});
	for (const s of transportSelection)
		for (const v of s.v) if (typeof v === 'string') selectedIds.add(v);
	for (const p of pairs) {
		if (
			seriesHas(p, 'selected', true) ||
			seriesHas(p, 'googActiveConnection', 'true') ||
			seriesHas(p, 'googActiveConnection', true) ||
			(transportSelection.length === 0 &&
				seriesHas(p, 'nominated', true) &&
				seriesHas(p, 'state', 'succeeded'))
		) {
			selectedIds.add(p.id);
		}
	}
	if (selectedIds.size === 0) {
		// Nothing says which pair carried media: the one that moved the most bytes did.
		const busiest = [...pairs].sort((a, b) => pairBytes(b) - pairBytes(a))[0];
		if (busiest && pairBytes(busiest) > 0) selectedIds.add(busiest.id);
	}
	const selected = pairs.filter((p) => selectedIds.has(p.id));
	if (selected.length === 0) return null;

	// The timeline: every sample time of a selected pair, one row per time.
	const timeSet = new Set<number>();
	for (const p of selected) {
		const s =
			p.props.get('bytesSent') ??
			p.props.get('bytesReceived') ??
			p.props.get('currentRoundTripTime') ??
			p.props.get('googRtt');
		for (const t of s?.t ?? []) timeSet.add(t);
	}
	const times = [...timeSet].sort((a, b) => a - b);
	const n = times.length;
	if (n === 0) return null;
	const gapMs = gapThreshold(times);
	const col = () => new Float32Array(n).fill(Number.NaN);
	const rtt = col();
	const aob = col();
	const send = col();
	const recv = col();
	let last: StatsObject | undefined;
	let changes = 0;
	for (let i = 0; i < n; i++) {
		const t = times[i] as number;
		const chosen = pairAt(selected, transportSelection, t);
		if (!chosen) continue;
		if (last && chosen !== last) changes++;
		const legacy = chosen.props.has('googRtt');
		const r = legacy
			? num(valueAt(chosen, 'googRtt', t))
			: num(valueAt(chosen, 'currentRoundTripTime', t)) * 1000;
		if (Number.isFinite(r) && r >= 0) rtt[i] = r;
		let a = num(valueAt(chosen, 'availableOutgoingBitrate', t));
		if (!Number.isFinite(a)) a = num(valueAt(bwe[0], 'googAvailableSendBandwidth', t, 2500));
		if (Number.isFinite(a) && a >= 0) aob[i] = a;
		if (i > 0 && chosen === last) {
			const prev = times[i - 1] as number;
			const dtS = (t - prev) / 1000;
			if (dtS > 0 && t - prev <= gapMs) {
				const s = delta(chosen, 'bytesSent', t, prev);
				const rc = delta(chosen, 'bytesReceived', t, prev);
				if (s >= 0) send[i] = (s * 8) / dtS;
				if (rc >= 0) recv[i] = (rc * 8) / dtS;
			}
		}
		last = chosen;
	}
	const candidates = candidateObjects.map(candidateInfo);
	const final = last ?? selected[0];
	const localId = final ? lastString(final, 'localCandidateId') : null;
	const remoteId = final ? lastString(final, 'remoteCandidateId') : null;
	const local =
		candidates.find((c) => c.id === localId) ??
		(final && final.props.has('googLocalAddress') ? legacyCandidate(final, false) : null);
	const remote =
		candidates.find((c) => c.id === remoteId) ??
		(final && final.props.has('googRemoteAddress') ? legacyCandidate(final, true) : null);
	const selectedPair: SelectedPair = {
		local: local ?? null,
		remote: remote ?? null,
		relayed: local?.candidateType === 'relay' || remote?.candidateType === 'relay',
		changes
	};
	return {
		objectId: final?.id ?? 'connection',
		pcId: pc.pcId,
		direction: 'connection',
		kind: null,
		source: null,
		ssrc: null,
		mid: null,
		trackId: null,
		codec: null,
		t: Float64Array.from(times),
		cols: {
			rttMs: rtt,
			availableOutgoingBitrateBps: aob,
			sendBitrateBps: send,
			receiveBitrateBps: recv
		},
		freezes: [],
		droppedBeforeAt: null,
		selectedPair,
		candidates
	};
}

function pairAt(
	selected: StatsObject[],
	transportSelection: { t: number[]; v: StatValue[] }[],
	t: number
): StatsObject | undefined {
	for (const s of transportSelection) {
		const id = valueAt({ id: '', type: null, props: new Map([['x', s]]) }, 'x', t, 2500);
		if (typeof id === 'string') {
			const p = selected.find((x) => x.id === id);
			if (p) return p;
		}
	}
	let best: StatsObject | undefined;
	let bestBytes = -1;
	for (const p of selected) {
		const v =
			valueAt(p, 'bytesSent', t, 1500) ??
			valueAt(p, 'googRtt', t, 1500) ??
			valueAt(p, 'currentRoundTripTime', t, 1500);
		if (v === undefined) continue;
		const b = num(valueAt(p, 'bytesSent', t, 1500)) + num(valueAt(p, 'bytesReceived', t, 1500));
		const score = Number.isFinite(b) ? b : 0;
		if (score > bestBytes) {
			best = p;
			bestBytes = score;
		}
	}
	return best;
}

function candidateInfo(o: StatsObject): CandidateInfo {
	const port = num(lastValue(o, 'port'));
	return {
		id: o.id,
		isRemote: roleOf(o) === 'remote-candidate',
		candidateType: candidateTypeName(lastString(o, 'candidateType')),
		protocol: lastString(o, 'protocol'),
		relayProtocol: lastString(o, 'relayProtocol'),
		networkType: lastString(o, 'networkType'),
		address: lastString(o, 'address') ?? lastString(o, 'ip'),
		port: Number.isFinite(port) ? port : null
	};
}

/** Legacy googCandidatePair carries its ends inline ("1.2.3.4:5678"). */
function legacyCandidate(pair: StatsObject, remote: boolean): CandidateInfo {
	const address = lastString(pair, remote ? 'googRemoteAddress' : 'googLocalAddress');
	const colon = address ? address.lastIndexOf(':') : -1;
	return {
		id: `${pair.id}:${remote ? 'remote' : 'local'}`,
		isRemote: remote,
		candidateType: candidateTypeName(
			lastString(pair, remote ? 'googRemoteCandidateType' : 'googLocalCandidateType')
		),
		protocol: lastString(pair, 'googTransportType'),
		relayProtocol: null,
		networkType: null,
		address: address && colon > 0 ? address.slice(0, colon) : address,
		port: address && colon > 0 ? Number(address.slice(colon + 1)) : null
	};
}

function connectionRttAt(connection: DerivedStream | null, t: number): number {
	const rtt = connection?.cols.rttMs;
	if (!connection || !rtt || connection.t.length === 0) return Number.NaN;
	let lo = 0;
	let hi = connection.t.length - 1;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if ((connection.t[mid] as number) < t) lo = mid + 1;
		else hi = mid;
	}
	return Math.abs((connection.t[lo] as number) - t) <= 2500 ? (rtt[lo] as number) : Number.NaN;
}

function remoteFor(o: StatsObject, remotes: StatsObject[]): StatsObject | undefined {
	const remoteId = lastString(o, 'remoteId');
	if (remoteId) {
		const byId = remotes.find((r) => r.id === remoteId);
		if (byId) return byId;
	}
	const byLocal = remotes.find((r) => lastString(r, 'localId') === o.id);
	if (byLocal) return byLocal;
	const ssrc = lastString(o, 'ssrc');
	return ssrc ? remotes.find((r) => lastString(r, 'ssrc') === ssrc) : undefined;
}

function trackOf(o: StatsObject, byId: Map<string, StatsObject>): string | null {
	const direct = lastString(o, 'trackIdentifier') ?? lastString(o, 'googTrackId');
	if (direct) return direct;
	for (const ref of ['mediaSourceId', 'trackId']) {
		const id = lastString(o, ref);
		const target = id ? byId.get(id) : undefined;
		const track = target ? lastString(target, 'trackIdentifier') : null;
		if (track) return track;
	}
	return null;
}

/** Δ of a counter between two sample times; NaN when either sample is missing or it went back. */
function delta(o: StatsObject, prop: string, t: number, prev: number): number {
	const a = num(valueAt(o, prop, prev));
	const b = num(valueAt(o, prop, t));
	return Number.isFinite(a) && Number.isFinite(b) ? b - a : Number.NaN;
}

/** A pause longer than this is a gap: 5× the median sampling interval, at least 10 s. */
function gapThreshold(times: number[]): number {
	if (times.length < 3) return 10_000;
	const steps: number[] = [];
	for (let i = 1; i < times.length; i++)
		steps.push((times[i] as number) - (times[i - 1] as number));
	steps.sort((a, b) => a - b);
	const median = steps[steps.length >> 1] as number;
	return Math.max(10_000, median * 5);
}

function seriesHas(o: StatsObject, prop: string, value: StatValue): boolean {
	return o.props.get(prop)?.v.some((v) => v === value) ?? false;
}

function pairBytes(o: StatsObject): number {
	const b = num(lastValue(o, 'bytesSent')) + num(lastValue(o, 'bytesReceived'));
	return Number.isFinite(b) ? b : 0;
}

function clamp(v: number, lo: number, hi: number): number {
	return Math.min(hi, Math.max(lo, v));
}
