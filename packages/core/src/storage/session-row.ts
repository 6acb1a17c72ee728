import type { ModelEvent } from '../model/events.js';
import type { ImportId, Provider, SessionKey } from '../model/ids.js';
import { LONG_SESSION_MS, type BlockRef, type SessionRow } from '../model/rows.js';
import { eventKey } from '../model/event-key.js';
import { extendsSpan, spanStart } from '../model/span.js';

/**
 * Builds and merges {@link SessionRow}s. Every field is a min, a max or a set union, so
 * merging is commutative and idempotent: a window committed twice (a resumed import) or two
 * files holding the same lines leave the same row.
 */

const MAX_CLIENT_DATA_VALUES = 50;
const PARTICIPANT_CATEGORIES = new Set(['connection', 'publish', 'subscribe']);
const MAX_CLIENT_DATA_CHARS = 200;

/** The row contributed by some events of one session from one import. */
export function summarizeEvents(
	session: { key: SessionKey; provider: Provider; sessionId: string },
	importId: ImportId,
	events: readonly ModelEvent[],
	refs: readonly BlockRef[]
): SessionRow {
	let firstAt = Infinity;
	let lastAt = -Infinity;
	let spanFirstAt = Infinity;
	let spanLastAt = -Infinity;
	const participants = new Set<string>();
	const clientData = new Set<string>();
	const issues = new Set<string>();
	const recordings = new Set<string>();
	let endedAt: number | null = null;
	for (const e of events) {
		if (e.category === 'session' && e.phase === 'end' && (endedAt === null || e.at > endedAt)) endedAt = e.at;
		// spanTimes(e) is [start, at] or [at]: its least and greatest.
		const start = spanStart(e);
		if (start < firstAt) firstAt = start;
		if (e.at > lastAt) lastAt = e.at;
		if (extendsSpan(e)) {
			if (start < spanFirstAt) spanFirstAt = start;
			if (e.at > spanLastAt) spanLastAt = e.at;
		}
		if (e.participantId && PARTICIPANT_CATEGORIES.has(e.category))
			participants.add(e.participantId);
		if (e.peerId) participants.add(e.peerId);
		if (e.severity !== 'info') issues.add(eventKey(e));
		const d = e.detail;
		if (d.kind === 'connection') {
			// What a support engineer searches by: clientData, and a dump's user and page names.
			addClientData(clientData, d.clientData);
			addClientData(clientData, d.userName);
			addClientData(clientData, d.page);
		}
		if (d.kind === 'recording') recordings.add(d.recordingId);
	}
	return finish({
		key: session.key,
		provider: session.provider,
		sessionId: session.sessionId,
		firstAt,
		lastAt,
		spanFirstAt: spanFirstAt <= spanLastAt ? spanFirstAt : null,
		spanLastAt: spanFirstAt <= spanLastAt ? spanLastAt : null,
		eventsFirstAt: firstAt,
		eventsLastAt: lastAt,
		durationMs: 0,
		participantIds: [...participants],
		participantCount: 0,
		clientData: [...clientData],
		importIds: [importId],
		blockRefs: [...refs],
		issueKeys: [...issues],
		recordingIds: [...recordings],
		endedAt
	});
}

function addClientData(values: Set<string>, text: string | undefined): void {
	if (text && values.size < MAX_CLIENT_DATA_VALUES) values.add(text.slice(0, MAX_CLIENT_DATA_CHARS));
}

/** Merges two rows of the same session. */
export function mergeSessionRows(a: SessionRow | undefined, b: SessionRow): SessionRow {
	if (!a) return b;
	const span = (row: SessionRow) =>
		row.spanFirstAt === undefined
			? { first: row.firstAt, last: row.lastAt }
			: { first: row.spanFirstAt, last: row.spanLastAt ?? null };
	const sa = span(a);
	const sb = span(b);
	return finish({
		...a,
		spanFirstAt: minOrNull(sa.first, sb.first),
		spanLastAt: maxOrNull(sa.last, sb.last),
		eventsFirstAt: Math.min(a.eventsFirstAt ?? a.firstAt, b.eventsFirstAt ?? b.firstAt),
		eventsLastAt: Math.max(a.eventsLastAt ?? a.lastAt, b.eventsLastAt ?? b.lastAt),
		participantIds: union(a.participantIds, b.participantIds),
		clientData: union(a.clientData, b.clientData).slice(0, MAX_CLIENT_DATA_VALUES),
		importIds: union(a.importIds, b.importIds),
		blockRefs: union(a.blockRefs, b.blockRefs),
		issueKeys: union(a.issueKeys, b.issueKeys),
		recordingIds: union(a.recordingIds, b.recordingIds),
		endedAt: maxOrNull(a.endedAt ?? null, b.endedAt ?? null)
	});
}

function minOrNull(a: number | null, b: number | null): number | null {
	return a === null ? b : b === null ? a : Math.min(a, b);
}

function maxOrNull(a: number | null, b: number | null): number | null {
	return a === null ? b : b === null ? a : Math.max(a, b);
}

/** Derives the span (firstAt, lastAt, duration) and counts from the merged fields. */
function finish(row: SessionRow): SessionRow {
	if (row.spanFirstAt !== undefined && row.eventsFirstAt !== undefined) {
		const hasSpan = row.spanFirstAt !== null && row.spanLastAt !== null && row.spanLastAt !== undefined;
		row.firstAt = hasSpan ? (row.spanFirstAt as number) : row.eventsFirstAt;
		row.lastAt = hasSpan ? (row.spanLastAt as number) : (row.eventsLastAt ?? row.lastAt);
	}
	row.durationMs = Math.max(0, row.lastAt - row.firstAt);
	row.participantCount = row.participantIds.length;
	if (row.durationMs > LONG_SESSION_MS) row.longSpan = 1;
	else delete row.longSpan;
	return row;
}

function union<T>(a: readonly T[], b: readonly T[]): T[] {
	if (b.length === 0) return a as T[];
	const set = new Set(a);
	let grew = false;
	for (const item of b) {
		if (!set.has(item)) {
			set.add(item);
			grew = true;
		}
	}
	return grew ? [...set] : (a as T[]);
}
