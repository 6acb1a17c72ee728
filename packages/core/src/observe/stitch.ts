import type { QualityStreamRow } from '../model/rows.js';

/**
 * Both ends of one stream: a sender's `outbound-rtp` and a receiver's `inbound-rtp` with the same
 * SSRC in two different peer connections (two dumps of one P2P call, or two tabs of one dump).
 * SFUs usually rewrite SSRCs, so only an exact SSRC match counts; the kind must agree. A sender
 * may have several receivers.
 */
export interface StitchedStream {
	sender: QualityStreamRow;
	receiver: QualityStreamRow;
}

export function stitchStreams(streams: readonly QualityStreamRow[]): StitchedStream[] {
	const senders = new Map<string, QualityStreamRow[]>();
	for (const s of streams) {
		if (s.direction !== 'outbound' || !s.ssrc) continue;
		senders.set(s.ssrc, [...(senders.get(s.ssrc) ?? []), s]);
	}
	const out: StitchedStream[] = [];
	for (const r of streams) {
		if (r.direction !== 'inbound' || !r.ssrc) continue;
		const candidates = (senders.get(r.ssrc) ?? []).filter((s) => s.kind === r.kind && !(s.pcId === r.pcId && s.sessionKey === r.sessionKey));
		// Two senders with one SSRC (a coincidence across calls): the one overlapping in time.
		const sender = candidates.find((s) => s.firstAt <= r.lastAt && r.firstAt <= s.lastAt);
		if (sender) out.push({ sender, receiver: r });
	}
	return out;
}
