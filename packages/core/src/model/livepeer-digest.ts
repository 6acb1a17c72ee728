import type { LivepeerEventRow } from './livepeer.js';

/**
 * A Livepeer stream's events as the Stream Health view reads them: one row per stream and
 * 10-minute bucket (`livepeerDigests` table), `transcode` events column-wise with only the
 * fields the view uses (TranscodeSample below), every other event type kept whole (they are few:
 * stream_state, webhook_event, media_server_metrics…).
 *
 * Why: 20,000 stored events took ~370 ms to read whole from IndexedDB (structured clone of each
 * event object) before anything was drawn; their digest is ~70 rows of typed arrays.
 * The events table stays the record (export, re-digest); a digest can always be rebuilt from it.
 * Fields: livepeer/livepeer-data `pkg/data` transcode events (segment.seqNo/duration/byteSize,
 * latencyMs, success, attempts[].orchestrator/error, nodeId).
 */

/** Bucket length, ms (UTC, aligned to the epoch). */
export const DIGEST_BUCKET_MS = 600_000;

export interface TranscodeSample {
	/** Event time, UTC ms. */
	at: number;
	seqNo: number | null;
	/** Segment duration, seconds; byteSize, bytes. */
	durationS: number;
	byteSize: number;
	latencyMs: number | null;
	/** durationS × 1000 ÷ latencyMs: above 1 is faster than real time. */
	realtimeRatio: number | null;
	success: boolean;
	errors: { orchestrator: string; error: string }[];
}

/** A failed or erroring segment: what the event log prints besides the sample's numbers. */
interface SegmentIssue {
	/** Index into the columns. */
	i: number;
	/** `nodeId` of a failed segment without attempt errors (the log names it). */
	node: string | null;
	errors: { orchestrator: string; error: string }[];
}

export interface LivepeerDigestRow {
	streamId: string;
	/** Bucket start, UTC ms (a multiple of DIGEST_BUCKET_MS; -Infinity for events without a finite time). */
	bucket: number;
	/** Events in the bucket (transcodes + others). */
	events: number;
	/** Newest event time in the bucket, UTC ms. */
	lastAt: number;
	/** `transcode` events in (timestamp, id) order. NaN: the event had no such number. */
	transcode: {
		ids: string[];
		at: Float64Array;
		seqNo: Float64Array;
		durationS: Float64Array;
		byteSize: Float64Array;
		latencyMs: Float64Array;
		/** 1: success (`success` not false). */
		success: Uint8Array;
		issues: SegmentIssue[];
	};
	/** Every other event, whole, in (timestamp, id) order. */
	others: LivepeerEventRow[];
}

export function digestBucketOf(timestamp: number): number {
	return Number.isFinite(timestamp) ? Math.floor(timestamp / DIGEST_BUCKET_MS) * DIGEST_BUCKET_MS : -Infinity;
}

/** The digest rows `[streamId, bucket]` that hold these events, each once. */
export function digestKeys(events: readonly Pick<LivepeerEventRow, 'streamId' | 'timestamp'>[]): [string, number][] {
	const keys = new Map<string, [string, number]>();
	for (const e of events) {
		const bucket = digestBucketOf(e.timestamp);
		keys.set(`${e.streamId}\u0000${bucket}`, [e.streamId, bucket]);
	}
	return [...keys.values()];
}

/** IndexedDB's order of the events index ([streamId+timestamp], then the id). */
export function compareEvents(a: LivepeerEventRow, b: LivepeerEventRow): number {
	return a.timestamp - b.timestamp || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Every `transcode` event as a sample (segment size and duration, latency, errors). */
export function transcodeSamples(events: readonly LivepeerEventRow[]): TranscodeSample[] {
	const out: TranscodeSample[] = [];
	for (const e of events) if (e.type === 'transcode') out.push(transcodeSample(e));
	return out;
}

export function transcodeSample(e: LivepeerEventRow): TranscodeSample {
	const seg = (e.data.segment ?? {}) as { seqNo?: unknown; duration?: unknown; byteSize?: unknown };
	const durationS = typeof seg.duration === 'number' && Number.isFinite(seg.duration) ? seg.duration : 0;
	const latencyMs = typeof e.data.latencyMs === 'number' ? e.data.latencyMs : null;
	const attempts = Array.isArray(e.data.attempts)
		? (e.data.attempts as { orchestrator?: { transcodeUri?: string; address?: string }; error?: unknown }[])
		: [];
	return {
		at: e.timestamp,
		seqNo: typeof seg.seqNo === 'number' ? seg.seqNo : null,
		durationS,
		byteSize: typeof seg.byteSize === 'number' ? seg.byteSize : 0,
		latencyMs,
		realtimeRatio: realtimeRatio(durationS, latencyMs),
		success: e.data.success !== false,
		errors: attempts
			.filter((a) => typeof a?.error === 'string' && a.error)
			.map((a) => ({ orchestrator: orchestratorName(a.orchestrator), error: String(a.error) }))
	};
}

/** Segment duration × 1000 ÷ transcode latency (above 1: faster than real time); null without both. */
function realtimeRatio(durationS: number, latencyMs: number | null): number | null {
	return latencyMs && latencyMs > 0 && durationS > 0 ? (durationS * 1000) / latencyMs : null;
}

function orchestratorName(o: { transcodeUri?: string; address?: string } | undefined): string {
	if (!o) return 'an orchestrator';
	if (o.transcodeUri) {
		try {
			return new URL(o.transcodeUri).hostname.split('.')[0] ?? o.transcodeUri;
		} catch {
			return o.transcodeUri;
		}
	}
	return o.address ?? 'an orchestrator';
}

/**
 * The digest rows of `events` (any streams, any order), one per stream and bucket.
 * @param events rows of the events table; duplicates by id must already be removed
 */
export function buildDigests(events: readonly LivepeerEventRow[]): LivepeerDigestRow[] {
	const groups = new Map<string, LivepeerEventRow[]>();
	for (const e of events) {
		const key = `${e.streamId}\u0000${digestBucketOf(e.timestamp)}`;
		const list = groups.get(key);
		if (list) list.push(e);
		else groups.set(key, [e]);
	}
	return [...groups.values()].map((list) => digestOne(list.sort(compareEvents)));
}

function digestOne(sorted: LivepeerEventRow[]): LivepeerDigestRow {
	const first = sorted[0] as LivepeerEventRow;
	const transcodes = sorted.filter((e) => e.type === 'transcode');
	const n = transcodes.length;
	const t: LivepeerDigestRow['transcode'] = {
		ids: [],
		at: new Float64Array(n),
		seqNo: new Float64Array(n),
		durationS: new Float64Array(n),
		byteSize: new Float64Array(n),
		latencyMs: new Float64Array(n),
		success: new Uint8Array(n),
		issues: []
	};
	transcodes.forEach((e, i) => {
		const s = transcodeSample(e);
		t.ids.push(e.id);
		t.at[i] = s.at;
		t.seqNo[i] = s.seqNo ?? Number.NaN;
		t.durationS[i] = s.durationS;
		t.byteSize[i] = s.byteSize;
		t.latencyMs[i] = s.latencyMs ?? Number.NaN;
		t.success[i] = s.success ? 1 : 0;
		if (!s.success || s.errors.length > 0) {
			const node = !s.success && s.errors.length === 0 ? String(e.data.nodeId ?? 'a node') : null;
			t.issues.push({ i, node, errors: s.errors });
		}
	});
	return {
		streamId: first.streamId,
		bucket: digestBucketOf(first.timestamp),
		events: sorted.length,
		lastAt: sorted.reduce((m, e) => Math.max(m, e.timestamp), -Infinity),
		transcode: t,
		others: sorted.filter((e) => e.type !== 'transcode')
	};
}

/**
 * The bucket's `transcode` events as samples, read straight from the columns: equal to
 * `transcodeSamples(expandDigest(row))` (storage/livepeer-digest.test.ts holds them equal) without
 * rebuilding the events. Stream Health reads its series and checks from these (20,000 events:
 * each analysis rebuilt the samples from the events, three times per draw).
 */
export function digestSamples(row: LivepeerDigestRow): TranscodeSample[] {
	const t = row.transcode;
	const errorsAt = new Map(t.issues.map((x) => [x.i, x.errors]));
	const out: TranscodeSample[] = new Array(t.ids.length);
	for (let i = 0; i < t.ids.length; i++) {
		const seqNo = t.seqNo[i] as number;
		const latency = t.latencyMs[i] as number;
		const durationS = t.durationS[i] as number;
		const latencyMs = Number.isNaN(latency) ? null : latency;
		out[i] = {
			at: t.at[i] as number,
			seqNo: Number.isNaN(seqNo) ? null : seqNo,
			durationS,
			byteSize: t.byteSize[i] as number,
			latencyMs,
			realtimeRatio: realtimeRatio(durationS, latencyMs),
			success: t.success[i] === 1,
			errors: (errorsAt.get(i) ?? []).map((x) => ({ orchestrator: x.orchestrator, error: x.error }))
		};
	}
	return out;
}

/**
 * The bucket's events in (timestamp, id) order: others as stored; each transcode rebuilt with
 * the fields {@link transcodeSample} and the event log read (so every analysis gives the same
 * answer as over the stored events). Rebuilt events have `importId` '' and `line` 0.
 */
export function expandDigest(row: LivepeerDigestRow): LivepeerEventRow[] {
	const t = row.transcode;
	const issues = new Map(t.issues.map((x) => [x.i, x]));
	const transcodes: LivepeerEventRow[] = t.ids.map((id, i) => {
		const issue = issues.get(i);
		const seqNo = t.seqNo[i] as number;
		const latencyMs = t.latencyMs[i] as number;
		const data: Record<string, unknown> = {
			segment: { ...(Number.isNaN(seqNo) ? {} : { seqNo }), duration: t.durationS[i], byteSize: t.byteSize[i] },
			success: t.success[i] === 1,
			attempts: (issue?.errors ?? []).map((x) => ({ orchestrator: { address: x.orchestrator }, error: x.error }))
		};
		if (!Number.isNaN(latencyMs)) data.latencyMs = latencyMs;
		if (issue?.node != null) data.nodeId = issue.node;
		return { id, streamId: row.streamId, type: 'transcode', timestamp: t.at[i] as number, importId: '', line: 0, data };
	});
	if (row.others.length === 0) return transcodes;
	const out: LivepeerEventRow[] = [];
	let a = 0;
	let b = 0;
	while (a < transcodes.length || b < row.others.length) {
		const x = transcodes[a];
		const y = row.others[b];
		if (y === undefined || (x !== undefined && compareEvents(x, y) <= 0)) {
			out.push(x as LivepeerEventRow);
			a++;
		} else {
			out.push(y);
			b++;
		}
	}
	return out;
}
