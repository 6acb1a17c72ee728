import { classifyReason, REASON_WORDS } from '../../model/end-reasons.js';
import { ROOM_LOADED_FAST_MS } from '../../fleet/thresholds.js';
import { participantFacts, participantOfPc } from '../facts.js';
import { bandTime } from '../runs.js';
import type { Observation, Rule } from '../types.js';
import { clock, possessive, spoken } from '../words.js';

/**
 * Joining and staying connected: failed connections, joins that never or slowly connected, ICE
 * disconnections and restarts, TURN relays.
 */

export const connectionFailed: Rule = {
	info: {
		id: 'connection-failed',
		title: 'Connections that failed',
		rule: 'A connection, publication or subscription ended with a failure reason: ICE, DTLS or the connection state “failed” (W3C webrtc-pc), or the provider’s own failure reasons (OpenVidu networkDisconnect, Vonage networkDisconnected, …).',
		source: 'W3C webrtc-pc',
		needs: 'events'
	},
	run({ slice, labelOf }) {
		const out: Observation[] = [];
		for (const p of slice.participants) {
			if (classifyReason(p.leaveReason) !== 'failure' || p.leftAt === null) continue;
			const end = slice.events.find((e) => e.participantId === p.participantId && e.phase === 'end' && e.category === 'connection' && e.reason === p.leaveReason);
			out.push({
				id: `connection-failed:${p.participantId}`,
				rule: 'connection-failed',
				severity: 'problem',
				participantId: p.participantId,
				sentence: `${possessive(labelOf(p.participantId))} connection failed at ${clock(p.leftAt)}: ${REASON_WORDS[p.leaveReason ?? ''] ?? p.leaveReason}, ${spoken(p.leftAt - p.joinedAt)} after it started.`,
				fired: `end reason ${p.leaveReason}`,
				evidence: [
					{
						from: p.joinedAt,
						to: p.leftAt,
						participantId: p.participantId,
						pcId: p.participantId,
						importId: end?.importId ?? p.src.importId,
						lines: [end?.line ?? p.src.line].filter((l) => l > 0)
					}
				]
			});
		}
		for (const s of [...slice.publications.map((x) => ({ ...x, what: 'publication', who: x.participantId })), ...slice.subscriptions.map((x) => ({ ...x, what: 'subscription', who: x.subscriberId }))]) {
			if (classifyReason(s.endReason) !== 'failure' || s.endedAt === null) continue;
			out.push({
				// Two subscriptions of one connection can start and fail at the same ms: the stream names it.
				id: `stream-failed:${s.who}:${s.startedAt}:${s.what}:${s.streamId ?? ''}`,
				rule: 'connection-failed',
				severity: 'problem',
				participantId: s.who,
				sentence: `${possessive(labelOf(s.who))} ${s.what} ${s.streamId ? `of ${s.streamId} ` : ''}failed at ${clock(s.endedAt)}: ${REASON_WORDS[s.endReason ?? ''] ?? s.endReason}.`,
				fired: `end reason ${s.endReason}`,
				evidence: [{ from: s.startedAt, to: s.endedAt, participantId: s.who, importId: s.src.importId, lines: [s.src.line].filter((l) => l > 0) }]
			});
		}
		return { observations: out, status: { status: out.length ? 'fired' : 'passed', note: `${slice.participants.length} connection(s) checked` } };
	}
};

export const slowJoin: Rule = {
	info: {
		id: 'slow-join',
		title: 'Slow or failed joins',
		rule: `Join attempt → media connected took more than ${ROOM_LOADED_FAST_MS / 1000} s (SparkRTC’s “loaded in 5 s”), or media never connected. From the dump’s update log when there is one, else participantJoined → first webrtcConnectionCreated.`,
		source: 'SparkRTC §4.2',
		needs: 'events'
	},
	run(input) {
		const out: Observation[] = [];
		let measured = 0;
		for (const f of participantFacts(input)) {
			const fact = f.fact;
			if (!fact.attempted || fact.loaded === null) continue;
			measured++;
			if (fact.loaded && (fact.loadMs ?? 0) <= ROOM_LOADED_FAST_MS) continue;
			if (!fact.loaded && f.participantId && input.slice.participants.some((p) => p.participantId === f.participantId && classifyReason(p.leaveReason) === 'failure')) continue;
			const from = fact.joinAt;
			out.push({
				id: `slow-join:${f.participantId ?? 'dump'}`,
				rule: 'slow-join',
				severity: fact.loaded ? 'warning' : 'problem',
				...(f.participantId ? { participantId: f.participantId } : {}),
				sentence: fact.loaded
					? `${f.label} took ${spoken(fact.loadMs ?? 0)} from joining to media connected (${fact.loadSource === 'dump' ? 'peer connection created → ICE connected' : 'participantJoined → first webrtcConnectionCreated'}).`
					: `${possessive(f.label)} media never connected after the join at ${clock(from)}.`,
				fired: fact.loaded ? `${spoken(fact.loadMs ?? 0)} > ${ROOM_LOADED_FAST_MS / 1000} s` : 'never connected',
				evidence: [{ from, to: from + (fact.loadMs ?? Math.max(ROOM_LOADED_FAST_MS, fact.leftAt - from)), ...(f.participantId ? { participantId: f.participantId } : {}) }]
			});
		}
		return {
			observations: out,
			status: measured === 0 ? { status: 'not-measurable', note: 'no join attempt with its connection time in these files' } : { status: out.length ? 'fired' : 'passed', note: `${measured} join(s) timed` }
		};
	}
};

export const iceDisconnected: Rule = {
	info: {
		id: 'ice-disconnected',
		title: 'ICE disconnections',
		rule: 'The ICE connection state went to “disconnected” (W3C webrtc-pc RTCIceConnectionState): media stopped until it recovered (or never did).',
		source: 'W3C webrtc-pc',
		needs: 'dump-forensics'
	},
	run(input) {
		const { details, labelOf, slice } = input;
		if (details.length === 0) return { observations: [], status: { status: 'not-measurable', note: 'no dump with its API log (webrtc-internals, rtcstats)' } };
		const out: Observation[] = [];
		// A connection that failed is told once, by connection-failed.
		const failed = new Set(slice.participants.filter((p) => classifyReason(p.leaveReason) === 'failure').map((p) => p.participantId));
		for (const d of details) {
			const who = participantOfPc(input, d);
			if (failed.has(who)) continue;
			const band = d.bands.find((b) => b.field === 'iceConnectionState') ?? d.bands.find((b) => b.field === 'connectionState');
			if (!band) continue;
			const runs = band.runs.filter((r) => r.value === 'disconnected');
			if (runs.length === 0) continue;
			const total = bandTime(runs).get('disconnected')?.totalMs ?? 0;
			const lastRun = runs[runs.length - 1] as (typeof runs)[number];
			const after = band.runs[band.runs.indexOf(lastRun) + 1]?.value;
			const recovered = after === 'connected' || after === 'completed';
			out.push({
				id: `ice-disconnected:${d.pcId}`,
				rule: 'ice-disconnected',
				severity: recovered ? 'warning' : 'problem',
				participantId: who,
				sentence: `${possessive(labelOf(who))} connection ${d.pcId} lost ICE connectivity ${runs.length === 1 ? 'once' : `${runs.length} times`} (${spoken(total)} in all, first at ${clock((runs[0] as (typeof runs)[number]).from)})${recovered ? ' and recovered' : `; it was ${after ?? 'still disconnected'} after`}.`,
				fired: `${band.field} = disconnected ×${runs.length}`,
				evidence: runs.slice(0, 3).map((r) => ({ from: r.from - 5000, to: r.to + 5000, pcId: d.pcId, participantId: who }))
			});
		}
		return { observations: out, status: { status: out.length ? 'fired' : 'passed', note: `${details.length} connection(s) with ICE states` } };
	}
};

export const iceRestart: Rule = {
	info: {
		id: 'ice-restart',
		title: 'ICE restarts',
		rule: 'The local ICE credentials (a=ice-ufrag) changed between two local descriptions, or the page counts ICE restarts (W3C webrtc-pc restartIce).',
		source: 'W3C webrtc-pc',
		needs: 'dump-forensics'
	},
	run(input) {
		const { details, labelOf } = input;
		if (details.length === 0) return { observations: [], status: { status: 'not-measurable', note: 'no session descriptions in these files' } };
		const out: Observation[] = [];
		for (const d of details) {
			const who = participantOfPc(input, d);
			const locals = d.descriptions.filter((x) => x.op === 'setLocalDescription' || x.op === 'local');
			const changes: number[] = [];
			let last: string | null = null;
			for (const x of locals) {
				const ufrag = /a=ice-ufrag:(\S+)/.exec(x.sdp)?.[1] ?? null;
				if (ufrag && last && ufrag !== last && x.at !== null) changes.push(x.at);
				if (ufrag) last = ufrag;
			}
			const counted = Math.max(changes.length, d.ice.restarts ?? 0);
			if (counted === 0) continue;
			out.push({
				id: `ice-restart:${d.pcId}`,
				rule: 'ice-restart',
				severity: 'info',
				participantId: who,
				sentence: `${possessive(labelOf(who))} connection ${d.pcId} restarted ICE ${counted === 1 ? 'once' : `${counted} times`}${changes.length ? ` (new credentials at ${changes.map(clock).join(', ')})` : ''}.`,
				fired: `${counted} ICE restart(s)`,
				evidence: (changes.length ? changes : [d.snapshotAt ?? 0]).slice(0, 3).map((at) => ({ from: at - 10_000, to: at + 10_000, pcId: d.pcId, participantId: who }))
			});
		}
		return { observations: out, status: { status: out.length ? 'fired' : 'passed', note: `${details.length} connection(s) checked` } };
	}
};

export const relay: Rule = {
	info: {
		id: 'relay',
		title: 'TURN relays',
		rule: 'The selected candidate pair goes through a TURN relay (candidateType relay); over TCP or TLS it adds latency and usually means UDP is blocked on that network (rtcStats “usingTURN”, “turnOverTCP/TLS”).',
		source: 'rtcStats features',
		needs: 'dumps'
	},
	run({ details, streams, labelOf }) {
		const pairs = streams.filter((s) => s.direction === 'connection' && s.selectedPair);
		if (pairs.length === 0 && details.every((d) => d.ice.pairs.length === 0))
			return { observations: [], status: { status: 'not-measurable', note: 'no candidate-pair statistics in these files' } };
		const out: Observation[] = [];
		for (const s of pairs) {
			const p = s.selectedPair;
			if (!p?.relayed) continue;
			const relayed = p.local?.candidateType === 'relay' ? p.local : p.remote;
			const via = relayed?.relayProtocol ?? null;
			const slow = via === 'tcp' || via === 'tls';
			out.push({
				id: `relay:${s.pcId}`,
				rule: 'relay',
				severity: slow ? 'warning' : 'info',
				participantId: s.participantId,
				sentence: `${possessive(labelOf(s.participantId))} connection ${s.pcId} was relayed through TURN${via ? ` over ${via.toUpperCase()}` : ''}${p.local?.candidateType === 'relay' ? ' on its own side' : ' on the remote side'}${slow ? ': TCP/TLS relaying adds latency and usually means UDP is blocked on that network' : ''}.`,
				fired: `selected pair ${p.local?.candidateType ?? '?'} ↔ ${p.remote?.candidateType ?? '?'}${via ? `, relayProtocol ${via}` : ''}`,
				evidence: [{ from: s.firstAt, to: s.lastAt, pcId: s.pcId, participantId: s.participantId, streamKey: s.key, metric: 'rttMs' }]
			});
		}
		return { observations: out, status: { status: out.length ? 'fired' : 'passed', note: `${pairs.length} selected pair(s) checked` } };
	}
};
