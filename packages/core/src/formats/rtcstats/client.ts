import { cyrb53 } from '../../util/hash.js';
import { factsFromId } from '../webrtc-stats/chrome-ids.js';
import { PcStats, type StatValue } from '../webrtc-stats/collector.js';
import { deriveStreams } from '../webrtc-stats/derive.js';
import { PcLifecycle } from '../webrtc-stats/lifecycle.js';
import {
	connectionEvent,
	emitStreams,
	pageName,
	sendersBySsrc,
	tabOf,
	type DumpIdentity
} from '../webrtc-stats/session.js';
import type { DerivedStream } from '../webrtc-stats/types.js';
import { collectDescriptions, configurationText } from '../webrtc-stats/descriptions.js';
import { buildForensics, type LoggedState } from '../webrtc-stats/forensics.js';
import { stateKindOf } from '../webrtc-stats/lifecycle.js';
import type { ParseSink, SessionRef } from '../types.js';

/**
 * One rtcstats client file: the peer connections of one browser page and who that page is. The
 * file is one user (rtcstats records one page, `identity` names it); PC ids Chrome writes in its
 * own rtcstats export (`92-1`) are `<tab>-<n>`, so there each tab is a user. Every connection's
 * start and one end (formats/webrtc-stats/lifecycle.ts) are handed over at the end of the file,
 * when its name and its outcome are known.
 */

type Report = Record<string, StatValue>;

export interface ClientPc {
	stats: PcStats;
	/** The full last report of every stats object (rtcstats sends deltas). */
	reports: Map<string, Report>;
	life: PcLifecycle;
	url: string | null;
	/** Where it was created (`create`), or first mentioned. */
	createdAt: number | null;
	createdLine: number;
	/** Objects first seen in a delta without their type: the file began after their first report. */
	untyped: number;
	/** Of those, the ones whose type neither the id (chrome-ids.ts) nor the fields tell. */
	untypedLeft: number;
	/** The `create` record's RTCConfiguration. */
	configuration: unknown;
	/** Log records that carry or fail a session description, in file order. */
	described: { op: string; value: unknown; at: number; line: number }[];
	/** State changes from the log. */
	states: LoggedState[];
}

const DESCRIBING = /^(createOfferOnSuccess|createAnswerOnSuccess|setLocalDescription|setRemoteDescription|(setLocalDescription|setRemoteDescription|createOffer|createAnswer)OnFailure)$/;

export class RtcstatsClient {
	readonly pcs = new Map<string, ClientPc>();
	/** `identity.displayName`, the page URL and the client's own id, as the file says them. */
	displayName: string | null = null;
	pageUrl: string | null = null;
	platform: string | null = null;
	/** Content id of the file's first lines: tells two clients of one room apart. */
	clientId = '';

	pc(pcId: string, line: number): ClientPc {
		let state = this.pcs.get(pcId);
		if (!state) {
			state = {
				stats: new PcStats(pcId),
				reports: new Map(),
				life: new PcLifecycle(),
				url: null,
				createdAt: null,
				createdLine: line,
				untyped: 0,
				untypedLeft: 0,
				configuration: null,
				described: [],
				states: []
			};
			this.pcs.set(pcId, state);
		}
		return state;
	}

	/** Fixes the client's id from the text of its first lines (never from the file's bytes). */
	identify(firstLines: readonly string[]): void {
		this.clientId = cyrb53(firstLines.join('\n')).toString(36);
	}

	/** An API record of a connection (not getstats): feeds its lifecycle, descriptions and states. */
	logged(state: ClientPc, method: string, value: unknown, at: number, line: number): void {
		state.life.event(at, method, value, line);
		if (method === 'create') state.configuration = value;
		if (DESCRIBING.test(method)) state.described.push({ op: method, value, at, line });
		if (stateKindOf(method)) state.states.push({ at, type: method, value });
	}

	/** One getStats record: a delta against the last full report of each object. */
	readStats(state: ClientPc, payload: unknown, at: number, line: number): void {
		if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return;
		state.life.seen(at, line);
		// An object missing from a report gets no sample at that time. (Standard-stats files write
		// unchanged objects as `{timestamp: 0}` and leave removed ones out; the legacy generation
		// leaves unchanged ones out too — so its last report is kept for when it comes back.)
		for (const [id, delta] of Object.entries(payload as Record<string, unknown>)) {
			if (id === 'timestamp' || !delta || typeof delta !== 'object') continue;
			const known = state.reports.get(id);
			const report: Report = { ...(known ?? {}), ...(delta as Report) };
			if (!known && typeof report.type !== 'string') {
				const facts = factsFromId(id);
				const inferred = facts?.type ?? inferType(report);
				if (inferred) report.type = inferred;
				if (facts?.kind && report.kind === undefined) report.kind = facts.kind;
				if (facts?.ssrc !== undefined && report.ssrc === undefined) report.ssrc = facts.ssrc;
				state.untyped++;
				if (!inferred) state.untypedLeft++;
			}
			state.reports.set(id, report);
			// The transport's own DTLS/ICE state counts like a logged one (stats-states.ts).
			if (report.type === 'transport') {
				for (const [prop, type] of [
					['dtlsState', 'dtlsstatechange'],
					['iceState', 'iceconnectionstatechange']
				] as const) {
					const v = report[prop];
					if (typeof v === 'string' && v !== known?.[prop]) state.life.event(at, type, v, line);
				}
			}
			const stamp = (delta as Report).timestamp;
			const t = typeof stamp === 'number' && stamp > 1e11 ? stamp : at;
			if (typeof report.type === 'string') state.stats.setType(id, report.type);
			for (const [prop, v] of Object.entries(report)) {
				if (prop !== 'timestamp' && prop !== 'id' && prop !== 'type') state.stats.add(id, prop, t, v);
			}
		}
	}

	/** The user and names of one of its connections. */
	identity(pcId: string, url: string | null = this.pageUrl): DumpIdentity {
		const page = pageName(url);
		const tab = tabOf(pcId);
		const who = this.displayName ?? (tab ? `${page ?? 'page'} · tab ${tab}` : (page ?? 'rtcstats client'));
		return {
			userId: tab ? `tab:${this.clientId}:${tab}` : `client:${this.clientId}`,
			userName: who,
			name: `${this.displayName ?? page ?? 'client'} · ${pcId}`
		};
	}

	/** Hands over every connection's start and end and its quality streams. */
	finish(sink: ParseSink, session: SessionRef): void {
		const derived: { pcId: string; streams: DerivedStream[] }[] = [];
		for (const [pcId, state] of this.pcs) derived.push({ pcId, streams: deriveStreams(state.stats) });
		const senderOf = sendersBySsrc(derived);
		for (const { pcId, streams } of derived) {
			const state = this.pcs.get(pcId) as ClientPc;
			const startAt = state.createdAt ?? state.life.startAt;
			if (startAt === null) continue;
			const url = state.url ?? this.pageUrl;
			const identity = this.identity(pcId, url);
			sink.record(
				connectionEvent(session, {
					at: startAt,
					pcId,
					phase: 'start',
					platform: this.platform,
					url,
					line: state.createdLine,
					identity
				})
			);
			const end = state.life.end();
			if (end)
				sink.record(
					connectionEvent(session, { at: end.at, pcId, phase: 'end', line: end.line, reason: end.reason, identity })
				);
			sink.pcDetail?.({
				session,
				forensics: buildForensics({
					pcId,
					source: 'rtcstats',
					url,
					configuration: configurationText(state.configuration),
					descriptions: collectDescriptions(state.described),
					stats: state.stats,
					states: state.states,
					endAt: end?.at ?? null
				})
			});
			emitStreams(
				sink,
				session,
				streams,
				state.createdLine,
				url,
				{ startAt, connectedAt: state.life.connectedAt, platform: this.platform },
				senderOf
			);
		}
	}
}

/**
 * The type of a stats object whose first report the file does not hold (it starts mid-call, so
 * the first delta lacks `type`), from the fields only that type has. null when unsure.
 */
function inferType(report: Report): string | null {
	const has = (k: string) => k in report;
	if (has('ssrc') && has('bytesSent') && has('packetsSent')) return has('remoteTimestamp') ? 'remote-outbound-rtp' : 'outbound-rtp';
	if (has('ssrc') && has('bytesReceived') && has('packetsReceived')) return 'inbound-rtp';
	if (has('ssrc') && has('roundTripTime') && has('fractionLost')) return 'remote-inbound-rtp';
	if (has('localCandidateId') && has('remoteCandidateId')) return 'candidate-pair';
	if (has('candidateType') && has('protocol')) return report.isRemote === true ? 'remote-candidate' : 'local-candidate';
	if (has('selectedCandidatePairId') || has('dtlsState')) return 'transport';
	return null;
}
