import type { ModelEvent } from '../model/events.js';

/**
 * A peer connection's API calls and events as a list (issue 12 "API timeline"): createOffer,
 * setRemoteDescription, onicecandidate, the state changes… in time order, each with its
 * argument or result text, failures (`…OnFailure`, a `failed` state, `icecandidateerror`)
 * marked so the list can show them red. `kind` lets the list filter calls from callbacks and
 * states.
 */
export interface ApiEntry {
	at: number;
	type: string;
	kind: 'call' | 'result' | 'event' | 'state';
	value: string | null;
	failure: boolean;
	warning: boolean;
	line: number;
}

export function apiTimeline(events: readonly ModelEvent[], pcId: string): ApiEntry[] {
	const out: ApiEntry[] = [];
	for (const e of events) {
		if (e.detail.kind !== 'webrtc' || e.detail.pcId !== pcId) continue;
		const state = e.detail.state ?? null;
		out.push({
			at: e.at,
			type: e.type,
			kind: state !== null ? 'state' : /OnSuccess$|OnFailure$/.test(e.type) ? 'result' : /^on|^[a-z]+(change|candidate|error|track|stream|datachannel|needed)$/i.test(e.type) ? 'event' : 'call',
			value: state ?? e.detail.value ?? null,
			failure: e.severity === 'error',
			warning: e.severity === 'warning',
			line: e.line
		});
	}
	return out.sort((a, b) => a.at - b.at || a.line - b.line);
}

/** The entries a filter text keeps: matched against the type and the value, case-insensitive. */
export function filterApiTimeline(entries: readonly ApiEntry[], text: string, kinds?: ReadonlySet<ApiEntry['kind']>): ApiEntry[] {
	const needle = text.trim().toLowerCase();
	return entries.filter(
		(e) =>
			(!kinds || kinds.has(e.kind)) &&
			(needle === '' || e.type.toLowerCase().includes(needle) || (e.value ?? '').toLowerCase().includes(needle))
	);
}
