import type { ImportId, Provider, Scope, SessionKey } from './ids.js';
import type { ModelEvent } from './events.js';
import type {
	CandidateInfo,
	FreezeMark,
	MediaKind,
	MetricName,
	SelectedPair,
	StreamDirection
} from './stats.js';
import type { PcSetup } from './stats.js';
import type { SeriesOverview, StreamSummary } from './quality.js';

/**
 * Rows of the Dexie tables (storage/db.ts). Persisted: renaming a field needs a migration.
 *
 * Why blocks: IndexedDB rows, not parsing, are the bottleneck (DESIGN.md "Measured limits").
 * Sessions are searched, so each gets a row; events only ever load per session, so they go in
 * blocks of up to a window's worth per session and import.
 */

/**
 * One session's searchable summary. Every field is a min, max or set union over its events,
 * so merging the same window twice (a resumed import) changes nothing.
 */
export interface SessionRow {
	key: SessionKey;
	provider: Provider;
	sessionId: string;
	/**
	 * The session's span, UTC ms (model/span.ts): `spanFirstAt`/`spanLastAt` when any event
	 * extends it, else the first and last event (`eventsFirstAt`/`eventsLastAt`).
	 */
	firstAt: number;
	lastAt: number;
	/** First and last event that extends the span; null when none does. Absent on rows before 2026-12. */
	spanFirstAt?: number | null;
	spanLastAt?: number | null;
	/** First and last event of any kind. Absent on rows before 2026-12 (then firstAt/lastAt). */
	eventsFirstAt?: number;
	eventsLastAt?: number;
	/** lastAt − firstAt, ms: indexed so the list can sort by it. */
	durationMs: number;
	participantIds: string[];
	/** participantIds.length: indexed so the list can sort by it. */
	participantCount: number;
	/** Distinct clientData values (each cut to 200 characters, at most 50) for search. */
	clientData: string[];
	importIds: ImportId[];
	/** The blocks holding this session's events ({@link blockRef}). */
	blockRefs: BlockRef[];
	/** Content keys of events with severity warning or error (abnormal ends, failed recordings). */
	issueKeys: string[];
	recordingIds: string[];
	/**
	 * When the room ended, UTC ms: the latest session `end` event (OpenVidu `sessionDestroyed`,
	 * a Vonage session end); null when the data holds none — the call was still open when the
	 * data was written, or its end is in another file. Absent on rows stored before 2026-12-01
	 * (read as null until the file is imported again). SparkRTC §4.1 "ongoing / ended".
	 */
	endedAt?: number | null;
	/**
	 * 1 when the session spans more than {@link LONG_SESSION_MS} (a reused custom session id, a
	 * room left open for weeks), else absent: a sparse index, so the fleet roll-up finds these
	 * without reading every older session (fleet/refresh.ts).
	 */
	longSpan?: 1;
}

/** A session longer than this is found by its `longSpan` mark, not by its first event (7 days). */
export const LONG_SESSION_MS = 7 * 86_400_000;

/**
 * Part of one window of one import: the events of a group of scopes (sessions or a cluster).
 * Key: [imp, seq, part].
 *
 * Why parts of windows, measured in Chromium 150 (2026-11, bench/run.ts): writing to IndexedDB
 * costs per row (~4–5 k rows/s here, with or without compressing the values), so one block per
 * session per window made the block table as large as the session table and writes the import's
 * bottleneck. A part holds the events of many sessions (up to PART_MAX_EVENTS), and each session
 * row lists the parts that hold its events (`blockRefs`), so a session still loads with one
 * bulkGet of a few small rows.
 *
 * Events are one JSON string, not objects: structured-cloning thousands of small nested objects
 * into IndexedDB is several times slower than copying one string.
 */
export interface EventBlockRow {
	imp: ImportId;
	/** Window index within the import: deterministic, so re-running a window overwrites it. */
	seq: number;
	/** Part index within the window, deterministic like `seq`. */
	part: number;
	count: number;
	/** Cluster scopes with events in this part (multiEntry index: clusters have no session row). */
	clusterScopes: string[];
	/** JSON of `Record<Scope, ModelEvent[]>`. */
	eventsJson: string;
	/**
	 * Where each scope's events are in `eventsJson`: the scopes in order, and for each the start
	 * and end (UTF-16 offsets) of its array's text, so a reader parses one session's events, not
	 * the block's ~1,000 (a dump's link reads its call's; opening a session reads its own).
	 * Absent on blocks written before 2026-12-04 (storage version 10): those are parsed whole.
	 */
	spans?: BlockSpans;
}

export interface BlockSpans {
	scopes: string[];
	/** `[start, end)` of scope i's array at 2i, 2i + 1. */
	at: Uint32Array;
}

/**
 * A block's `eventsJson` and its {@link BlockSpans}: the same text as `JSON.stringify` of the
 * object with these scopes in this order (scopes are never integer-like, so an object keeps
 * their order), written one scope at a time to know where each array is.
 */
export function encodeBlockEvents(parts: readonly (readonly [string, readonly ModelEvent[]])[]): { eventsJson: string; spans: BlockSpans } {
	const at = new Uint32Array(parts.length * 2);
	let json = '{';
	parts.forEach(([scope, events], i) => {
		json += `${i > 0 ? ',' : ''}${JSON.stringify(scope)}:`;
		at[2 * i] = json.length;
		json += JSON.stringify(events);
		at[2 * i + 1] = json.length;
	});
	return { eventsJson: `${json}}`, spans: { scopes: parts.map(([scope]) => scope), at } };
}

/** The block's scopes with their events (parsed one scope at a time when the block has spans), for the scopes `wanted` says. */
export function blockScopesEvents(block: EventBlockRow, wanted: (scope: string) => boolean): [string, ModelEvent[]][] {
	const spans = block.spans;
	if (!spans) return Object.entries(JSON.parse(block.eventsJson) as Record<string, ModelEvent[]>).filter(([scope]) => wanted(scope));
	const out: [string, ModelEvent[]][] = [];
	spans.scopes.forEach((scope, i) => {
		if (wanted(scope)) out.push([scope, JSON.parse(block.eventsJson.slice(spans.at[2 * i], spans.at[2 * i + 1])) as ModelEvent[]]);
	});
	return out;
}

/** "<imp>|<seq>|<part>": how a session row refers to a block. */
export type BlockRef = string;

export function blockRef(imp: string, seq: number, part: number): BlockRef {
	return `${imp}|${seq}|${part}`;
}

export function parseBlockRef(ref: BlockRef): [string, number, number] {
	const [imp = '', seq = '0', part = '0'] = ref.split('|');
	return [imp, Number(seq), Number(part)];
}

/** The events of one scope in a block (empty when the block has none). */
export function blockEvents(block: EventBlockRow, scope: Scope | string): ModelEvent[] {
	return blockScopesEvents(block, (s) => s === scope)[0]?.[1] ?? [];
}

/**
 * One derived quality stream (an RTP stream or a connection's selected candidate pair) of a
 * peer connection in a dump. Its samples are in {@link SeriesChunkRow}s. Key:
 * `<importId>|<sessionKey>|<pcId>|<objectId>` (quality/rows.ts streamKey), stable so a re-import
 * overwrites.
 */
export interface QualityStreamRow {
	key: string;
	importId: ImportId;
	sessionKey: SessionKey;
	/** The connection the stream belongs to in its session (the peer connection id). */
	participantId: string;
	pcId: string;
	objectId: string;
	direction: StreamDirection;
	kind: MediaKind | null;
	source: 'camera' | 'screen' | null;
	ssrc: string | null;
	mid: string | null;
	trackId: string | null;
	codec: string | null;
	firstAt: number;
	lastAt: number;
	points: number;
	/** UTC ms of the first kept sample when the browser dropped earlier ones, else null. */
	droppedBeforeAt: number | null;
	metrics: MetricName[];
	freezes: FreezeMark[];
	summary: StreamSummary;
	selectedPair?: SelectedPair;
	candidates?: CandidateInfo[];
	/** When its peer connection was created and connected, and the client's platform (dumps). */
	setup?: PcSetup;
	/**
	 * Another session these series also belong to (the OpenVidu session of the call the dump
	 * was taken in), set automatically when the dump's page URL names it or by the user.
	 */
	linkedSessionKey?: SessionKey;
	/** The connection of the linked session this peer connection was, when known. */
	linkedParticipantId?: string | null;
	/**
	 * Words of the dump's page URL that may name its call (StreamRecord.linkHints; empty when it
	 * named none), kept so the link can be decided again when the call is imported after the dump
	 * (import/link-waiting.ts). Absent on rows stored before 2026-12-02: unknown.
	 */
	linkHints?: string[];
	/**
	 * 'user' when the user set the link (the Link panel, linking or unlinking; kept through case
	 * bundles) rather than the automatic rules: it is never decided again automatically.
	 */
	linkSetBy?: 'user';
	/**
	 * Keys of the `seriesPacks` rows holding its chunks, in order ({@link SeriesPackRow}). Absent on
	 * streams stored before version 10 (2026-12-03), whose chunks are rows of `seriesChunks`.
	 */
	packs?: [string, number][];
}

/**
 * One row of `seriesPacks` (since version 10, 2026-12-03): consecutive chunks of the streams
 * written in one batch, packed until a row holds about 400,000 values (times and metric
 * columns, ~2 MB). A typical dump's ~6 streams of a few hundred samples each are one row instead
 * of six: each row costs the store 0.25–0.6 ms of CPU however small, and rows over ~64 KiB are
 * kept outside its LevelDB, far cheaper per byte (bench `BENCH_ONLY=store`). Key: its first
 * chunk's [stream, seq], so a pack's key never collides and an import's packs are one key range.
 */
export interface SeriesPackRow {
	stream: string;
	seq: number;
	chunks: SeriesChunkSamples[];
}

/** One chunk of a stream inside a {@link SeriesPackRow}. */
export interface SeriesChunkSamples {
	stream: string;
	seq: number;
	/** UTC ms. */
	t: Float64Array;
	/** Aligned with `t`; NaN = gap. */
	cols: Partial<Record<MetricName, Float32Array>>;
}

/**
 * Up to SERIES_CHUNK_POINTS samples of a stream, columnar. Key: [stream, seq]. Rows of the legacy
 * `seriesChunks` table (versions 1–9), still read for streams without `packs`; since version 10 the
 * chunks a batch writes are packed into `seriesPacks` rows ({@link SeriesPackRow}).
 */
export interface SeriesChunkRow {
	stream: string;
	seq: number;
	importId: ImportId;
	/** UTC ms. */
	t: Float64Array;
	/** Aligned with `t`; NaN = gap. */
	cols: Partial<Record<MetricName, Float32Array>>;
}

/** The level-of-detail copy of a long stream (quality/overview.ts). Key: stream. */
export interface SeriesOverviewRow {
	stream: string;
	importId: ImportId;
	overview: SeriesOverview;
}

/** A few thousand points per row: columnar chunks, never one row per sample (DESIGN.md). */
export const SERIES_CHUNK_POINTS = 4096;

/**
 * Row counts kept as rows (table `storeCounts`, storage version 9), so the header can say how
 * many sessions are stored without Chrome walking every session row to count them (133–169 ms
 * for 21,293 sessions, growing with the store). Each count changes inside the transaction that
 * adds or deletes the rows it counts (storage/store-counts.ts, storage/writer.ts), so it is never ahead of or behind them.
 * A missing row is 0: a new database has no sessions, and the upgrade to version 9 counted an
 * existing one's.
 */
export interface StoreCountRow {
	/** What is counted: `sessions` (rows of the sessions table). */
	key: 'sessions';
	n: number;
}
