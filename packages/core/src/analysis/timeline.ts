import type { SessionSlice } from './meeting-slice.js';

/**
 * Participants, published streams and subscriptions online over time, as aligned columns for a
 * stepped uPlot chart: `t` in UTC seconds (uPlot's time unit), counts after each change.
 */
export interface OnlineTimeline {
	t: Float64Array;
	participants: Float64Array;
	publications: Float64Array;
	subscriptions: Float64Array;
}

interface Delta {
	at: number;
	kind: 0 | 1 | 2;
	d: 1 | -1;
}

export function onlineTimeline(slice: SessionSlice): OnlineTimeline {
	const deltas: Delta[] = [];
	const push = (kind: 0 | 1 | 2, start: number, end: number | null) => {
		const stop = end ?? slice.horizonAt;
		deltas.push({ at: start, kind, d: 1 });
		deltas.push({ at: Math.max(start, stop), kind, d: -1 });
	};
	for (const p of slice.participants) push(0, p.joinedAt, p.leftAt);
	for (const p of slice.publications) push(1, p.startedAt, p.endedAt);
	for (const s of slice.subscriptions) push(2, s.startedAt, s.endedAt);
	// Ends before starts at the same instant, so a reconnect at one ms doesn't count twice.
	deltas.sort((a, b) => a.at - b.at || a.d - b.d);
	const times: number[] = [];
	const rows: [number, number, number][] = [];
	const level: [number, number, number] = [0, 0, 0];
	const startAt = Math.min(slice.startAt, deltas[0]?.at ?? slice.startAt);
	times.push(startAt);
	rows.push([0, 0, 0]);
	for (let i = 0; i < deltas.length;) {
		const at = (deltas[i] as Delta).at;
		while (i < deltas.length && (deltas[i] as Delta).at === at) {
			const delta = deltas[i] as Delta;
			level[delta.kind] += delta.d;
			i++;
		}
		if (times[times.length - 1] === at) rows[rows.length - 1] = [...level];
		else {
			times.push(at);
			rows.push([...level]);
		}
	}
	const endAt = Math.max(slice.horizonAt, times[times.length - 1] ?? startAt);
	if (times[times.length - 1] !== endAt) {
		times.push(endAt);
		rows.push([...level]);
	}
	const n = times.length;
	const out: OnlineTimeline = {
		t: new Float64Array(n),
		participants: new Float64Array(n),
		publications: new Float64Array(n),
		subscriptions: new Float64Array(n)
	};
	for (let i = 0; i < n; i++) {
		const row = rows[i] as [number, number, number];
		out.t[i] = (times[i] as number) / 1000;
		out.participants[i] = row[0];
		out.publications[i] = row[1];
		out.subscriptions[i] = row[2];
	}
	return out;
}
