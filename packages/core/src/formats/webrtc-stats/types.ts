/**
 * Quality metrics derived from WebRTC statistics. Names follow the W3C webrtc-stats terms they
 * come from; the unit is part of every name (rtcscope's rule: bps, %, ms, fps, px).
 */
export const METRICS = [
	'bitrateBps',
	'packetLossPct',
	'jitterMs',
	'rttMs',
	'fps',
	'widthPx',
	'heightPx',
	'qualityLimitation',
	'availableOutgoingBitrateBps',
	'sendBitrateBps',
	'receiveBitrateBps'
] as const;

export type MetricName = (typeof METRICS)[number];

/** `qualityLimitationReason` as a number so it fits a numeric column. */
export const QUALITY_LIMITATION_CODES: Record<string, number> = {
	none: 0,
	cpu: 1,
	bandwidth: 2,
	other: 3
};
export const QUALITY_LIMITATION_NAMES = ['none', 'cpu', 'bandwidth', 'other'] as const;

export type StreamDirection = 'outbound' | 'inbound' | 'connection';
export type MediaKind = 'audio' | 'video';

/** A freeze: video from `freezeCount` (Chrome's own definition), audio from `concealmentEvents`. */
export interface FreezeMark {
	/** UTC ms of the stats sample that reported it. */
	at: number;
	/** From `totalFreezesDuration` (video) or concealed samples (audio), ms; null when unknown. */
	durationMs: number | null;
}

/** An ICE candidate as the stats describe it. Addresses are personal data: shown only in connection details. */
export interface CandidateInfo {
	id: string;
	isRemote: boolean;
	candidateType: string | null;
	protocol: string | null;
	relayProtocol: string | null;
	networkType: string | null;
	address: string | null;
	port: number | null;
}

/** The selected candidate pair of a connection (the last one selected). */
export interface SelectedPair {
	local: CandidateInfo | null;
	remote: CandidateInfo | null;
	/** True when either end is a TURN relay. */
	relayed: boolean;
	/** How many times the selected pair changed during the capture. */
	changes: number;
}

/**
 * One derived stream: an RTP stream (outbound = sent by this endpoint, inbound = received) or the
 * connection itself (the selected candidate pair). Columns are aligned with `t`; NaN is a gap
 * (no sample, a counter reset, a pause longer than the sampling can bridge).
 */
export interface DerivedStream {
	objectId: string;
	pcId: string;
	direction: StreamDirection;
	kind: MediaKind | null;
	source: 'camera' | 'screen' | null;
	ssrc: string | null;
	mid: string | null;
	trackId: string | null;
	codec: string | null;
	/** UTC ms. */
	t: Float64Array;
	cols: Partial<Record<MetricName, Float32Array>>;
	freezes: FreezeMark[];
	/** Set when the capture holds only the last samples (Chrome keeps 1,000 per series): UTC ms of the first kept one. */
	droppedBeforeAt: number | null;
	selectedPair?: SelectedPair;
	candidates?: CandidateInfo[];
}
