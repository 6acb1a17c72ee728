import type { QualityStreamRow } from '../model/rows.js';
import { failureRates } from './failure-rates.js';
import type { SessionSlice } from './meeting-slice.js';
import { sessionStatistics } from './statistics.js';

/**
 * Two calls side by side (issue 13 "Compare"): the same figures for each, with the difference
 * B − A. A side is a session, one meeting of it, or one connection of it (then the figures are
 * that connection's: its streams and its failures). Quality figures are means over the side's
 * streams of each stream's average (quality/summary.ts), so one long stream does not outweigh
 * the others; "—" when the side has no stream that reports it.
 */
export interface CompareSide {
	slice: SessionSlice;
	streams: readonly QualityStreamRow[];
	participantId?: string | null;
}

export interface CompareRow {
	figure: string;
	unit: string;
	a: number | null;
	b: number | null;
	/** b − a; null when either is missing. */
	delta: number | null;
	definition: string;
	/** Larger is worse (loss, latency, failures): the view colours a positive delta red. */
	higherIsWorse: boolean;
}

export function compareFigures(a: CompareSide, b: CompareSide): CompareRow[] {
	const fa = figuresOf(a);
	const fb = figuresOf(b);
	return FIGURES.map((f) => {
		const x = fa[f.key];
		const y = fb[f.key];
		return { figure: f.figure, unit: f.unit, a: x, b: y, delta: x !== null && y !== null ? y - x : null, definition: f.definition, higherIsWorse: f.higherIsWorse };
	});
}

type Key = 'durationS' | 'users' | 'connections' | 'published' | 'subscriptions' | 'streamedMinutes' | 'issues' | 'connectFailurePct' | 'videoKbps' | 'lossPct' | 'rttMs' | 'jitterMs' | 'fps' | 'freezes';

const FIGURES: { key: Key; figure: string; unit: string; definition: string; higherIsWorse: boolean }[] = [
	{ key: 'durationS', figure: 'Duration', unit: 's', definition: 'First to last event of the selection (the Summary’s duration).', higherIsWorse: false },
	{ key: 'users', figure: 'Users', unit: '', definition: 'Distinct people (analysis/users.ts).', higherIsWorse: false },
	{ key: 'connections', figure: 'Connections', unit: '', definition: 'Connections in the selection.', higherIsWorse: false },
	{ key: 'published', figure: 'Published streams', unit: '', definition: 'Publications in the selection.', higherIsWorse: false },
	{ key: 'subscriptions', figure: 'Subscriptions', unit: '', definition: 'Subscriptions in the selection.', higherIsWorse: false },
	{ key: 'streamedMinutes', figure: 'Streamed minutes', unit: 'min', definition: 'Σ subscription durations.', higherIsWorse: false },
	{ key: 'issues', figure: 'Issues', unit: '', definition: 'Events with severity warning or error.', higherIsWorse: true },
	{ key: 'connectFailurePct', figure: 'Connect failure rate', unit: '%', definition: 'Failed ÷ attempted connections (the Error log’s rate).', higherIsWorse: true },
	{ key: 'videoKbps', figure: 'Video bitrate', unit: 'kbps', definition: 'Mean over video streams of each stream’s average bitrate.', higherIsWorse: false },
	{ key: 'lossPct', figure: 'Packet loss', unit: '%', definition: 'Mean over RTP streams of each stream’s average loss.', higherIsWorse: true },
	{ key: 'rttMs', figure: 'Round-trip time', unit: 'ms', definition: 'Mean over streams and connections of each one’s average RTT.', higherIsWorse: true },
	{ key: 'jitterMs', figure: 'Jitter', unit: 'ms', definition: 'Mean over RTP streams of each stream’s average jitter.', higherIsWorse: true },
	{ key: 'fps', figure: 'Frame rate', unit: 'fps', definition: 'Mean over video streams of each stream’s average frame rate.', higherIsWorse: false },
	{ key: 'freezes', figure: 'Video freezes', unit: '', definition: 'Freezes counted in received video (Chrome’s freezeCount).', higherIsWorse: true }
];

function figuresOf(side: CompareSide): Record<Key, number | null> {
	const id = side.participantId ?? null;
	const slice = id ? narrow(side.slice, id) : side.slice;
	const streams = id ? side.streams.filter((s) => s.participantId === id) : side.streams;
	const st = sessionStatistics(slice);
	const connect = failureRates(slice).find((r) => r.what === 'connections');
	const mean = (values: (number | null)[]) => {
		const v = values.filter((x): x is number => x !== null && Number.isFinite(x));
		return v.length > 0 ? v.reduce((s, x) => s + x, 0) / v.length : null;
	};
	const rtp = streams.filter((s) => s.direction !== 'connection');
	const video = rtp.filter((s) => s.kind === 'video');
	const bitrate = mean(video.map((s) => s.summary.bitrateBpsAvg));
	return {
		durationS: Math.round(st.durationMs / 1000),
		users: st.users,
		connections: st.connections,
		published: st.publishedStreams,
		subscriptions: st.subscriptions,
		streamedMinutes: Math.round(st.streamedMinutes * 10) / 10,
		issues: st.issues,
		connectFailurePct: connect?.rate !== null && connect?.rate !== undefined ? connect.rate * 100 : null,
		videoKbps: bitrate !== null ? bitrate / 1000 : null,
		lossPct: mean(rtp.map((s) => s.summary.packetLossPctAvg)),
		rttMs: mean(streams.map((s) => s.summary.rttMsAvg)),
		jitterMs: mean(rtp.map((s) => s.summary.jitterMsAvg)),
		fps: mean(video.map((s) => s.summary.fpsAvg)),
		freezes: streams.length > 0 ? rtp.filter((s) => s.direction === 'inbound').reduce((n, s) => n + s.summary.freezeCount, 0) : null
	};
}

/** The selection seen from one connection: its own records only. */
function narrow(slice: SessionSlice, id: string): SessionSlice {
	const p = slice.participants.find((x) => x.participantId === id);
	return {
		...slice,
		participants: slice.participants.filter((x) => x.participantId === id),
		publications: slice.publications.filter((x) => x.participantId === id),
		subscriptions: slice.subscriptions.filter((x) => x.subscriberId === id),
		events: slice.events.filter((e) => e.participantId === id),
		...(p ? { startAt: p.joinedAt, endAt: p.leftAt ?? slice.horizonAt } : {})
	};
}
