/**
 * The quality vocabulary the stored model uses (rows.ts), shared by every stats format: metric
 * names with their units (W3C webrtc-stats terms; bps, %, ms, fps, px), stream directions and
 * kinds, freezes, ICE candidates and the selected pair, a peer connection's setup times. The
 * model knows no format: formats/webrtc-stats/ derives these, the model only stores them.
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
 * When a peer connection was created and first connected (`connectionState`/`iceConnectionState`
 * `connected`/`completed`), UTC ms, with the client's platform text. The fleet views read the
 * join timing from it (sparkrtc-console-guide.txt §4.2 "Room loaded": join attempt → joined).
 */
export interface PcSetup {
	startAt: number;
	/** null when the connection never reached `connected` in the dump. */
	connectedAt: number | null;
	platform: string | null;
}
