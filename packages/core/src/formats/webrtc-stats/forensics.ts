import type {
	Band,
	BandRun,
	IceCandidateRow,
	IcePairRow,
	IceSnapshot,
	PcDetailRow,
	SessionDescriptionEntry,
	StatsObjectInfo
} from '../../model/pc-detail.js';
import { statsObjectLabel } from '../../model/pc-detail.js';
import type { PcStats } from './collector.js';
import { buildColumns, lastNumberValue, lastRunValue, type ObjectColumns } from './columns.js';
import { stateKindOf, stateValue, type StateKind } from './lifecycle.js';

/**
 * A connection's forensic detail from its collected stats and its API log: the catalogue and
 * columns of every stats object (columns.ts), the bands (text fields and states over time) and
 * the ICE candidate pairs with their candidates. Both dump formats call it once per connection;
 * the result is stored as it is (model/pc-detail.ts) and read by the inspector on demand.
 */

/** A state change from the API log (webrtc-internals update log, rtcstats records). */
export interface LoggedState {
	at: number;
	type: string;
	value: unknown;
}

export interface ForensicsInput {
	pcId: string;
	source: PcDetailRow['source'];
	url: string | null;
	configuration: string | null;
	descriptions: SessionDescriptionEntry[];
	stats: PcStats | undefined;
	states: LoggedState[];
	/** The connection's last sign of life (UTC ms): where the last state run ends. */
	endAt: number | null;
}

/** The detail row without its storage keys, and each object's columns. */
export interface Forensics {
	detail: Omit<PcDetailRow, 'key' | 'sessionKey' | 'importId' | 'packOf'>;
	columns: ObjectColumns[];
}

export function buildForensics(input: ForensicsInput): Forensics {
	const { infos, columns } = input.stats ? buildColumns(input.stats) : { infos: [], columns: [] };
	const byId = new Map(columns.map((c) => [c.objectId, c]));
	const lastAt = Math.max(input.endAt ?? -Infinity, ...infos.map((o) => o.lastAt));
	const end = Number.isFinite(lastAt) ? lastAt : null;
	return {
		detail: {
			pcId: input.pcId,
			source: input.source,
			snapshotAt: null,
			url: input.url,
			configuration: input.configuration,
			descriptions: input.descriptions,
			objects: infos,
			bands: [...stateBands(input.states, end), ...statsBands(infos, byId, end)],
			ice: iceSnapshot(infos, byId),
			computedSeriesDropped: input.stats?.computedDropped ?? 0
		},
		columns
	};
}

const STATE_FIELDS: Record<StateKind, string> = {
	connection: 'connectionState',
	ice: 'iceConnectionState',
	'legacy-ice': 'iceConnectionState',
	dtls: 'dtlsState',
	signaling: 'signalingState',
	gathering: 'iceGatheringState'
};

/** Bands of the API's state machines, from their change events (W3C webrtc-pc state enums). */
function stateBands(states: LoggedState[], endAt: number | null): Band[] {
	const runs = new Map<string, BandRun[]>();
	for (const s of [...states].sort((a, b) => a.at - b.at)) {
		const kind = stateKindOf(s.type);
		const value = stateValue(s.value);
		if (!kind || !value || !Number.isFinite(s.at)) continue;
		const field = STATE_FIELDS[kind];
		const list = runs.get(field) ?? [];
		pushRun(list, s.at, value);
		runs.set(field, list);
	}
	return [...runs.entries()].map(([field, list]) => ({
		field,
		objectId: null,
		label: 'connection',
		runs: closeRuns(list, endAt)
	}));
}

/** Text fields shown as bands, per stats type (webrtc-stats field names; legacy `goog*` too). */
const BAND_FIELDS: Record<string, string[]> = {
	'outbound-rtp': ['qualityLimitationReason', 'encoderImplementation', 'scalabilityMode', 'active'],
	'inbound-rtp': ['decoderImplementation'],
	transport: ['iceState', 'dtlsState'],
	ssrc: ['googCodecName', 'googContentType', 'googCpuLimitedResolution', 'googBandwidthLimitedResolution']
};

function statsBands(infos: StatsObjectInfo[], byId: Map<string, ObjectColumns>, endAt: number | null): Band[] {
	const bands: Band[] = [];
	for (const info of infos) {
		const columns = byId.get(info.id);
		if (!columns || !info.type) continue;
		const label = statsObjectLabel(info);
		for (const field of BAND_FIELDS[info.type] ?? []) {
			const runs = columns.texts[field];
			if (runs) bands.push({ field, objectId: info.id, label, runs: runsOf(runs, info.lastAt) });
		}
		// The codec of an RTP stream, named by its codec object's mimeType (codecId changes = codec switches).
		const codecIds = columns.texts.codecId;
		if (codecIds && (info.type === 'outbound-rtp' || info.type === 'inbound-rtp')) {
			const runs = runsOf(codecIds, info.lastAt).map((r) => ({ ...r, value: codecName(byId.get(r.value)) ?? r.value }));
			bands.push({ field: 'codec', objectId: info.id, label, runs: mergeRuns(runs) });
		}
		if (info.type === 'transport' && columns.texts.selectedCandidatePairId) {
			const runs = runsOf(columns.texts.selectedCandidatePairId, endAt ?? info.lastAt).map((r) => ({
				...r,
				value: pairName(r.value, byId) ?? r.value
			}));
			bands.push({ field: 'selectedCandidatePair', objectId: info.id, label, runs });
		}
	}
	return bands;
}

function codecName(codec: ObjectColumns | undefined): string | null {
	const mime = lastRunValue(codec, 'mimeType');
	if (!mime) return null;
	const fmtp = lastRunValue(codec, 'sdpFmtpLine');
	const profile = fmtp ? /profile-id=(\d+)|profile-level-id=([0-9a-f]+)/i.exec(fmtp) : null;
	return profile ? `${mime} (${profile[0]})` : mime;
}

/** "host udp ↔ srflx udp" for a candidate pair id. */
function pairName(pairId: string, byId: Map<string, ObjectColumns>): string | null {
	const pair = byId.get(pairId);
	if (!pair) return null;
	const side = (id: string | null) => {
		const c = id ? byId.get(id) : undefined;
		if (!c) return '?';
		const relay = lastRunValue(c, 'relayProtocol');
		return [lastRunValue(c, 'candidateType'), lastRunValue(c, 'protocol'), relay ? `via ${relay}` : ''].filter(Boolean).join(' ');
	};
	return `${side(lastRunValue(pair, 'localCandidateId'))} ↔ ${side(lastRunValue(pair, 'remoteCandidateId'))}`;
}

function runsOf(runs: { at: Float64Array; v: string[] }, endAt: number): BandRun[] {
	const out: BandRun[] = [];
	for (let i = 0; i < runs.v.length; i++) {
		const from = runs.at[i] as number;
		const to = i + 1 < runs.v.length ? (runs.at[i + 1] as number) : Math.max(from, endAt);
		out.push({ from, to, value: runs.v[i] as string });
	}
	return out;
}

function mergeRuns(runs: BandRun[]): BandRun[] {
	const out: BandRun[] = [];
	for (const r of runs) {
		const last = out[out.length - 1];
		if (last && last.value === r.value) last.to = r.to;
		else out.push({ ...r });
	}
	return out;
}

function pushRun(list: BandRun[], at: number, value: string): void {
	const last = list[list.length - 1];
	if (last && last.value === value) return;
	if (last) last.to = at;
	list.push({ from: at, to: at, value });
}

function closeRuns(list: BandRun[], endAt: number | null): BandRun[] {
	const last = list[list.length - 1];
	if (last && endAt !== null && endAt > last.from) last.to = endAt;
	return list;
}

/**
 * The candidate pairs (W3C `candidate-pair`, legacy `googCandidatePair`) with their last values,
 * and the candidates they join. The selected pair is the transport's `selectedCandidatePairId`
 * at its last sample, or the pair's own `selected`/`googActiveConnection` where that is all the
 * browser says.
 */
function iceSnapshot(infos: StatsObjectInfo[], byId: Map<string, ObjectColumns>): IceSnapshot {
	const selectedIds = new Set<string>();
	for (const info of infos) {
		if (info.type !== 'transport') continue;
		const id = lastRunValue(byId.get(info.id), 'selectedCandidatePairId');
		if (id) selectedIds.add(id);
	}
	const pairs: IcePairRow[] = [];
	const candidates: IceCandidateRow[] = [];
	for (const info of infos) {
		const c = byId.get(info.id);
		if (!c) continue;
		if (info.type === 'candidate-pair' || info.type === 'googCandidatePair') {
			const text = (f: string) => lastRunValue(c, f);
			const n = (f: string) => lastNumberValue(c, f);
			const flag = (f: string) => {
				const v = text(f);
				return v === null ? null : v === 'true';
			};
			const rtt = n('currentRoundTripTime');
			const legacyRtt = n('googRtt');
			const legacy =
				info.type === 'googCandidatePair' && !text('localCandidateId') ? legacyCandidates(info.id, text) : null;
			if (legacy) candidates.push(...legacy);
			pairs.push({
				id: info.id,
				localId: legacy ? (legacy[0] as IceCandidateRow).id : text('localCandidateId'),
				remoteId: legacy ? (legacy[1] as IceCandidateRow).id : text('remoteCandidateId'),
				state: text('state'),
				nominated: flag('nominated'),
				selected: selectedIds.has(info.id) || flag('selected') === true || flag('googActiveConnection') === true,
				priority: text('priority'),
				requestsSent: n('requestsSent'),
				requestsReceived: n('requestsReceived'),
				responsesSent: n('responsesSent'),
				responsesReceived: n('responsesReceived'),
				rttMs: rtt !== null ? rtt * 1000 : legacyRtt,
				bytesSent: n('bytesSent'),
				bytesReceived: n('bytesReceived'),
				lastAt: info.lastAt
			});
		}
		if (CANDIDATE_TYPES.has(info.type ?? '')) {
			// Legacy Chrome (`localcandidate`) names the same fields differently.
			const text = (f: string) => lastRunValue(c, f) ?? (lastNumberValue(c, f) !== null ? String(lastNumberValue(c, f)) : null);
			const port = text('port') ?? text('portNumber');
			const type = text('candidateType');
			candidates.push({
				id: info.id,
				isRemote: info.type === 'remote-candidate' || info.type === 'remotecandidate',
				candidateType: type ? (LEGACY_CANDIDATE_TYPES[type] ?? type) : null,
				protocol: text('protocol') ?? text('transport'),
				relayProtocol: text('relayProtocol'),
				networkType: text('networkType'),
				address: text('address') ?? text('ip') ?? text('ipAddress'),
				port: port !== null && Number.isFinite(Number(port)) ? Number(port) : null,
				priority: text('priority'),
				url: text('url')
			});
		}
	}
	return { pairs, candidates };
}

const CANDIDATE_TYPES = new Set(['local-candidate', 'remote-candidate', 'localcandidate', 'remotecandidate']);
const LEGACY_CANDIDATE_TYPES: Record<string, string> = {
	serverreflexive: 'srflx',
	peerreflexive: 'prflx',
	relayed: 'relay'
};

/** Legacy Chrome pairs name their ends inline (`googLocalAddress` "1.2.3.4:5678", `googLocalCandidateType` "local"). */
function legacyCandidates(pairId: string, text: (f: string) => string | null): IceCandidateRow[] {
	const TYPES: Record<string, string> = { local: 'host', stun: 'srflx', prflx: 'prflx', relay: 'relay' };
	const side = (isRemote: boolean): IceCandidateRow => {
		const prefix = isRemote ? 'googRemote' : 'googLocal';
		const address = text(`${prefix}Address`);
		const split = address ? /^\[?([^\]]*?)\]?:(\d+)$/.exec(address) : null;
		const type = text(`${prefix}CandidateType`);
		return {
			id: `${pairId}:${isRemote ? 'remote' : 'local'}`,
			isRemote,
			candidateType: type ? (TYPES[type] ?? type) : null,
			protocol: text('googTransportType'),
			relayProtocol: null,
			networkType: null,
			address: split ? (split[1] as string) : address,
			port: split ? Number(split[2]) : null,
			priority: null,
			url: null
		};
	};
	return [side(false), side(true)];
}
