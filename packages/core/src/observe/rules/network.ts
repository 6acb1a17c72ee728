import { VONAGE_THRESHOLDS } from '../../analysis/quality.js';
import { alarmTable } from '../../fleet/thresholds.js';
import type { MetricName } from '../../formats/webrtc-stats/types.js';
import type { QualityStreamRow } from '../../model/rows.js';
import { participantFacts } from '../facts.js';
import { breaches } from '../runs.js';
import { stitchStreams } from '../stitch.js';
import type { Observation, ObserveInput, Rule } from '../types.js';
import { clock, kbps, pct, possessive, spoken } from '../words.js';

/** Time above a threshold that is worth telling: this long, and this share of the stream's time. */
const OVER_MIN_MS = 10_000;
const OVER_MIN_SHARE = 0.05;

export const networkThresholds: Rule = {
	info: {
		id: 'network-thresholds',
		title: 'Latency, jitter and loss over Table 4-2’s thresholds',
		rule: 'A user’s worst per-stream average of latency, jitter or packet loss, uplink (what it sent, as the receiver reports it) or downlink (what it received), is above SparkRTC Table 4-2’s threshold (500 ms, 500 ms, 20 %; Settings can change them). The same figures and rule as Diagnostics’ causes.',
		source: 'SparkRTC Table 4-2',
		needs: 'dumps'
	},
	run(input) {
		const table = alarmTable(input.thresholds).filter((r) => r.direction !== 'device' && !r.id.endsWith('Freeze'));
		const facts = participantFacts(input).filter((f) => f.fact.stats);
		if (facts.length === 0) return { observations: [], status: { status: 'not-measurable', note: 'no stats dump of this call in these files' } };
		const out: Observation[] = [];
		for (const f of facts) {
			for (const row of table) {
				const value = f.fact.stats?.metrics[row.id];
				if (value === undefined || value <= row.threshold) continue;
				const stream = worstStream(f.streams, row.id);
				out.push({
					id: `network-thresholds:${f.participantId ?? 'dump'}:${row.id}`,
					rule: 'network-thresholds',
					severity: 'problem',
					...(f.participantId ? { participantId: f.participantId } : {}),
					sentence: `${possessive(f.label)} ${row.label.toLowerCase()} averaged ${row.unit === '%' ? pct(value) : `${Math.round(value)} ms`}${stream ? ` on ${describe(stream)}` : ''}, above Table 4-2’s ${row.threshold} ${row.unit} (${row.source}).`,
					fired: `${row.unit === '%' ? pct(value) : `${Math.round(value)} ms`} > ${row.threshold} ${row.unit}`,
					evidence: stream ? [{ from: stream.firstAt, to: stream.lastAt, streamKey: stream.key, metric: metricOf(row.id), participantId: stream.participantId, pcId: stream.pcId }] : [{ from: f.fact.joinAt, to: f.fact.leftAt }]
				});
			}
		}
		return { observations: out, status: { status: out.length ? 'fired' : 'passed', note: `${facts.length} user(s) with stats checked` } };
	}
};

function metricOf(id: string): MetricName {
	return id.endsWith('Loss') ? 'packetLossPct' : id.endsWith('Jitter') ? 'jitterMs' : 'rttMs';
}

function worstStream(streams: readonly QualityStreamRow[], id: string): QualityStreamRow | null {
	const up = id.startsWith('uplink');
	const video = id.includes('Video');
	const metric = metricOf(id);
	const key = metric === 'packetLossPct' ? 'packetLossPctAvg' : metric === 'jitterMs' ? 'jitterMsAvg' : 'rttMsAvg';
	let best: QualityStreamRow | null = null;
	for (const s of streams) {
		if (s.direction !== (up ? 'outbound' : 'inbound') || (s.kind === 'video') !== video) continue;
		const v = s.summary[key];
		if (v !== null && (!best || v > (best.summary[key] ?? -Infinity))) best = s;
	}
	return best;
}

function describe(s: QualityStreamRow): string {
	return `the ${s.direction === 'outbound' ? 'sent' : 'received'} ${s.kind ?? 'media'} stream${s.ssrc ? ` ${s.ssrc}` : ''}`;
}

/** Time-resolved Vonage thresholds over one metric of every stream. */
function overTime(
	input: ObserveInput,
	rule: 'loss-over-time' | 'latency-over-time' | 'low-bitrate',
	metric: MetricName,
	threshold: (s: QualityStreamRow) => number | null,
	test: (value: number, limit: number) => boolean,
	sentence: (s: QualityStreamRow, b: ReturnType<typeof breaches>, limit: number, where: string) => string
): { observations: Observation[]; checked: number } {
	const out: Observation[] = [];
	let checked = 0;
	const stitched = stitchStreams(input.streams);
	for (const s of input.streams) {
		const limit = threshold(s);
		const data = input.series.get(s.key);
		const column = data?.cols[metric];
		if (limit === null || !data || !column) continue;
		checked++;
		const b = breaches(data.t, column, (v) => test(v, limit), (a, c) => (rule === 'low-bitrate' ? a < c : a > c));
		if (b.totalMs < OVER_MIN_MS || b.totalMs < b.coveredMs * OVER_MIN_SHARE || !b.longest) continue;
		out.push({
			id: `${rule}:${s.key}`,
			rule,
			severity: 'warning',
			participantId: s.participantId,
			sentence: sentence(s, b, limit, locate(input, s, stitched)),
			fired: `${spoken(b.totalMs)} of ${spoken(b.coveredMs)} past ${limit}`,
			evidence: [{ from: b.longest.from - 5000, to: b.longest.to + 5000, streamKey: s.key, metric, participantId: s.participantId, pcId: s.pcId }]
		});
	}
	return { observations: out, checked };
}

/**
 * Where a stream's loss or delay happens: an outbound stream's figures are its receiver's report
 * (remote-inbound-rtp) — the sender's uplink; an inbound stream's are the receiver's own — its
 * downlink, or the whole path from the sender when both ends are known.
 */
function locate(input: ObserveInput, s: QualityStreamRow, stitched: ReturnType<typeof stitchStreams>): string {
	if (s.direction === 'outbound') return `on ${possessive(input.labelOf(s.participantId))} uplink (as the receiving side reports it)`;
	if (s.direction === 'inbound') {
		const pair = stitched.find((p) => p.receiver.key === s.key);
		if (pair) return `on the path from ${input.labelOf(pair.sender.participantId)} to ${input.labelOf(s.participantId)}`;
		return `on ${possessive(input.labelOf(s.participantId))} downlink`;
	}
	return `on ${possessive(input.labelOf(s.participantId))} connection`;
}

const needSeries = (checked: number, what: string) =>
	checked === 0 ? { status: 'not-measurable' as const, note: `no ${what} series in these files` } : null;

export const lossOverTime: Rule = {
	info: {
		id: 'loss-over-time',
		title: 'Packet loss above 3 %',
		rule: `Packet loss above ${VONAGE_THRESHOLDS.packetLossPct} % (the Vonage Session Inspector’s threshold) for at least ${OVER_MIN_MS / 1000} s and ${OVER_MIN_SHARE * 100} % of a stream’s time.`,
		source: 'Vonage Session Inspector',
		needs: 'dumps'
	},
	run(input) {
		const r = overTime(input, 'loss-over-time', 'packetLossPct', (s) => (s.direction === 'connection' ? null : VONAGE_THRESHOLDS.packetLossPct), (v, l) => v > l, (s, b, l, where) =>
			`${describe(s)[0]?.toUpperCase()}${describe(s).slice(1)} of ${input.labelOf(s.participantId)} lost more than ${l} % of its packets for ${spoken(b.totalMs)} ${where}, peaking at ${pct(b.peak?.value ?? 0)} at ${clock(b.peak?.at ?? 0)}.`
		);
		return { observations: r.observations, status: needSeries(r.checked, 'packet-loss') ?? { status: r.observations.length ? 'fired' : 'passed', note: `${r.checked} stream(s) checked` } };
	}
};

export const latencyOverTime: Rule = {
	info: {
		id: 'latency-over-time',
		title: 'Round-trip time above 300 ms',
		rule: `Round-trip time above ${VONAGE_THRESHOLDS.latencyMs} ms (the Vonage Session Inspector’s latency threshold) for at least ${OVER_MIN_MS / 1000} s and ${OVER_MIN_SHARE * 100} % of the time: the selected candidate pair’s currentRoundTripTime, or an RTP stream’s roundTripTime.`,
		source: 'Vonage Session Inspector',
		needs: 'dumps'
	},
	run(input) {
		const r = overTime(input, 'latency-over-time', 'rttMs', () => VONAGE_THRESHOLDS.latencyMs, (v, l) => v > l, (s, b, l, where) =>
			`Round-trip time ${where} stayed above ${l} ms for ${spoken(b.totalMs)}, peaking at ${Math.round(b.peak?.value ?? 0)} ms at ${clock(b.peak?.at ?? 0)}.`
		);
		return { observations: r.observations, status: needSeries(r.checked, 'round-trip-time') ?? { status: r.observations.length ? 'fired' : 'passed', note: `${r.checked} stream(s) checked` } };
	}
};

export const lowBitrate: Rule = {
	info: {
		id: 'low-bitrate',
		title: 'Bitrate under the minimum',
		rule: `While media flows, camera video under ${VONAGE_THRESHOLDS.videoBitrateBps / 1000} kbps (the Vonage Session Inspector’s threshold) for at least ${OVER_MIN_MS / 1000} s and ${OVER_MIN_SHARE * 100} % of the stream’s time: a warning when sent, information when received (a server’s choice of a small simulcast layer looks the same). Audio is left out: Opus with DTX sends a few kbps in silence, a normal state (the Inspector’s 25 kbps would flag every quiet speaker). A stream sending nothing is “media stopped”, not this.`,
		source: 'Vonage Session Inspector',
		needs: 'dumps'
	},
	run(input) {
		const r = overTime(
			input,
			'low-bitrate',
			'bitrateBps',
			(s) => (s.direction !== 'connection' && s.source !== 'screen' && s.kind === 'video' ? VONAGE_THRESHOLDS.videoBitrateBps : null),
			(v, l) => v > 0 && v < l,
			(s, b, l) =>
				`${describe(s)[0]?.toUpperCase()}${describe(s).slice(1)} of ${input.labelOf(s.participantId)} ran under ${kbps(l)} for ${spoken(b.totalMs)} (${s.direction === 'outbound' ? 'as sent' : 'as received'}), as low as ${kbps(b.peak?.value ?? 0)} at ${clock(b.peak?.at ?? 0)}.`
		);
		for (const o of r.observations) if (o.sentence.startsWith('The received')) o.severity = 'info';
		return { observations: r.observations, status: needSeries(r.checked, 'video bitrate') ?? { status: r.observations.length ? 'fired' : 'passed', note: `${r.checked} video stream(s) checked` } };
	}
};
