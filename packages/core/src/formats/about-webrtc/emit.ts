import { PROBLEM_CODES } from '../../model/problems.js';
import { cyrb53 } from '../../util/hash.js';
import { PcStats } from '../webrtc-stats/collector.js';
import { buildForensics } from '../webrtc-stats/forensics.js';
import { connectionEvent, dumpSession, pageName, webrtcEvent } from '../webrtc-stats/session.js';
import type { SessionDescriptionEntry } from '../../model/pc-detail.js';
import type { ParseContext, ParsedRecord, ParseSink } from '../types.js';
import type { ModelEvent } from '../../model/events.js';
import { sessionScope } from '../../model/ids.js';
import { SEEN_IN_SNAPSHOT } from '../../model/end-reasons.js';
import type { AboutPage, AboutPc } from './page.js';

/**
 * A read about:webrtc page (or Copy Report JSON) as a session of provider `webrtc`: each peer
 * connection is a connection of its tab (2025 pages name the tab: `browser-id`; Firefox 71 pages
 * do not, so the page is the user); its stats are one snapshot at the report's time, stored for
 * the forensics tables (W3C names: `inbound-rtp.packetsReceived`, `candidate-pair.state`, …).
 *
 * Times: a connection starts at its first SDP timestamp when the page has its SDP history, else
 * at its report; it ends `closed` at its report when the page says closed, else it was open when
 * the page was saved. No duration is measured between two snapshots, and the import says so.
 */
export function emitAboutPage(page: AboutPage, ctx: ParseContext, sink: ParseSink, source: 'page' | 'report'): void {
	if (page.pcs.length === 0) {
		ctx.problems.add({
			code: PROBLEM_CODES.emptyFile,
			severity: 'warning',
			message: 'The about:webrtc page lists no peer connection (it was saved with no call, or after “Clear history”): there is nothing to inspect.'
		});
		return;
	}
	const session = dumpSession(`aboutwebrtc-${cyrb53(JSON.stringify(page.pcs.map((p) => [p.id, p.url, p.reportAt]))).toString(36)}`);
	for (const pc of page.pcs) emitPc(pc, session, sink);
	const logOnly = page.log.length;
	ctx.problems.add({
		code: PROBLEM_CODES.snapshotOnly,
		severity: 'warning',
		message: `${source === 'page' ? `A saved Firefox about:webrtc page (${page.layout === 'firefox-71' ? 'Firefox 71 layout' : '2025 layout'})` : 'A Firefox about:webrtc “Copy Report”'}: one snapshot of each of its ${page.pcs.length} peer connection${page.pcs.length === 1 ? '' : 's'}, not a time series. Connections start at their first SDP time when the page has it, else at the snapshot; no duration between snapshots is measured.${logOnly > 0 ? ` ${logOnly.toLocaleString('en')} connection-log lines name no connection on the page and are not attached to one.` : ''}`
	});
}

function emitPc(pc: AboutPc, session: ReturnType<typeof dumpSession>, sink: ParseSink): void {
	const page = pageName(pc.url) ?? 'unknown page';
	const identity = {
		userId: pc.browserId ? `tab:${pc.browserId}` : `page:${pc.url ?? ''}`,
		userName: pc.browserId ? `${page} · tab ${pc.browserId}` : page,
		name: `${page} · PC ${pc.id}`
	};
	const sdpTimes = pc.sdp.map((s) => s.at).filter((t): t is number => t !== null);
	const startAt = sdpTimes.length > 0 ? Math.min(...sdpTimes) : pc.reportAt;
	if (startAt === null) return;
	const endAt = Math.max(pc.reportAt ?? startAt, startAt);
	sink.record(connectionEvent(session, { at: startAt, pcId: pc.id, phase: 'start', url: pc.url, line: 0, identity, platform: 'Firefox' }));
	for (const s of pc.sdp) {
		if (s.at === null) continue;
		sink.record(webrtcEvent(session, { at: s.at, type: s.local ? 'setLocalDescription' : 'setRemoteDescription', pcId: pc.id, value: { type: s.type, sdp: s.sdp }, line: 0 }));
	}
	for (const record of snapshotStreams(pc, session, startAt, endAt)) sink.record(record);
	sink.record(connectionEvent(session, { at: endAt, pcId: pc.id, phase: 'end', line: 0, reason: pc.closed ? 'closed' : 'captureEnded', identity }));
	const descriptions: SessionDescriptionEntry[] = pc.sdp.map((s) => ({
		at: s.at,
		op: s.at !== null ? (s.local ? 'setLocalDescription' : 'setRemoteDescription') : s.local ? 'local' : 'remote',
		type: s.type,
		sdp: s.sdp,
		line: 0
	}));
	const forensics = buildForensics({
		pcId: pc.id,
		source: 'about-webrtc',
		url: pc.url,
		configuration: pc.configuration,
		descriptions,
		stats: snapshotStats(pc, endAt),
		states: [],
		endAt
	});
	forensics.detail.snapshotAt = endAt;
	forensics.detail.ice.raw = { local: pc.rawLocal, remote: pc.rawRemote };
	forensics.detail.ice.restarts = pc.restarts;
	forensics.detail.ice.rollbacks = pc.rollbacks;
	forensics.detail.log = pc.log;
	sink.pcDetail?.({ session, forensics });
}

/**
 * The RTP streams that carried packets, as publications (outbound-rtp) and subscriptions
 * (inbound-rtp) spanning the connection's known time: the snapshot shows media flowed, not when
 * it started or stopped.
 */
function snapshotStreams(pc: AboutPc, session: ReturnType<typeof dumpSession>, startAt: number, endAt: number): ParsedRecord[] {
	const streams = [
		...pc.rtp.map((r) => ({ type: r.type, ssrc: r.ssrc, kind: r.kind, packets: r.packets })),
		...(pc.objects ?? []).map((o) => ({
			type: o.type,
			ssrc: String(o.fields.ssrc ?? ''),
			kind: typeof o.fields.kind === 'string' ? o.fields.kind : typeof o.fields.mediaType === 'string' ? o.fields.mediaType : null,
			packets: Number(o.fields.packetsSent ?? o.fields.packetsReceived ?? 0)
		}))
	].filter((s) => (s.type === 'inbound-rtp' || s.type === 'outbound-rtp') && (s.packets ?? 0) > 0);
	const out: ParsedRecord[] = [];
	for (const s of streams) {
		const outbound = s.type === 'outbound-rtp';
		const detail: ModelEvent['detail'] = {
			kind: 'stream',
			...(s.kind === 'video' ? { hasVideo: true, hasAudio: false, source: 'camera' as const } : { hasAudio: true, hasVideo: false })
		};
		for (const phase of ['start', 'end'] as const) {
			out.push({
				scope: sessionScope(session.key),
				session,
				event: {
					at: phase === 'start' ? startAt : endAt,
					type: `${outbound ? 'outbound' : 'inbound'}Stream${phase === 'start' ? 'Started' : 'Ended'}`,
					category: outbound ? 'publish' : 'subscribe',
					phase,
					severity: 'info',
					participantId: pc.id,
					streamId: `${pc.id}/${s.type}_${s.ssrc}`,
					detail,
					...(phase === 'end' ? { reason: SEEN_IN_SNAPSHOT } : {}),
					line: 0
				}
			});
		}
	}
	return out;
}

/** The page's figures as one stats sample per object, under W3C webrtc-stats names. */
function snapshotStats(pc: AboutPc, at: number): PcStats {
	const stats = new PcStats(pc.id);
	const put = (id: string, type: string, fields: Record<string, unknown>) => {
		stats.setType(id, type);
		for (const [k, v] of Object.entries(fields)) {
			if (v === null || v === undefined || k === 'id' || k === 'type' || k === 'timestamp') continue;
			stats.add(id, k, at, typeof v === 'object' ? JSON.stringify(v) : (v as string | number | boolean));
		}
	};
	for (const o of pc.objects ?? []) put(o.id, o.type, o.fields);
	for (const r of pc.rtp) {
		const received = r.type === 'inbound-rtp' || r.type === 'remote-inbound-rtp';
		put(`${r.type}_${r.ssrc}`, r.type, {
			ssrc: r.ssrc,
			kind: r.kind,
			mimeType: r.mimeType,
			[received ? 'packetsReceived' : 'packetsSent']: r.packets,
			[received ? 'bytesReceived' : 'bytesSent']: r.bytes,
			packetsLost: r.packetsLost,
			jitter: r.jitterS,
			roundTripTime: r.rttMs !== null ? r.rttMs / 1000 : null,
			averageBitrateMbps: r.avgBitrateMbps,
			averageFramesPerSecond: r.avgFps,
			framesDropped: r.droppedFrames
		});
	}
	pc.pairs.forEach((p, i) => {
		const local = candidateOf(p.local, false, `${pc.id}-pair${i}-local`);
		const remote = candidateOf(p.remote, true, `${pc.id}-pair${i}-remote`);
		if (local) put(local.id, 'local-candidate', local.fields);
		if (remote) put(remote.id, 'remote-candidate', remote.fields);
		put(`${pc.id}-pair${i}`, 'candidate-pair', {
			state: p.state,
			nominated: p.nominated,
			selected: p.selected,
			priority: p.priority,
			componentId: p.componentId,
			bytesSent: p.bytesSent,
			bytesReceived: p.bytesReceived,
			localCandidateId: local?.id ?? null,
			remoteCandidateId: remote?.id ?? null
		});
	});
	return stats;
}

/** `191.36.15.4:35212/udp(host) [non-proxied]`, `1.2.3.4:3478/udp(relay-tcp)` (aboutWebrtc.mjs candidateToString). */
function candidateOf(text: string, isRemote: boolean, id: string): { id: string; fields: Record<string, string | number | null> } | null {
	const m = /^\[?([^\]\s]*?)\]?:(\d+)\/(\w+)\(([\w-]+)\)/.exec(text.trim());
	if (!m) return null;
	const [type, relay] = (m[4] as string).split('-');
	return {
		id,
		fields: {
			address: m[1] as string,
			port: Number(m[2]),
			protocol: m[3] as string,
			candidateType: type ?? null,
			relayProtocol: relay ?? null,
			isRemote: isRemote ? 'true' : 'false',
			proxied: /\[(non-)?proxied\]/.exec(text)?.[0]?.slice(1, -1) ?? null
		}
	};
}
