import * as Comlink from 'comlink';
import type { FleetSource } from '../fleet/source.js';
import type { ThresholdOverrides } from '../fleet/thresholds.js';
import { LIVE_ROOM, SCHEMA_VERSION, TABLES } from './schema.js';
import { appliedVersion } from './migrate.js';
import { ClickHouseError, createClickHouseClient, type ClickHouseClient, type ClickHouseConfig } from './http.js';
import { loadServerBundle, searchServerSessions, unfinishedRuns, type ServerSessionQuery } from './sessions.js';
import { clickHouseFleetSource } from './source.js';

/** What "Test and use" found at a ClickHouse URL. */
export type ClickHouseStatus =
	| {
			ok: true;
			version: string;
			/** Migration applied in the database (0: none yet; ingest creates the schema). */
			schema: number;
			schemaExpected: number;
			/** Rooms and sessions held; null when not asked for (a page start needs no full count). */
			rooms: number | null;
			sessions: number | null;
			/** Ingest runs started and never finished: the views rest on partial data. */
			unfinished: { runId: string; host: string; startedAt: number }[];
	  }
	| { ok: false; message: string };

/**
 * The ClickHouse side of the query worker: holds the one client (its password stays in this
 * worker's memory; the page passes it once) and answers the fleet views, the server search and
 * "open", which hands the session's bundle to the page for the ingest worker to import.
 */
export function createClickHouseReads() {
	let current: { client: ClickHouseClient; source: FleetSource } | null = null;
	const use = (c: ClickHouseClient) => (current = { client: c, source: clickHouseFleetSource(c) });
	const need = () => {
		if (!current) throw new ClickHouseError('No ClickHouse is selected as the fleet source (Settings → Fleet source).', 0);
		return current;
	};
	return {
		/**
		 * Makes the server the source without asking it anything (a restarted worker, a page that
		 * opens with a saved choice): the first fleet query is the first request.
		 * @throws ClickHouseError for a config the client refuses (bad URL, database name)
		 */
		configureClickHouse(config: ClickHouseConfig | null): void {
			if (config) use(createClickHouseClient(config));
			else current = null;
		},
		/**
		 * Checks the server and, when it answers, makes it the source. `counts` adds a count of
		 * rooms and sessions (a full FINAL read of both tables: for Settings, not every page start).
		 * @returns what it found
		 */
		async useClickHouse(config: ClickHouseConfig | null, options: { counts?: boolean } = {}): Promise<ClickHouseStatus | null> {
			if (!config) {
				current = null;
				return null;
			}
			try {
				const c = createClickHouseClient(config);
				const [v] = await c.rows<{ v: string }>('SELECT version() AS v');
				const schema = await appliedVersion(c);
				// The reads name every column up to SCHEMA_VERSION: an older database would fail each view with "missing column".
				if (schema > 0 && schema < SCHEMA_VERSION) {
					return { ok: false, message: `The database holds rtcscope's tables at migration ${schema}; this page reads migration ${SCHEMA_VERSION}. Migrate it with “rtcscope-ingest --url … --database … --schema-only” (or any ingest run), then test again.` };
				}
				let rooms: number | null = null;
				let sessions: number | null = null;
				let unfinished: { runId: string; host: string; startedAt: number }[] = [];
				if (schema > 0) {
					const count = async (table: string, where = '1') => Number((await c.rows<{ n: number }>(`SELECT count() AS n FROM ${table} FINAL WHERE ${where}`))[0]?.n ?? 0);
					[rooms, sessions, unfinished] = await Promise.all([
						options.counts ? count(TABLES.rooms, LIVE_ROOM) : null,
						options.counts ? count(TABLES.sessions) : null,
						unfinishedRuns(c)
					]);
				}
				use(c);
				return { ok: true, version: v?.v ?? '?', schema, schemaExpected: SCHEMA_VERSION, rooms, sessions, unfinished };
			} catch (e) {
				return { ok: false, message: e instanceof Error ? e.message : String(e) };
			}
		},
		fleetExtent: () => need().source.extent(),
		fleetApps: () => need().source.apps(),
		fleetDays: (app: string, from: number, to: number) => need().source.days(app, from, to),
		fleetRooms: (app: string, fromAt: number, toAt: number) => need().source.rooms(app, fromAt, toAt),
		fleetRealtime: (app: string, from: number, to: number, overrides: ThresholdOverrides) => need().source.realtime(app, from, to, overrides),
		fleetDiagnostics: (app: string, from: number, to: number, overrides: ThresholdOverrides) => need().source.diagnostics(app, from, to, overrides),
		searchServerSessions: (q: ServerSessionQuery) => searchServerSessions(need().client, q),
		/** The session's bundle bytes (transferred), or null when the server holds none. */
		async loadServerBundle(sessionKey: string): Promise<Uint8Array<ArrayBuffer> | null> {
			const bytes = await loadServerBundle(need().client, sessionKey);
			return bytes ? Comlink.transfer(bytes, [bytes.buffer]) : null;
		}
	};
}
