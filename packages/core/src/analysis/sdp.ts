import { diffLines } from 'diff';
import { parse, type MediaDescription } from 'sdp-transform';
import type { SessionDescriptionEntry } from '../model/pc-detail.js';

/**
 * Session descriptions as a WebRTC engineer reads them (issue 12 "SDP"): each m-section with its
 * direction, codecs, header extensions and simulcast layers, a rejected section (port 0, RFC 8829
 * §5.3.1) flagged, and a local description that differs from the one createOffer/createAnswer
 * made (SDP munging) shown with its diff. Parsing is sdp-transform's (RFC 4566/8866 grammar);
 * rtcscope only summarises.
 */

export interface SdpCodec {
	payload: number;
	/** `opus/48000/2`, `VP8/90000`, … */
	name: string;
	fmtp: string | null;
	/** `nack`, `nack pli`, `ccm fir`, `goog-remb`, `transport-cc`. */
	feedback: string[];
}

export interface SdpSection {
	index: number;
	/** `audio`, `video`, `application`. */
	kind: string;
	mid: string | null;
	port: number;
	/** Port 0: the answerer rejected (or the offerer stopped) this m-line. */
	rejected: boolean;
	direction: 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive' | null;
	protocol: string;
	codecs: SdpCodec[];
	extensions: { id: number; uri: string }[];
	/** Simulcast layers (`a=rid`), the `a=simulcast` line, and SSRC groups (`SIM`, `FID`). */
	rids: { id: string; direction: string }[];
	simulcast: string | null;
	ssrcGroups: { semantics: string; ssrcs: string }[];
	ssrcs: string[];
	candidates: number;
}

export interface SdpSummary {
	/** `o=` session version: it grows with each renegotiation. */
	sessionVersion: number | null;
	bundle: string | null;
	iceLite: boolean;
	sections: SdpSection[];
	lines: number;
}

/**
 * The summary of one description.
 * @throws never: a description sdp-transform cannot read yields no sections (its text stays viewable).
 */
export function summarizeSdp(sdp: string): SdpSummary {
	const lines = sdp.split(/\r?\n/).filter((l) => l.length > 0).length;
	let parsed: ReturnType<typeof parse>;
	try {
		parsed = parse(sdp);
	} catch {
		return { sessionVersion: null, bundle: null, iceLite: false, sections: [], lines };
	}
	const bundle = parsed.groups?.find((g) => g.type === 'BUNDLE')?.mids ?? null;
	return {
		sessionVersion: typeof parsed.origin?.sessionVersion === 'number' ? parsed.origin.sessionVersion : null,
		bundle,
		iceLite: parsed.icelite === 'ice-lite',
		sections: (parsed.media ?? []).map(section),
		lines
	};
}

function section(m: MediaDescription, index: number): SdpSection {
	const fmtp = new Map((m.fmtp ?? []).map((f) => [f.payload, f.config]));
	const feedback = (payload: number) =>
		(m.rtcpFb ?? [])
			.filter((f) => String(f.payload) === String(payload) || f.payload === '*')
			.map((f) => (f.subtype ? `${f.type} ${f.subtype}` : f.type));
	return {
		index,
		kind: m.type,
		mid: m.mid !== undefined ? String(m.mid) : null,
		port: m.port,
		rejected: m.port === 0,
		direction: m.direction ?? null,
		protocol: m.protocol,
		codecs: (m.rtp ?? []).map((r) => ({
			payload: r.payload,
			name: [r.codec, r.rate, r.encoding].filter((x) => x !== undefined).join('/'),
			fmtp: fmtp.get(r.payload) ?? null,
			feedback: feedback(r.payload)
		})),
		extensions: (m.ext ?? []).map((e) => ({ id: e.value, uri: e.uri })),
		rids: (m.rids ?? []).map((r) => ({ id: String(r.id), direction: r.direction })),
		simulcast: m.simulcast ? [m.simulcast.dir1, m.simulcast.list1, m.simulcast.dir2, m.simulcast.list2].filter(Boolean).join(' ') : null,
		ssrcGroups: (m.ssrcGroups ?? []).map((g) => ({ semantics: g.semantics, ssrcs: g.ssrcs })),
		ssrcs: [...new Set((m.ssrcs ?? []).map((s) => String(s.id)))],
		candidates: m.candidates?.length ?? 0
	};
}

/** Lines added and removed from `a` to `b` (line diff, jsdiff). */
export interface SdpDiff {
	added: number;
	removed: number;
	/** Each part in order: unchanged runs shortened to their count. */
	parts: { kind: 'same' | 'added' | 'removed'; lines: string[] }[];
}

export function diffSdp(a: string, b: string): SdpDiff {
	const norm = (s: string) => `${s.replace(/\r\n/g, '\n').replace(/\n+$/, '')}\n`;
	const parts: SdpDiff['parts'] = [];
	let added = 0;
	let removed = 0;
	for (const change of diffLines(norm(a), norm(b))) {
		const lines = change.value.replace(/\n$/, '').split('\n');
		const kind = change.added ? 'added' : change.removed ? 'removed' : 'same';
		if (kind === 'added') added += lines.length;
		if (kind === 'removed') removed += lines.length;
		parts.push({ kind, lines });
	}
	return { added, removed, parts };
}

/**
 * Local descriptions that differ from what the browser created: a setLocalDescription whose SDP
 * is not the one the latest createOffer/createAnswer of the same type returned. Line-end
 * differences do not count.
 */
export function mungedDescriptions(
	descriptions: readonly SessionDescriptionEntry[]
): { local: number; created: number; diff: SdpDiff }[] {
	const out: { local: number; created: number; diff: SdpDiff }[] = [];
	const same = (a: string, b: string) => a.replace(/\r\n/g, '\n').trimEnd() === b.replace(/\r\n/g, '\n').trimEnd();
	descriptions.forEach((d, i) => {
		if (d.op !== 'setLocalDescription') return;
		for (let j = i - 1; j >= 0; j--) {
			const c = descriptions[j] as SessionDescriptionEntry;
			if (c.op !== 'createOfferOnSuccess' && c.op !== 'createAnswerOnSuccess') continue;
			if (d.type && c.type && d.type !== c.type) continue;
			if (!same(c.sdp, d.sdp)) out.push({ local: i, created: j, diff: diffSdp(c.sdp, d.sdp) });
			return;
		}
	});
	return out;
}
