import type { AutoscalingDetail, SourcedEvent } from '../model/events.js';
import { orderedUniqueEvents } from '../model/event-key.js';

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
	/** The deployment's own id of the node (an AWS EC2 instance id), as OpenVidu reports it. */
	environmentId: string | null;
	/** Where OpenVidu Server Pro connects to the node (`ws://…/kurento`). */
	uri: string | null;
	changes: {
		at: number;
		oldStatus: string | null;
		newStatus: string;
		line: number;
		importId: string;
	}[];
	/** The node as an autoscaling event listed it (its status and CPU load then). */
	snapshots: { at: number; status: string | null; loadPct: number | null; line: number; importId: string }[];
	/** Its newest status: the last change, or the newest autoscaling listing when that is later. */
	status: string;
	/** When that status was seen, UTC ms, and from which kind of event. */
	statusAt: number;
	statusFrom: 'mediaNodeStatusChanged' | 'autoscaling';
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

	const nodeOf = (id: string, at: number, status: string): NodeHistory => {
		let node = nodes.get(id);
		if (!node) {
			node = { nodeId: id, ip: null, environmentId: null, uri: null, changes: [], snapshots: [], status, statusAt: at, statusFrom: 'autoscaling' };
			nodes.set(id, node);
		}
		return node;
	};
	for (const e of events) {
		const d = e.detail;
		if (d.kind === 'autoscaling') {
			autoscaling.push(e as SourcedEvent & { detail: AutoscalingDetail });
			// An autoscaling event lists every node it knows of: a node never seen changing
			// status is still in the cluster.
			for (const n of d.nodes) {
				const node = nodeOf(n.id, e.at, n.status ?? 'unknown');
				node.ip = n.ip ?? node.ip;
				node.environmentId = n.environmentId ?? node.environmentId;
				node.snapshots.push({ at: e.at, status: n.status ?? null, loadPct: n.loadPct ?? null, line: e.line, importId: e.importId });
				if (n.status && e.at >= node.statusAt) {
					node.status = n.status;
					node.statusAt = e.at;
					node.statusFrom = 'autoscaling';
				}
			}
			continue;
		}
		if (d.kind !== 'node') continue;
		const node = nodeOf(d.nodeId, e.at, d.newStatus);
		node.ip = d.ip ?? node.ip;
		node.environmentId = d.environmentId ?? node.environmentId;
		node.uri = d.uri ?? node.uri;
		node.changes.push({
			at: e.at,
			oldStatus: d.oldStatus ?? null,
			newStatus: d.newStatus,
			line: e.line,
			importId: e.importId
		});
		if (e.at >= node.statusAt || node.changes.length === 1) {
			node.status = d.newStatus;
			node.statusAt = e.at;
			node.statusFrom = 'mediaNodeStatusChanged';
		}
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
