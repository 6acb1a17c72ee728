import type { SourcedEvent } from '../model/events.js';
import { sessionScope, type Scope, type SessionKey } from '../model/ids.js';
import type { ImportRecord } from '../model/imports.js';
import type { SessionRow } from '../model/rows.js';
import type { RtcscopeDb } from './db.js';
import { readBlocks, scopeEvents } from './blocks.js';
import { parseScope } from './scopes.js';
import { storedSessionCount } from './store-counts.js';

/**
 * Read-only queries the views make. The app reaches IndexedDB only through these (and the
 * worker's writes), so table layout stays a storage detail.
 */

/** Imports, newest first. */
export async function listImports(db: RtcscopeDb): Promise<ImportRecord[]> {
	return db.imports.orderBy('startedAt').reverse().toArray();
}

export type SessionSort = 'start' | 'duration' | 'participants';

export interface SessionQuery {
	/** Case-insensitive substring of the session id, a participant id or a clientData value. */
	text?: string;
	/** Sessions overlapping [fromAt, toAt] (UTC ms); either end may be omitted. */
	fromAt?: number;
	toAt?: number;
	sort?: SessionSort;
	descending?: boolean;
	offset?: number;
	limit?: number;
	/**
	 * `ended`: the data holds the room's end (SessionRow.endedAt); `open`: it does not. Either
	 * leaves out dump sessions (provider `webrtc`): a capture of one browser says nothing of
	 * whether the room ended.
	 */
	status?: 'open' | 'ended';
	/** Only sessions with events from one of these imports (the imports of one app). */
	importIds?: readonly string[];
}

export interface SessionPage {
	rows: SessionRow[];
	/** Sessions matching the query (all pages). */
	total: number;
}

const SORT_VALUE: Record<SessionSort, (row: SessionRow) => number> = {
	start: (row) => row.firstAt,
	duration: (row) => row.durationMs,
	participants: (row) => row.participantCount
};

/**
 * One page of the sessions list. Sorting by start walks the `firstAt` index and stops after the
 * page (without a filter, the total is the table's count); the other sorts, and the total of a
 * filtered list, read every matching row (seconds for tens of thousands of sessions in Chrome).
 */
export async function querySessions(
	db: RtcscopeDb,
	query: SessionQuery = {}
): Promise<SessionPage> {
	const text = query.text?.trim().toLowerCase() ?? '';
	const from = query.fromAt ?? -Infinity;
	const to = query.toAt ?? Infinity;
	const sort = query.sort ?? 'start';
	const descending = query.descending ?? true;
	const offset = query.offset ?? 0;
	const limit = query.limit ?? 50;
	const status = query.status;
	const imports = query.importIds ? new Set(query.importIds) : null;
	const matches = (row: SessionRow) =>
		(status === undefined || (row.provider !== 'webrtc' && (status === 'ended') === (row.endedAt != null))) &&
		(imports === null || row.importIds.some((id) => imports.has(id))) &&
		row.lastAt >= from &&
		row.firstAt <= to &&
		(text === '' ||
			row.sessionId.toLowerCase().includes(text) ||
			row.participantIds.some((id) => id.toLowerCase().includes(text)) ||
			row.clientData.some((value) => value.toLowerCase().includes(text)));
	const unfiltered = text === '' && status === undefined && imports === null && from === -Infinity && to === Infinity;
	if (sort === 'start') {
		// Without a filter (the list as it opens) nothing is read beyond the page: a filtered count
		// walks every row (2–3 s over the demo fleet's 21,000 sessions in Chrome).
		const collection = () => {
			const c = db.sessions.orderBy('firstAt');
			const ordered = descending ? c.reverse() : c;
			return unfiltered ? ordered : ordered.filter(matches);
		};
		const [total, rows] = await Promise.all([
			unfiltered ? storedSessionCount(db) : collection().count(),
			collection().offset(offset).limit(limit).toArray()
		]);
		return { rows, total };
	}
	const value = SORT_VALUE[sort];
	const all = await db.sessions.filter(matches).toArray();
	all.sort(
		(a, b) => (descending ? value(b) - value(a) : value(a) - value(b)) || b.firstAt - a.firstAt
	);
	return { rows: all.slice(offset, offset + limit), total: all.length };
}

export async function getSession(db: RtcscopeDb, key: SessionKey): Promise<SessionRow | undefined> {
	return db.sessions.get(key);
}

/** Every stored event of a session, with the import it came from (not yet deduplicated or sorted). */
export async function loadSessionEvents(db: RtcscopeDb, key: SessionKey): Promise<SourcedEvent[]> {
	const row = await db.sessions.get(key);
	if (!row) return [];
	return scopeEvents(await readBlocks(db, row.blockRefs), sessionScope(key));
}

/** Every stored event of a cluster (media nodes, autoscaling). */
export async function loadClusterEvents(db: RtcscopeDb, scope: Scope): Promise<SourcedEvent[]> {
	const blocks = await db.eventBlocks.where('clusterScopes').equals(scope).toArray();
	return scopeEvents(blocks, scope);
}

export interface ClusterRef {
	scope: Scope;
	provider: string;
	clusterId: string;
}

/** Clusters that have media-node or autoscaling events. */
export async function listClusters(db: RtcscopeDb): Promise<ClusterRef[]> {
	const scopes = (await db.eventBlocks.orderBy('clusterScopes').uniqueKeys()) as string[];
	const out: ClusterRef[] = [];
	for (const scope of scopes) {
		const parsed = parseScope(scope);
		if (parsed?.kind === 'cluster')
			out.push({ scope: scope as Scope, provider: parsed.provider, clusterId: parsed.clusterId });
	}
	return out;
}

export interface StoreOverview {
	sessions: number;
	imports: number;
}

/** Sessions (from the count row, storage/store-counts.ts) and imports stored: the header's figures. */
export async function storeOverview(db: RtcscopeDb): Promise<StoreOverview> {
	const [sessions, imports] = await Promise.all([storedSessionCount(db), db.imports.count()]);
	return { sessions, imports };
}

/** Rows per table (the benchmark and Settings report them). */
export async function storeRowCounts(
	db: RtcscopeDb
): Promise<{ imports: number; sessions: number; eventBlocks: number }> {
	const [imports, sessions, eventBlocks] = await Promise.all([
		db.imports.count(),
		db.sessions.count(),
		db.eventBlocks.count()
	]);
	return { imports, sessions, eventBlocks };
}
