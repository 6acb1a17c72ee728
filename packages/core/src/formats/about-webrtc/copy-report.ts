import type { AboutPage, AboutPc, AboutSdp } from './page.js';

/**
 * Firefox's about:webrtc "Copy Report" (2024+) and `WebrtcGlobalInformation.getAllStats`
 * results: one `RTCStatsReportInternal` per peer connection (dom/webidl/RTCStatsReport.webidl:
 * `pcid`, `browserId`, `timestamp`, `closed`, `configuration`, `sdpHistory`, `iceRestarts`,
 * `iceRollbacks`, and the W3C stats objects in `inboundRtpStreamStats`, `iceCandidatePairStats`,
 * …), alone, in an array, or as `{reports: [...]}`. Read after the WebIDL: no real copy is in the
 * corpus (the saved pages are), so this form is checked on a report written from that shape.
 */

const COLLECTIONS = [
	'inboundRtpStreamStats',
	'outboundRtpStreamStats',
	'remoteInboundRtpStreamStats',
	'remoteOutboundRtpStreamStats',
	'mediaSourceStats',
	'videoSourceStats',
	'audioSourceStats',
	'peerConnectionStats',
	'iceCandidatePairStats',
	'iceCandidateStats',
	'dataChannelStats',
	'codecStats'
] as const;

/** True for a value shaped like one report or a list of them. */
export function isCopyReport(value: unknown): boolean {
	return reportsOf(value).length > 0;
}

export function readCopyReport(value: unknown): AboutPage {
	return { layout: 'firefox-2025', pcs: reportsOf(value).map(readReport), log: [] };
}

function reportsOf(value: unknown): Record<string, unknown>[] {
	const list = Array.isArray(value)
		? value
		: value && typeof value === 'object' && Array.isArray((value as { reports?: unknown }).reports)
			? ((value as { reports: unknown[] }).reports)
			: [value];
	return list.filter(
		(r): r is Record<string, unknown> =>
			!!r && typeof r === 'object' && typeof (r as Record<string, unknown>).pcid === 'string' && COLLECTIONS.some((c) => Array.isArray((r as Record<string, unknown>)[c]))
	);
}

function readReport(r: Record<string, unknown>): AboutPc {
	const pcid = r.pcid as string;
	const objects: NonNullable<AboutPc['objects']> = [];
	for (const c of COLLECTIONS) {
		for (const o of (r[c] as unknown[] | undefined) ?? []) {
			if (!o || typeof o !== 'object') continue;
			const stat = o as Record<string, unknown>;
			if (typeof stat.id !== 'string' || typeof stat.type !== 'string') continue;
			objects.push({ id: stat.id, type: stat.type, fields: stat });
		}
	}
	const history = Array.isArray(r.sdpHistory) ? (r.sdpHistory as Record<string, unknown>[]) : [];
	const sdp: AboutSdp[] = history
		.filter((h) => typeof h.sdp === 'string')
		.map((h) => ({ at: typeof h.timestamp === 'number' ? h.timestamp : null, local: h.isLocal === true, type: typeOf(h.sdp as string), sdp: h.sdp as string }));
	if (sdp.length === 0) {
		if (typeof r.localSdp === 'string' && r.localSdp) sdp.push({ at: null, local: true, type: typeOf(r.localSdp), sdp: r.localSdp });
		if (typeof r.remoteSdp === 'string' && r.remoteSdp) sdp.push({ at: null, local: false, type: typeOf(r.remoteSdp), sdp: r.remoteSdp });
	}
	const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
	const num = (v: unknown) => (typeof v === 'number' ? v : null);
	return {
		id: /\bid=(\d+)/.exec(pcid)?.[1] ?? pcid,
		label: pcid,
		url: /\burl=([^\s)]+)/.exec(pcid)?.[1] ?? null,
		browserId: r.browserId !== undefined ? String(r.browserId) : null,
		closed: r.closed === true,
		reportAt: num(r.timestamp),
		configuration: r.configuration ? JSON.stringify(r.configuration, (k, v) => (/^(credential|password|username)$/i.test(k) ? '(removed)' : v)) : null,
		rtp: [],
		pairs: [],
		rawLocal: strings(r.rawLocalCandidates),
		rawRemote: strings(r.rawRemoteCandidates),
		restarts: num(r.iceRestarts),
		rollbacks: num(r.iceRollbacks),
		sdp,
		dataChannelsOpened: null,
		dataChannelsClosed: null,
		log: [],
		objects
	};
}

function typeOf(sdp: string): string | null {
	const setup = /a=setup:(\w+)/.exec(sdp)?.[1];
	return setup === 'actpass' ? 'offer' : setup === 'active' || setup === 'passive' ? 'answer' : null;
}
