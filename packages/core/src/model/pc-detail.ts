import type { ImportId, SessionKey } from './ids.js';
import type { CandidateInfo } from './stats.js';

/**
 * What rtcscope keeps of one peer connection for dump forensics (issue 12): every stats object
 * and every field the dump holds, the session descriptions, the configuration, the ICE
 * candidate pairs and the bands of text-valued fields. Rows of the Dexie tables `pcDetails` (one
 * per peer connection, read when the inspector opens it) and `statsPacks` (the stats objects' samples, a few
 * objects per row, read only when one of their fields is charted). Persisted: renaming a field needs a migration.
 *
 * Sources: W3C webrtc-stats (type and field names), chrome://webrtc-internals dumps, rtcstats
 * files (`getstats` deltas), Firefox about:webrtc saved pages (one snapshot per connection).
 */

/** Where the connection's detail was read from. */
export type PcDetailSource = 'webrtc-internals' | 'rtcstats' | 'about-webrtc';

/** Key of a connection's detail row: its session and its peer connection id. */
export function pcDetailKey(sessionKey: SessionKey, pcId: string): string {
	return `${sessionKey}\u0001${pcId}`;
}

/** Key of one stats object's row. */
export function statsObjectKey(detailKey: string, objectId: string): string {
	return `${detailKey}\u0001${objectId}`;
}

/** A field of a stats object as the dump holds it (the picker's entry). */
export interface StatsFieldInfo {
	name: string;
	/** `number`: numeric values (numbers, or numeric text in legacy stats); `text` otherwise. */
	kind: 'number' | 'text';
	/** Samples that carry the field. */
	samples: number;
	/** Every sample holds the same value. */
	constant: boolean;
	/** A numeric field whose every sample is 0. */
	allZero: boolean;
	/** The last value (text as written; numbers as numbers). */
	last: number | string | null;
	/** Numbers only: whether the values never decrease (a cumulative counter candidate). */
	monotonic?: boolean;
}

/** One stats object of a connection: its W3C type, what identifies it, and its fields. */
export interface StatsObjectInfo {
	id: string;
	/** W3C type (`inbound-rtp`, …) or a legacy one (`ssrc`, `VideoBwe`, …); null when the dump never says. */
	type: string | null;
	/** `kind`/`mediaType`, `ssrc`, `mid` and `rid` when the object has them: they name it in the picker. */
	kind: string | null;
	ssrc: string | null;
	mid: string | null;
	rid: string | null;
	samples: number;
	/** UTC ms of the first and last sample. */
	firstAt: number;
	lastAt: number;
	fields: StatsFieldInfo[];
}

/** One description as an operation handed it over (createOffer's result, setLocalDescription's argument, …). */
export interface SessionDescriptionEntry {
	/** UTC ms; null when the source gives no time (about:webrtc's current local/remote SDP). */
	at: number | null;
	/** The operation: `createOfferOnSuccess`, `createAnswerOnSuccess`, `setLocalDescription`, `setRemoteDescription`, or about:webrtc's `local`/`remote`. */
	op: string;
	/** `offer`, `answer`, `pranswer`, `rollback`; null when not said. */
	type: string | null;
	sdp: string;
	/** Line of the file the entry starts on (0 when unknown). */
	line: number;
	/** The operation failed (its `…OnFailure` entry follows it); the error text. */
	error?: string;
}

/** A run of a text value over time: `value` from `from` until `to` (UTC ms). */
export interface BandRun {
	from: number;
	to: number;
	value: string;
}

/** One band under the charts: a text field (or a state) of one object over time. */
export interface Band {
	/** What it shows, e.g. `qualityLimitationReason`, `codec`, `iceConnectionState`. */
	field: string;
	/** The stats object it comes from; null for states read from the API log. */
	objectId: string | null;
	/** `outbound-rtp video 1234`, `connection`, … */
	label: string;
	runs: BandRun[];
}

/** An ICE candidate (W3C `local-candidate` / `remote-candidate`, or about:webrtc's text). */
export interface IceCandidateRow extends CandidateInfo {
	/** Exact integer as written (priorities exceed 2^53 in some stacks). */
	priority: string | null;
	url: string | null;
}

/** A candidate pair's last reported values (W3C `candidate-pair`). */
export interface IcePairRow {
	id: string;
	localId: string | null;
	remoteId: string | null;
	state: string | null;
	nominated: boolean | null;
	/** Selected by the transport at the pair's last sample (or `selected` where the browser says it). */
	selected: boolean;
	/** Exact integer as written. */
	priority: string | null;
	requestsSent: number | null;
	requestsReceived: number | null;
	responsesSent: number | null;
	responsesReceived: number | null;
	/** `currentRoundTripTime`, ms. */
	rttMs: number | null;
	bytesSent: number | null;
	bytesReceived: number | null;
	/** UTC ms of the pair's last sample. */
	lastAt: number | null;
}

export interface IceSnapshot {
	pairs: IcePairRow[];
	candidates: IceCandidateRow[];
	/** about:webrtc: raw candidate lines (local then remote), as the page lists them. */
	raw?: { local: string[]; remote: string[] };
	/** about:webrtc: ICE restarts and rollbacks. */
	restarts?: number | null;
	rollbacks?: number | null;
}

/** One row of `pcDetails`. */
export interface PcDetailRow {
	key: string;
	sessionKey: SessionKey;
	importId: ImportId;
	pcId: string;
	source: PcDetailSource;
	/** about:webrtc: the one time its stats were taken (UTC ms); null for time series. */
	snapshotAt: number | null;
	url: string | null;
	/** RTCConfiguration as the dump writes it (credentials removed); null when absent. */
	configuration: string | null;
	descriptions: SessionDescriptionEntry[];
	objects: StatsObjectInfo[];
	bands: Band[];
	ice: IceSnapshot;
	/** about:webrtc: the connection log lines that name this connection. */
	log?: string[];
	/** Chrome's computed series (`[bytesSent_in_bits/s]`, …) the dump held and rtcscope recomputes. */
	computedSeriesDropped?: number;
	/**
	 * Where each stats object's samples are stored: object id → part of `statsPacks`
	 * ({@link StatsPackRow}). Absent for connections imported before version 10 (2026-12-03),
	 * whose samples are rows of the legacy `statsObjects` table.
	 */
	packOf?: Record<string, number>;
}

/**
 * One row of `statsPacks` (since version 10, 2026-12-03): the samples of several stats objects of
 * one connection, packed until a part holds about 100,000 values (~0.8 MB). A typical dump's
 * connection is one part: one IndexedDB row instead of one per stats object. Each row costs the
 * store 0.25–0.6 ms of CPU however small it is (bench `BENCH_ONLY=store`), and a dump has ~12
 * stats objects per connection.
 */
export interface StatsPackRow {
	/** The connection's {@link PcDetailRow.key}. */
	detail: string;
	/** 0, 1, …: the part's number, in the order the objects are listed. */
	part: number;
	objects: StatsObjectSamples[];
}

/** A stats object's samples, columnar (the payload of a {@link StatsPackRow} or {@link StatsObjectRow}). */
export interface StatsObjectSamples {
	objectId: string;
	/** UTC ms of each sample, ascending. */
	t: Float64Array;
	/** Numeric fields aligned with `t`; NaN where a sample lacks the field. */
	numbers: Record<string, Float64Array>;
	/** Text fields as runs: `v[i]` from `at[i]` (UTC ms) until the next run or the last sample. */
	texts: Record<string, { at: Float64Array; v: string[] }>;
}

/**
 * One row of the legacy `statsObjects` table (versions 4–9): one stats object's samples. Still
 * read for connections imported before version 10 (no {@link PcDetailRow.packOf}); never written.
 */
export interface StatsObjectRow extends StatsObjectSamples {
	key: string;
	detailKey: string;
	importId: ImportId;
}

/** "outbound-rtp video 1234 (mid 1, rid h)": how the picker and the bands name a stats object. */
export function statsObjectLabel(info: Pick<StatsObjectInfo, 'type' | 'kind' | 'ssrc' | 'mid' | 'rid'>): string {
	const parts = [info.type ?? 'stats', info.kind ?? '', info.ssrc ?? ''].filter(Boolean);
	const extra = [info.mid ? `mid ${info.mid}` : '', info.rid ? `rid ${info.rid}` : ''].filter(Boolean);
	return `${parts.join(' ')}${extra.length ? ` (${extra.join(', ')})` : ''}`;
}
