import type { AutoscalingDetail, SourcedEvent } from '../model/events.js';
import { orderedUniqueEvents } from './dedupe.js';

/**
 * OpenVidu Pro cluster view: media node statuses over time (mediaNodeStatusChanged) and cluster
 * load against the autoscaling limits (autoscaling). Source: openvidu-cdr.txt, both events.
 */

/** Media node statuses in lifecycle order (OpenVidu Pro "Media Node statuses"). */
export const NODE_STATUSES = [
	'launching',
	'running',
	'waiting-idle-to-terminate',
	'terminating',
	'terminated',
	'canceled',
	'failed'
] as const;

export interface NodeHistory {
	nodeId: string;
	ip: string | null;
	environmentId: string | null;
	changes: {
		at: number;
		oldStatus: string | null;
		newStatus: string;
		line: number;
		importId: string;
	}[];
	/** Status after the last change. */
	status: string;
}

export interface ClusterModel {
	clusterId: string;
	nodes: NodeHistory[];
	/** Nodes per status after each status change: `t` in UTC seconds, one column per status. */
	statusSeries: { t: Float64Array; byStatus: Record<string, Float64Array>; statuses: string[] };
	/** One point per autoscaling event; loads in percent, times in UTC seconds. */
	load: {
		t: Float64Array;
		avgLoadPct: Float64Array;
		minAvgLoadPct: Float64Array;
		maxAvgLoadPct: Float64Array;
		numNodes: Float64Array;
		minNodes: Float64Array;
		maxNodes: Float64Array;
	};
	autoscaling: (SourcedEvent & { detail: AutoscalingDetail })[];
	events: SourcedEvent[];
	firstAt: number;
	lastAt: number;
}

export function buildClusterModel(clusterId: string, raw: readonly SourcedEvent[]): ClusterModel {
	const events = orderedUniqueEvents(raw);
	const nodes = new Map<string, NodeHistory>();
	const current = new Map<string, string>();
	const times: number[] = [];
	const snapshots: Map<string, number>[] = [];
	const seenStatuses = new Set<string>();
	const autoscaling: (SourcedEvent & { detail: AutoscalingDetail })[] = [];

	for (const e of events) {
		const d = e.detail;
		if (d.kind === 'autoscaling') {
			autoscaling.push(e as SourcedEvent & { detail: AutoscalingDetail });
			continue;
		}
		if (d.kind !== 'node') continue;
		let node = nodes.get(d.nodeId);
		if (!node) {
			node = { nodeId: d.nodeId, ip: null, environmentId: null, changes: [], status: d.newStatus };
			nodes.set(d.nodeId, node);
		}
		node.ip = d.ip ?? node.ip;
		node.environmentId = d.environmentId ?? node.environmentId;
		node.changes.push({
			at: e.at,
			oldStatus: d.oldStatus ?? null,
			newStatus: d.newStatus,
			line: e.line,
			importId: e.importId
		});
		node.status = d.newStatus;
		current.set(d.nodeId, d.newStatus);
		seenStatuses.add(d.newStatus);
		const counts = new Map<string, number>();
		for (const status of current.values()) counts.set(status, (counts.get(status) ?? 0) + 1);
		if (times[times.length - 1] === e.at) snapshots[snapshots.length - 1] = counts;
		else {
			times.push(e.at);
			snapshots.push(counts);
		}
	}

	const known: readonly string[] = NODE_STATUSES;
	const statuses = [
		...NODE_STATUSES.filter((s) => seenStatuses.has(s)),
		...[...seenStatuses].filter((s) => !known.includes(s)).sort()
	];
	const byStatus: Record<string, Float64Array> = {};
	for (const status of statuses) {
		const column = new Float64Array(times.length);
		snapshots.forEach((counts, i) => (column[i] = counts.get(status) ?? 0));
		byStatus[status] = column;
	}
	const col = (pick: (d: AutoscalingDetail) => number | undefined) =>
		Float64Array.from(autoscaling, (e) => pick(e.detail) ?? Number.NaN);
	return {
		clusterId,
		nodes: [...nodes.values()],
		statusSeries: { t: Float64Array.from(times, (t) => t / 1000), byStatus, statuses },
		load: {
			t: Float64Array.from(autoscaling, (e) => e.at / 1000),
			avgLoadPct: col((d) => d.avgLoadPct),
			minAvgLoadPct: col((d) => d.minAvgLoadPct),
			maxAvgLoadPct: col((d) => d.maxAvgLoadPct),
			numNodes: col((d) => d.numNodes),
			minNodes: col((d) => d.minNodes),
			maxNodes: col((d) => d.maxNodes)
		},
		autoscaling,
		events,
		firstAt: events[0]?.at ?? 0,
		lastAt: events[events.length - 1]?.at ?? 0
	};
}
