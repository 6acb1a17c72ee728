import type { PcStats } from './collector.js';

/**
 * The transport's own states as the stats report them (W3C webrtc-stats `transport.dtlsState`,
 * `transport.iceState`), as state changes the lifecycle reads (lifecycle.ts): a DTLS or ICE
 * failure the stats show counts as a failure even when the API log never says it (webrtc-internals
 * logs no DTLS state change; a dump taken after the log was cleared has none at all).
 */
export function statsStateChanges(stats: PcStats): { at: number; type: string; value: string }[] {
	const out: { at: number; type: string; value: string }[] = [];
	for (const object of stats.objects.values()) {
		if (object.type !== 'transport') continue;
		for (const [prop, type] of [
			['dtlsState', 'dtlsstatechange'],
			['iceState', 'iceconnectionstatechange']
		] as const) {
			const s = object.props.get(prop);
			if (!s) continue;
			let last: string | null = null;
			for (let i = 0; i < s.v.length; i++) {
				const v = s.v[i];
				if (typeof v !== 'string' || v === last) continue;
				last = v;
				out.push({ at: s.t[i] as number, type, value: v });
			}
		}
	}
	return out;
}
