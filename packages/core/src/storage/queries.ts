import type { SourcedEvent } from '../model/events.js';
import { sessionScope, type Scope, type SessionKey } from '../model/ids.js';
import type { ImportRecord } from '../model/imports.js';
import type { SessionRow } from '../model/rows.js';
import type { RtcscopeDb } from './db.js';
import { parseScope } from './scopes.js';

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
}

export interface SessionPage {
	rows: SessionRow[];
	/** Sessions matching the query (all pages). */
	total: number;
}

const SORT_INDEX: Record<SessionSort, keyof SessionRow & string> = {
	start: 'firstAt',
	duration: 'durationMs',
	participants: 'participantCount'
};

export async function querySessions(
	db: RtcscopeDb,
	query: SessionQuery = {}
): Promise<SessionPage> {
	const text = query.text?.trim().toLowerCase() ?? '';
	const from = query.fromAt ?? -Infinity;
	const to = query.toAt ?? Infinity;
	const matches = (row: SessionRow) =>
		row.lastAt >= from &&
		row.firstAt <= to &&
		(text === '' ||
			row.sessionId.toLowerCase().includes(text) ||
			row.participantIds.some((id) => id.toLowerCase().includes(text)) ||
			row.clientData.some((value) => value.toLowerCase().includes(text)));
	const collection = () => {
		let c = db.sessions.orderBy(SORT_INDEX[query.sort ?? 'start']);
		if (query.descending ?? true) c = c.reverse();
		return c.filter(matches);
	};
	const [total, rows] = await Promise.all([
		collection().count(),
		collection()
			.offset(query.offset ?? 0)
			.limit(query.limit ?? 50)
			.toArray()
	]);
	return { rows, total };
}

export async function getSession(db: RtcscopeDb, key: SessionKey): Promise<SessionRow | undefined> {
	return db.sessions.get(key);
}

/** Every stored event of a scope, with the import it came from (not yet deduplicated or sorted). */
export async function loadScopeEvents(db: RtcscopeDb, scope: Scope): Promise<SourcedEvent[]> {
	const blocks = await db.eventBlocks.where('scope').equals(scope).toArray();
	const out: SourcedEvent[] = [];
	for (const block of blocks) {
		for (const e of block.events) out.push({ ...e, importId: block.imp });
	}
	return out;
}

export function loadSessionEvents(db: RtcscopeDb, key: SessionKey): Promise<SourcedEvent[]> {
	return loadScopeEvents(db, sessionScope(key));
}

export interface ClusterRef {
	scope: Scope;
	provider: string;
	clusterId: string;
}

/** Clusters that have media-node or autoscaling events. */
export async function listClusters(db: RtcscopeDb): Promise<ClusterRef[]> {
	const scopes = (await db.eventBlocks.where('scope').startsWith('c:').uniqueKeys()) as string[];
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
	/** Earliest and latest event time over all sessions, UTC ms; null when empty. */
	firstAt: number | null;
	lastAt: number | null;
}

export async function storeOverview(db: RtcscopeDb): Promise<StoreOverview> {
	const [sessions, imports, first, last] = await Promise.all([
		db.sessions.count(),
		db.imports.count(),
		db.sessions.orderBy('firstAt').first(),
		db.sessions.orderBy('lastAt').last()
	]);
	return { sessions, imports, firstAt: first?.firstAt ?? null, lastAt: last?.lastAt ?? null };
}
