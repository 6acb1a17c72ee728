import { classifyReason } from '../model/end-reasons.js';
import type { Participant, Subscription } from '../model/session.js';
import { parsePlatform } from './platform.js';

/**
 * The Vonage Session Inspector's large-session mode (vonage-session-inspector.md: over 100
 * subscribers the inspector shows a Connection Summary and a Subscriber Summary instead of every
 * user): counts by state, platform and endpoint, and the subscribers with the most failed or
 * forced subscriptions first.
 *
 * States: `open` — no end in the data; `left` — ended with a normal reason; `failed` — a failure
 * reason (networkDisconnect, mediaServerDisconnect…); `forced` — ended by the server or a
 * moderator (model/end-reasons.ts).
 */
export type EndState = 'open' | 'left' | 'failed' | 'forced';

export interface Counted {
	label: string;
	count: number;
}

export interface SubscriberLine {
	subscriberId: string;
	subscriptions: number;
	failed: number;
	forced: number;
	open: number;
}

export interface LargeSessionSummary {
	connections: { total: number; byState: Record<EndState, number>; byPlatform: Counted[]; byEndpoint: Counted[] };
	subscriptions: { total: number; byState: Record<EndState, number>; subscribers: number };
	/** Worst first: most failed, then most forced, then most subscriptions. */
	subscribers: SubscriberLine[];
}

export function endState(endedAt: number | null, reason: string | null): EndState {
	if (endedAt === null) return 'open';
	const cls = classifyReason(reason);
	return cls === 'failure' ? 'failed' : cls === 'forced' ? 'forced' : 'left';
}

export function largeSessionSummary(participants: readonly Participant[], subscriptions: readonly Subscription[]): LargeSessionSummary {
	const states = (): Record<EndState, number> => ({ open: 0, left: 0, failed: 0, forced: 0 });
	const connections = { total: participants.length, byState: states(), byPlatform: new Map<string, number>(), byEndpoint: new Map<string, number>() };
	for (const p of participants) {
		connections.byState[endState(p.leftAt, p.leaveReason)]++;
		const info = parsePlatform(p.platform);
		bump(connections.byPlatform, info?.os ?? 'unknown');
		bump(connections.byEndpoint, info?.endpoint ?? 'unknown');
	}
	const subs = { total: subscriptions.length, byState: states(), subscribers: 0 };
	const lines = new Map<string, SubscriberLine>();
	for (const s of subscriptions) {
		const state = endState(s.endedAt, s.endReason);
		subs.byState[state]++;
		let line = lines.get(s.subscriberId);
		if (!line) lines.set(s.subscriberId, (line = { subscriberId: s.subscriberId, subscriptions: 0, failed: 0, forced: 0, open: 0 }));
		line.subscriptions++;
		if (state === 'failed') line.failed++;
		if (state === 'forced') line.forced++;
		if (state === 'open') line.open++;
	}
	subs.subscribers = lines.size;
	return {
		connections: { total: connections.total, byState: connections.byState, byPlatform: sorted(connections.byPlatform), byEndpoint: sorted(connections.byEndpoint) },
		subscriptions: subs,
		subscribers: [...lines.values()].sort((a, b) => b.failed - a.failed || b.forced - a.forced || b.subscriptions - a.subscriptions || a.subscriberId.localeCompare(b.subscriberId))
	};
}

function bump(map: Map<string, number>, key: string): void {
	map.set(key, (map.get(key) ?? 0) + 1);
}

function sorted(map: Map<string, number>): Counted[] {
	return [...map].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}
