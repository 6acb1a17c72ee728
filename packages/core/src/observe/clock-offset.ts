import type { PcDetailRow, StatsObjectSamples } from '../model/pc-detail.js';

/**
 * How far apart two browsers' clocks are, from what one of them received: each RTCP sender report
 * of the peer (W3C webrtc-stats `remote-outbound-rtp`) carries `remoteTimestamp`, the peer's
 * clock when it sent the report, and arrives at the receiver's `timestamp` one way later. So
 * peer − receiver ≈ remoteTimestamp − timestamp + one-way delay, with the one-way delay taken as
 * half the round-trip time (`roundTripTime` of the report, else the selected pair's
 * `currentRoundTripTime`, else 0). The median over the reports is the estimate; the spread of
 * the middle half says how far to trust it. Dumps of one call can then be lined up.
 */
export interface ClockOffset {
	/** The receiving connection and the SSRC of the peer's stream. */
	pcId: string;
	ssrc: string;
	/** Peer clock − receiver clock, ms (positive: the peer's clock is ahead). */
	offsetMs: number;
	/** Half the interquartile range of the per-report estimates, ms. */
	spreadMs: number;
	reports: number;
	/** The one-way delay used, ms. */
	oneWayMs: number;
}

export function clockOffsets(detail: PcDetailRow, rows: ReadonlyMap<string, StatsObjectSamples>): ClockOffset[] {
	const out: ClockOffset[] = [];
	const rtt = selectedRtt(detail, rows);
	for (const info of detail.objects) {
		if (info.type !== 'remote-outbound-rtp' || !info.ssrc) continue;
		const row = rows.get(info.id);
		const remote = row?.numbers.remoteTimestamp;
		if (!row || !remote) continue;
		const ownRtt = row.numbers.roundTripTime;
		const estimates: number[] = [];
		let delays = 0;
		let delayCount = 0;
		for (let i = 0; i < row.t.length; i++) {
			const r = remote[i] as number;
			if (!Number.isFinite(r)) continue;
			const roundTrip = ownRtt && Number.isFinite(ownRtt[i] as number) ? (ownRtt[i] as number) * 1000 : rtt;
			const oneWay = (roundTrip ?? 0) / 2;
			delays += oneWay;
			delayCount++;
			estimates.push(r - (row.t[i] as number) + oneWay);
		}
		if (estimates.length === 0) continue;
		estimates.sort((a, b) => a - b);
		const q = (p: number) => estimates[Math.min(estimates.length - 1, Math.floor(p * (estimates.length - 1)))] as number;
		out.push({
			pcId: detail.pcId,
			ssrc: info.ssrc,
			offsetMs: q(0.5),
			spreadMs: (q(0.75) - q(0.25)) / 2,
			reports: estimates.length,
			oneWayMs: delayCount > 0 ? delays / delayCount : 0
		});
	}
	return out;
}

/** The selected candidate pair's median currentRoundTripTime, ms, or null. */
function selectedRtt(detail: PcDetailRow, rows: ReadonlyMap<string, StatsObjectSamples>): number | null {
	const pair = detail.ice.pairs.find((p) => p.selected);
	const column = pair ? rows.get(pair.id)?.numbers.currentRoundTripTime : undefined;
	if (!column) return pair?.rttMs ?? null;
	const v = [...column].filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
	return v.length > 0 ? (v[v.length >> 1] as number) * 1000 : null;
}

/**
 * One estimate per pair of browsers: the per-stream offsets a receiving connection measured of
 * the streams one peer connection sent it, combined. All of a peer's streams share its clock,
 * so the median of their medians is the estimate and their spread joins the reported spread.
 *
 * @param senderOf the sending side of an SSRC (its dump session and pc id), or null when the
 *   sender's dump is not imported (the offset is then kept per SSRC).
 */
export interface ClockPair {
	sessionKey: string;
	pcId: string;
	/** The sending side, when its dump is imported. */
	sender: { sessionKey: string; pcId: string; participantId: string } | null;
	/** SSRCs the estimate combines. */
	ssrcs: string[];
	offsetMs: number;
	/** Half the interquartile range of the reports, or half the range between streams when larger, ms. */
	spreadMs: number;
	reports: number;
	oneWayMs: number;
}

export function clockPairs(
	offsets: readonly (ClockOffset & { sessionKey: string })[],
	senderOf: (ssrc: string) => ClockPair['sender']
): ClockPair[] {
	const groups = new Map<string, { sender: ClockPair['sender']; items: (ClockOffset & { sessionKey: string })[] }>();
	for (const o of offsets) {
		const sender = senderOf(o.ssrc);
		const key = `${o.sessionKey}|${o.pcId}|${sender ? `${sender.sessionKey}|${sender.pcId}` : `ssrc:${o.ssrc}`}`;
		const group = groups.get(key) ?? { sender, items: [] };
		group.items.push(o);
		groups.set(key, group);
	}
	return [...groups.values()].map(({ sender, items }) => {
		const sorted = items.map((o) => o.offsetMs).sort((a, b) => a - b);
		const first = items[0] as ClockOffset & { sessionKey: string };
		const reports = items.reduce((n, o) => n + o.reports, 0);
		return {
			sessionKey: first.sessionKey,
			pcId: first.pcId,
			sender,
			ssrcs: items.map((o) => o.ssrc),
			offsetMs: sorted[(sorted.length - 1) >> 1] as number,
			spreadMs: Math.max(...items.map((o) => o.spreadMs), ((sorted[sorted.length - 1] as number) - (sorted[0] as number)) / 2),
			reports,
			oneWayMs: items.reduce((n, o) => n + o.oneWayMs * o.reports, 0) / Math.max(1, reports)
		};
	});
}
