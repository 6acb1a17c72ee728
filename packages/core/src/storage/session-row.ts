import type { ModelEvent } from '../model/events.js';
import type { ImportId, Provider, SessionKey } from '../model/ids.js';
import type { BlockRef, SessionRow } from '../model/rows.js';
import { eventKey } from '../model/event-key.js';

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
	const participants = new Set<string>();
	const clientData = new Set<string>();
	const issues = new Set<string>();
	const recordings = new Set<string>();
	for (const e of events) {
		if (e.at < firstAt) firstAt = e.at;
		if (e.at > lastAt) lastAt = e.at;
		if (e.participantId && PARTICIPANT_CATEGORIES.has(e.category))
			participants.add(e.participantId);
		if (e.peerId) participants.add(e.peerId);
		if (e.severity !== 'info') issues.add(eventKey(e));
		const d = e.detail;
		if (d.kind === 'connection' && d.clientData && clientData.size < MAX_CLIENT_DATA_VALUES) {
			clientData.add(d.clientData.slice(0, MAX_CLIENT_DATA_CHARS));
		}
		if (d.kind === 'recording') recordings.add(d.recordingId);
	}
	return finish({
		key: session.key,
		provider: session.provider,
		sessionId: session.sessionId,
		firstAt,
		lastAt,
		durationMs: 0,
		participantIds: [...participants],
		participantCount: 0,
		clientData: [...clientData],
		importIds: [importId],
		blockRefs: [...refs],
		issueKeys: [...issues],
		recordingIds: [...recordings]
	});
}

/** Merges two rows of the same session. */
export function mergeSessionRows(a: SessionRow | undefined, b: SessionRow): SessionRow {
	if (!a) return b;
	return finish({
		...a,
		firstAt: Math.min(a.firstAt, b.firstAt),
		lastAt: Math.max(a.lastAt, b.lastAt),
		participantIds: union(a.participantIds, b.participantIds),
		clientData: union(a.clientData, b.clientData).slice(0, MAX_CLIENT_DATA_VALUES),
		importIds: union(a.importIds, b.importIds),
		blockRefs: union(a.blockRefs, b.blockRefs),
		issueKeys: union(a.issueKeys, b.issueKeys),
		recordingIds: union(a.recordingIds, b.recordingIds)
	});
}

function finish(row: SessionRow): SessionRow {
	row.durationMs = Math.max(0, row.lastAt - row.firstAt);
	row.participantCount = row.participantIds.length;
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
