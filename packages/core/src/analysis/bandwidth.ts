import type { PcDetailRow, StatsObjectSamples } from '../model/pc-detail.js';

/**
 * Bandwidth estimation against what was sent (issue 12): the sender's estimate
 * (`candidate-pair.availableOutgoingBitrate`, W3C webrtc-stats; legacy `VideoBwe`
 * `googAvailableSendBandwidth`), the encoders' targets (`outbound-rtp.targetBitrate`, legacy
 * `googTargetEncBitrate`) and the bitrate actually sent: the sum over the connection's
 * `outbound-rtp` of Δ`bytesSent`·8/Δt (RTP payload), and the transport's Δ`bytesSent` on the
 * candidate pair (everything: headers, retransmissions, padding, RTCP). All in kbps. When the
 * estimate sits at what is sent for long, the sender is limited by the network (pair it with
 * the `qualityLimitationReason` band).
 */
export interface BandwidthLine {
	label: string;
	definition: string;
	t: Float64Array;
	/** kbps; NaN for a gap. */
	v: Float64Array;
}

/** Which stats objects the chart needs (so only those are read from storage). */
export function bandwidthObjectIds(detail: Pick<PcDetailRow, 'objects'>): string[] {
	return detail.objects
		.filter((o) =>
			o.type === 'outbound-rtp' ||
			o.type === 'VideoBwe' ||
			(o.type === 'candidate-pair' && o.fields.some((f) => f.name === 'availableOutgoingBitrate' || f.name === 'availableIncomingBitrate'))
		)
		.map((o) => o.id);
}

export function bandwidthLines(detail: Pick<PcDetailRow, 'objects'>, rows: readonly StatsObjectSamples[]): BandwidthLine[] {
	const lines: BandwidthLine[] = [];
	const info = (id: string) => detail.objects.find((o) => o.id === id);
	const pairs = rows.filter((r) => info(r.objectId)?.type === 'candidate-pair');
	for (const field of ['availableOutgoingBitrate', 'availableIncomingBitrate'] as const) {
		for (const pair of pairs) {
			const column = pair.numbers[field];
			if (!column || column.every((x) => Number.isNaN(x) || x === 0)) continue;
			lines.push({
				label: field === 'availableOutgoingBitrate' ? 'estimate: available outgoing' : 'estimate: available incoming',
				definition: `candidate-pair ${pair.objectId} ${field}, as reported.`,
				t: pair.t,
				v: column.map((x) => x / 1000)
			});
		}
	}
	const outbound = rows.filter((r) => info(r.objectId)?.type === 'outbound-rtp');
	const sent = summedRate(outbound, 'bytesSent', 8 / 1000);
	if (sent)
		lines.push({
			label: 'sent: RTP payload (all outbound-rtp)',
			definition: 'Σ over the outbound-rtp streams of ΔbytesSent × 8 ÷ Δt, in kbps.',
			...sent
		});
	const target = summedGauge(outbound, 'targetBitrate', 1 / 1000);
	if (target)
		lines.push({ label: 'encoder target (Σ targetBitrate)', definition: 'Σ over the outbound-rtp streams of targetBitrate, in kbps.', ...target });
	for (const pair of pairs) {
		if (!pair.numbers.availableOutgoingBitrate) continue;
		const rate = summedRate([pair], 'bytesSent', 8 / 1000);
		if (rate)
			lines.push({
				label: 'sent: on the transport (candidate pair)',
				definition: `candidate-pair ${pair.objectId} ΔbytesSent × 8 ÷ Δt: media, headers, retransmissions, padding and RTCP.`,
				...rate
			});
	}
	const bwe = rows.find((r) => info(r.objectId)?.type === 'VideoBwe');
	const LEGACY: [string, string][] = [
		['googAvailableSendBandwidth', 'estimate: available send bandwidth'],
		['googTargetEncBitrate', 'encoder target'],
		['googActualEncBitrate', 'encoder output'],
		['googTransmitBitrate', 'sent: transmit bitrate'],
		['googRetransmitBitrate', 'sent: retransmissions'],
		['googAvailableReceiveBandwidth', 'estimate: available receive bandwidth']
	];
	if (bwe)
		for (const [field, label] of LEGACY) {
			const column = bwe.numbers[field];
			if (column) lines.push({ label, definition: `VideoBwe ${field} (legacy Chrome stats), as reported.`, t: bwe.t, v: column.map((x) => x / 1000) });
		}
	return lines;
}

/** Σ over objects of the per-second rate of a counter, on the first object's times (others matched within 250 ms). */
function summedRate(rows: readonly StatsObjectSamples[], field: string, scale: number): { t: Float64Array; v: Float64Array } | null {
	const perObject = rows
		.filter((r) => r.numbers[field])
		.map((r) => {
			const c = r.numbers[field] as Float64Array;
			const v = new Float64Array(r.t.length).fill(Number.NaN);
			for (let i = 1; i < r.t.length; i++) {
				const dt = ((r.t[i] as number) - (r.t[i - 1] as number)) / 1000;
				const d = (c[i] as number) - (c[i - 1] as number);
				if (dt > 0 && d >= 0) v[i] = (d / dt) * scale;
			}
			return { t: r.t, v };
		});
	return sumOnGrid(perObject);
}

function summedGauge(rows: readonly StatsObjectSamples[], field: string, scale: number): { t: Float64Array; v: Float64Array } | null {
	return sumOnGrid(
		rows.filter((r) => r.numbers[field]).map((r) => ({ t: r.t, v: (r.numbers[field] as Float64Array).map((x) => x * scale) }))
	);
}

function sumOnGrid(series: { t: Float64Array; v: Float64Array }[]): { t: Float64Array; v: Float64Array } | null {
	if (series.length === 0) return null;
	const grid = [...new Set(series.flatMap((s) => [...s.t]))].sort((a, b) => a - b);
	// Samples of one getStats call share a time; a few ms apart still count as one.
	const merged: number[] = [];
	for (const t of grid) if (merged.length === 0 || t - (merged[merged.length - 1] as number) > 250) merged.push(t);
	const t = Float64Array.from(merged);
	const v = new Float64Array(t.length).fill(Number.NaN);
	for (const s of series) {
		let j = 0;
		for (let i = 0; i < s.t.length; i++) {
			const at = s.t[i] as number;
			while (j + 1 < t.length && Math.abs((t[j + 1] as number) - at) <= Math.abs((t[j] as number) - at)) j++;
			const x = s.v[i] as number;
			if (Number.isNaN(x) || Math.abs((t[j] as number) - at) > 250) continue;
			v[j] = Number.isNaN(v[j] as number) ? x : (v[j] as number) + x;
		}
	}
	return { t, v };
}
