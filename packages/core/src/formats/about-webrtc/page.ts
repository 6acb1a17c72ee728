import { DomUtils, parseDocument } from 'htmlparser2';
import { isTag, type ChildNode, type Element } from 'domhandler';

/**
 * Reads a saved Firefox about:webrtc page ("Save page": the `<div id="content">` of
 * toolkit/content/aboutwebrtc/aboutWebrtc.mjs, written as HTML). Two layouts are known and
 * tried: Firefox ~71 (2019; labels translated into the user's language, no `data-l10n-*`
 * attributes; RTP figures as sentences) and Firefox ~145 (2025; every label carries its
 * `data-l10n-id`, numbers in `data-l10n-args`). Nothing here depends on the page's language:
 * figures are found by position and by the W3C stats type names the page prints.
 *
 * A saved page holds one snapshot of each peer connection: its last report, not a time series.
 */

export interface AboutRtp {
	/** `inbound-rtp`, `outbound-rtp`, `remote-inbound-rtp`, `remote-outbound-rtp`. */
	type: string;
	ssrc: string;
	kind: string | null;
	mimeType: string | null;
	packets: number | null;
	/** The page prints bytes ÷ 1024 with two decimals and calls it "Kb": this is that figure × 1024, rounded. */
	bytes: number | null;
	packetsLost: number | null;
	/** Seconds, as the page prints it. */
	jitterS: number | null;
	/** ms, as the page prints it (`roundTripTime × 1000`). */
	rttMs: number | null;
	/** Firefox 71's per-stream averages: bitrate (Mbps) and frame rate with their standard deviations, dropped frames. */
	avgBitrateMbps: number | null;
	avgFps: number | null;
	droppedFrames: number | null;
}

export interface AboutPair {
	state: string | null;
	nominated: boolean | null;
	selected: boolean | null;
	/** `191.36.15.4:35212/udp(host) [non-proxied]` as printed. */
	local: string;
	remote: string;
	componentId: string | null;
	/** Exact digits as printed. */
	priority: string | null;
	bytesSent: number | null;
	bytesReceived: number | null;
}

export interface AboutSdp {
	/** UTC ms (the SDP history's timestamps); null for the page's current local/remote SDP. */
	at: number | null;
	local: boolean;
	type: string | null;
	sdp: string;
}

export interface AboutPc {
	/** Firefox's numeric id (`id=15032385555`), the connection's key. */
	id: string;
	/** The whole PeerConnection ID text (`{uuid} 1764720249350538 (id=… url=…)`). */
	label: string;
	url: string | null;
	/** The tab (`browser-id`), 2025 layout only. */
	browserId: string | null;
	closed: boolean;
	/** UTC ms of the report the page shows (its heading's time). */
	reportAt: number | null;
	configuration: string | null;
	rtp: AboutRtp[];
	pairs: AboutPair[];
	rawLocal: string[];
	rawRemote: string[];
	restarts: number | null;
	rollbacks: number | null;
	sdp: AboutSdp[];
	dataChannelsOpened: number | null;
	dataChannelsClosed: number | null;
	log: string[];
	/** Copy Report JSON: the W3C stats objects themselves (the page form has `rtp`/`pairs` instead). */
	objects?: { id: string; type: string; fields: Record<string, unknown> }[];
}

export interface AboutPage {
	layout: 'firefox-71' | 'firefox-2025';
	pcs: AboutPc[];
	/** Connection log lines naming no connection. */
	log: string[];
}

export function readAboutWebrtcPage(html: string): AboutPage {
	const doc = parseDocument(html, { decodeEntities: true });
	const all = doc.children;
	const layout = DomUtils.findOne((e) => !!e.attribs['data-l10n-id'], all) ? 'firefox-2025' : 'firefox-71';
	const pcs = DomUtils.findAll((e) => e.name === 'div' && hasClass(e, 'peer-connection'), all).map(readPc);
	// The connection log: `div.log` (Firefox 71), or the section under its heading (2025).
	const logHeading = DomUtils.findOne((e) => e.attribs['data-l10n-id'] === 'about-webrtc-log-heading', all);
	const logBox =
		DomUtils.findOne((e) => e.name === 'div' && hasClass(e, 'log'), all) ??
		((logHeading?.parent?.parent as Element | null | undefined) ?? null);
	const lines = logBox ? DomUtils.findAll((e) => e.name === 'p', logBox.children).map((p) => text(p)) : [];
	const unassigned: string[] = [];
	for (const line of lines) {
		const owner = pcs.find((pc) => line.includes(`(id=${pc.id} `) || line.includes(`(id=${pc.id})`));
		if (owner) owner.log.push(line);
		else unassigned.push(line);
	}
	return { layout, pcs, log: unassigned };
}

function readPc(el: Element): AboutPc {
	const h3 = DomUtils.findOne((e) => e.name === 'h3', el.children);
	const heading = h3 ? text(h3) : '';
	const argsEl = h3 ? DomUtils.findOne((e) => !!e.attribs['data-l10n-args'], h3.children) : null;
	const args = argsEl ? safeJson(argsEl.attribs['data-l10n-args'] ?? '') : null;
	const l10n = argsEl?.attribs['data-l10n-id'] ?? '';
	const idBody = DomUtils.findOne((e) => e.name === 'span' && hasClass(e, 'info-body'), el.children);
	const label = idBody ? text(idBody) : heading;
	const id = /\bid=(\d+)/.exec(label)?.[1] ?? /\[\s*(?:[\d,]+\s*\|\s*)?(\d+)\s*\]/.exec(heading)?.[1] ?? heading;
	const url = /\burl=([^\s)]+)/.exec(label)?.[1] ?? (typeof args?.url === 'string' ? args.url : null);
	const reportAt = typeof args?.now === 'string' ? Date.parse(args.now) : headingTime(heading);
	// Firefox 71 writes "(closed)" in the user's language between the URL and the time.
	const closed = l10n ? l10n === 'about-webrtc-connection-closed' : /\]\s+\S+\s+\([^)]+\)\s+\w{3} \w{3} \d/.test(heading);
	const iceTable = DomUtils.findOne((e) => e.name === 'table' && !hasClass(e, 'raw-candidate'), el.children);
	const raw = readRawCandidates(el);
	const counts = readIceCounts(el, iceTable);
	return {
		id,
		label,
		url,
		browserId: args && args['browser-id'] !== undefined ? String(args['browser-id']) : null,
		closed,
		reportAt: Number.isFinite(reportAt) ? reportAt : null,
		configuration: readConfiguration(el),
		rtp: readRtp(el),
		pairs: iceTable ? readPairs(iceTable) : [],
		rawLocal: raw.local,
		rawRemote: raw.remote,
		restarts: counts.restarts,
		rollbacks: counts.rollbacks,
		sdp: readSdp(el),
		dataChannelsOpened: labelledNumber(el, 'about-webrtc-data-channels-opened-label'),
		dataChannelsClosed: labelledNumber(el, 'about-webrtc-data-channels-closed-label'),
		log: []
	};
}

/** "… Tue Dec 10 2019 15:19:32 GMT-0300 (Horário Padrão de Brasília)" → UTC ms. */
function headingTime(heading: string): number {
	const m = /(\w{3} \w{3} \d{1,2} \d{4} \d{2}:\d{2}:\d{2} GMT[+-]\d{4})/.exec(heading);
	if (m) return Date.parse(m[1] as string);
	const iso = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/.exec(heading);
	return iso ? Date.parse(iso[0]) : Number.NaN;
}

function readConfiguration(el: Element): string | null {
	const box = DomUtils.findOne((e) => e.name === 'div' && hasClass(e, 'peer-connection-config'), el.children);
	if (!box) return null;
	const lines: string[] = [];
	let line = '';
	const walk = (nodes: ChildNode[]) => {
		for (const n of nodes) {
			if (n.type === 'text') line += (n as unknown as { data: string }).data;
			else if (isTag(n) && (n.name === 'br' || n.name === 'div')) {
				if (line.trim()) lines.push(line.trim());
				line = '';
				if (n.name === 'div') walk(n.children);
			} else if (isTag(n)) walk(n.children);
		}
	};
	walk(box.children);
	if (line.trim()) lines.push(line.trim());
	return lines.join('\n');
}

/** The ICE table: state, nominated, selected, local, remote, component, priority, bytes sent, bytes received (aboutWebrtc.mjs column order). */
function readPairs(table: Element): AboutPair[] {
	const rows = DomUtils.findAll((e) => e.name === 'tr', table.children);
	const out: AboutPair[] = [];
	for (const row of rows) {
		const cells = row.children.filter((c): c is Element => isTag(c) && c.name === 'td').map(text);
		if (cells.length < 9) continue;
		const flag = (v: string | undefined) => (v === 'true' ? true : v === 'false' ? false : null);
		out.push({
			state: cells[0] || null,
			nominated: flag(cells[1]),
			selected: flag(cells[2]),
			local: cells[3] ?? '',
			remote: cells[4] ?? '',
			componentId: cells[5] || null,
			priority: /^\d+$/.test(cells[6] ?? '') ? (cells[6] as string) : null,
			bytesSent: numberOr(cells[7]),
			bytesReceived: numberOr(cells[8])
		});
	}
	return out;
}

function readRawCandidates(el: Element): { local: string[]; remote: string[] } {
	const tables = DomUtils.findAll((e) => e.name === 'table' && hasClass(e, 'raw-candidate'), el.children);
	const local: string[] = [];
	const remote: string[] = [];
	const rowsOf = (t: Element) =>
		DomUtils.findAll((e) => e.name === 'tr', t.children).map((r) => r.children.filter((c): c is Element => isTag(c) && c.name === 'td').map(text));
	if (tables.length === 1) {
		// Firefox 71: one table, local and remote side by side.
		for (const cells of rowsOf(tables[0] as Element)) {
			if (cells[0]) local.push(cells[0]);
			if (cells[1]) remote.push(cells[1]);
		}
	} else {
		for (const cells of rowsOf(tables[0] as Element) ?? []) if (cells[0]) local.push(cells[0]);
		if (tables[1]) for (const cells of rowsOf(tables[1])) if (cells[0]) remote.push(cells[0]);
	}
	return { local, remote };
}

/** ICE restarts and rollbacks: by their label id (2025), else the first two counts after the ICE table (Firefox 71). */
function readIceCounts(el: Element, iceTable: Element | null): { restarts: number | null; rollbacks: number | null } {
	const restarts = labelledNumber(el, 'about-webrtc-ice-restart-count-label');
	const rollbacks = labelledNumber(el, 'about-webrtc-ice-rollback-count-label');
	if (restarts !== null || rollbacks !== null || !iceTable) return { restarts, rollbacks };
	// Document order (findAll walks it): the counts are the first numeric info-bodies after the table.
	const ordered = DomUtils.findAll((e) => e === iceTable || (e.name === 'span' && hasClass(e, 'info-body')), el.children);
	const after = ordered.slice(ordered.indexOf(iceTable) + 1).map(text).filter((t) => /^\d+$/.test(t));
	return { restarts: numberOr(after[0]), rollbacks: numberOr(after[1]) };
}

function labelledNumber(el: Element, l10nId: string): number | null {
	const label = DomUtils.findOne((e) => e.attribs['data-l10n-id'] === l10nId, el.children);
	if (!label) return null;
	const next = DomUtils.nextElementSibling(label);
	return next ? numberOr(text(next)) : null;
}

/**
 * Session descriptions: the 2025 page's SDP history (each with its timestamp, under a Local SDP
 * or Remote SDP heading), else the current local and remote descriptions (Firefox 71 prints
 * local first, then remote). The type is read from the SDP itself: an offer says
 * `a=setup:actpass` (RFC 8842 §5.2), an answer `active` or `passive`.
 */
function readSdp(el: Element): AboutSdp[] {
	const out: AboutSdp[] = [];
	for (const side of ['local', 'remote'] as const) {
		const heading = DomUtils.findOne((e) => e.name === 'h4' && e.attribs['data-l10n-id'] === `about-webrtc-${side}-sdp-heading`, el.children);
		if (!heading?.parent) continue;
		const column = heading.parent as Element;
		let at: number | null = null;
		for (const node of column.children) {
			if (!isTag(node)) continue;
			if (node.name === 'h5' && node.attribs['data-l10n-id'] === 'about-webrtc-sdp-set-timestamp') {
				const args = safeJson(node.attribs['data-l10n-args'] ?? '');
				at = typeof args?.timestamp === 'number' ? args.timestamp : numberOr(/\d{12,}/.exec(text(node))?.[0]);
			}
			if (node.name === 'pre') {
				const sdp = preText(node);
				if (sdp.startsWith('v=0')) out.push({ at, local: side === 'local', type: sdpType(sdp), sdp });
				at = null;
			}
		}
	}
	if (out.length > 0) return out.sort((a, b) => (a.at ?? 0) - (b.at ?? 0));
	const pres = DomUtils.findAll((e) => e.name === 'pre', el.children).map(preText).filter((s) => s.startsWith('v=0'));
	const buttons = DomUtils.findAll((e) => e.name === 'button' && /sdp-heading-(offer|answer)$/.test(e.attribs['data-l10n-id'] ?? ''), el.children);
	if (buttons.length >= 2) {
		// 2025 layout without history: the panes follow the buttons (answer, then offer).
		return pres.slice(0, 2).map((sdp, i) => ({ at: null, local: /local-sdp/.test(buttons[i]?.attribs['data-l10n-id'] ?? ''), type: sdpType(sdp), sdp }));
	}
	return pres.slice(0, 2).map((sdp, i) => ({ at: null, local: i === 0, type: sdpType(sdp), sdp }));
}

function sdpType(sdp: string): string | null {
	const setup = /a=setup:(\w+)/.exec(sdp)?.[1];
	if (setup === 'actpass') return 'offer';
	if (setup === 'active' || setup === 'passive') return 'answer';
	return null;
}

/**
 * RTP streams. Each stream's block names a W3C type (`inbound-rtp`, `remote-outbound-rtp`, …)
 * and its SSRC, then its figures: "<label>: 3214 <packets> (544.18 Kb) <label>: 3 Jitter: 0.008
 * RTT: 9 ms". The numbers are found by position around the words the page never translates
 * (the type, `SSRC`, `Kb`, `Jitter`, `RTT`, `Mbps`, `fps`).
 */
function readRtp(el: Element): AboutRtp[] {
	const heading = DomUtils.findOne((e) => e.name === 'h4' && (/rtp-stats-heading/.test(e.attribs['data-l10n-id'] ?? '') || /RTP/.test(text(e))), el.children);
	const box = heading?.parent as Element | undefined;
	if (!box) return [];
	const blocks = box.children.filter((c): c is Element => isTag(c) && c.name === 'div');
	const byKey = new Map<string, AboutRtp>();
	for (const block of blocks) {
		const h5 = DomUtils.findOne((e) => e.name === 'h5', block.children);
		const title = h5 ? text(h5) : '';
		const mime = /^([a-z]+\/[\w.-]+) - SSRC/i.exec(title)?.[1] ?? null;
		const kind = mime ? (mime.split('/')[0] as string) : (/_(audio|video)_/.exec(title)?.[1] ?? null);
		// Firefox 71's codec line (the block's paragraph without a stats type): averages and dropped frames.
		const codecLine = DomUtils.findAll((e) => e.name === 'p' && !RTP_TYPE.test(text(e)), block.children).map(text).join(' ');
		const averages = {
			avgBitrateMbps: numberOr(/([\d.]+) Mbps/.exec(codecLine)?.[1]),
			avgFps: numberOr(/([\d.]+) fps/.exec(codecLine)?.[1]),
			droppedFrames: numberOr(/fps \([\d.]+ SD\)\s+[^:\d]+:\s*(\d+)\s*$/.exec(codecLine)?.[1])
		};
		for (const line of innermost(block, (e) => (e.name === 'p' || e.name === 'div') && RTP_TYPE.test(text(e)))) {
			const t = text(line);
			const m = /\b((?:remote-)?(?:inbound|outbound)-rtp)\s+SSRC:?\s*(\d+)/.exec(t);
			if (!m) continue;
			const type = m[1] as string;
			const ssrc = m[2] as string;
			const rest = t.slice((m.index ?? 0) + m[0].length);
			const counted = /:\s*(\d+)\s+\S+\s+\(([\d.]+)\s*Kb/.exec(rest);
			const key = `${type}|${ssrc}`;
			const row: AboutRtp = byKey.get(key) ?? {
				type,
				ssrc,
				kind,
				mimeType: mime,
				packets: counted ? Number(counted[1]) : null,
				bytes: counted ? Math.round(Number(counted[2]) * 1024) : null,
				packetsLost: numberOr(/:\s*(\d+)\s+Jitter:/.exec(rest)?.[1]),
				jitterS: numberOr(/Jitter:\s*([\d.]+)/.exec(rest)?.[1]),
				rttMs: numberOr(/RTT:\s*([\d.]+)\s*ms/.exec(rest)?.[1]),
				avgBitrateMbps: null,
				avgFps: null,
				droppedFrames: null
			};
			if (!type.startsWith('remote-') && averages.avgBitrateMbps !== null) Object.assign(row, averages);
			byKey.set(key, row);
		}
	}
	return [...byKey.values()];
}

const RTP_TYPE = /\b(inbound|outbound|remote-inbound|remote-outbound)-rtp\b/;

/** Elements matching `test` that hold no other matching element: one stats line each. */
function innermost(root: Element, test: (e: Element) => boolean): Element[] {
	const matching = DomUtils.findAll(test, root.children);
	const set = new Set(matching);
	return matching.filter((e) => !DomUtils.findOne((d) => set.has(d), e.children));
}

/** A `<pre>`'s text as written (line ends kept). */
function preText(node: Element): string {
	return DomUtils.textContent(node).replace(/\r\n/g, '\n').trim();
}

function text(node: ChildNode | Element): string {
	return DomUtils.textContent(node).replace(/\s+/g, ' ').trim();
}

function hasClass(e: Element, name: string): boolean {
	return (e.attribs.class ?? '').split(/\s+/).includes(name);
}

function numberOr(value: string | undefined | null): number | null {
	if (value === undefined || value === null || value.trim() === '') return null;
	const n = Number(value.replace(/,/g, ''));
	return Number.isFinite(n) ? n : null;
}

function safeJson(text: string): Record<string, unknown> | null {
	try {
		const v: unknown = JSON.parse(text);
		return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
	} catch {
		return null;
	}
}
