import * as Comlink from 'comlink';
import type { FleetSource } from '../fleet/source.js';
import { appliedVersion, SCHEMA_VERSION, TABLES } from './schema.js';
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
			rooms: number;
			sessions: number;
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
	let client: ClickHouseClient | null = null;
	let source: FleetSource | null = null;
	const need = (): FleetSource => {
		if (!source) throw new ClickHouseError('No ClickHouse is selected as the fleet source (Settings → Fleet source).', 0);
		return source;
	};
	return {
		/**
		 * Makes the server the source without asking it anything (a restarted worker, a page that
		 * opens with a saved choice): the first fleet query is the first request.
		 * @throws ClickHouseError for a config the client refuses (bad URL, database name)
		 */
		configureClickHouse(config: ClickHouseConfig | null): void {
			client = config ? createClickHouseClient(config) : null;
			source = client ? clickHouseFleetSource(client) : null;
		},
		/** Checks the server and, when it answers, makes it the source. @returns what it found */
		async useClickHouse(config: ClickHouseConfig | null): Promise<ClickHouseStatus | null> {
			if (!config) {
				client = null;
				source = null;
				return null;
			}
			try {
				const c = createClickHouseClient(config);
				const [v] = await c.rows<{ v: string }>('SELECT version() AS v');
				const schema = await appliedVersion(c);
				let rooms = 0;
				let sessions = 0;
				let unfinished: { runId: string; host: string; startedAt: number }[] = [];
				if (schema > 0) {
					const count = async (table: string) => Number((await c.rows<{ n: number }>(`SELECT count() AS n FROM ${table} FINAL`))[0]?.n ?? 0);
					[rooms, sessions, unfinished] = await Promise.all([count(TABLES.rooms), count(TABLES.sessions), unfinishedRuns(c)]);
				}
				client = c;
				source = clickHouseFleetSource(c);
				return { ok: true, version: v?.v ?? '?', schema, schemaExpected: SCHEMA_VERSION, rooms, sessions, unfinished };
			} catch (e) {
				return { ok: false, message: e instanceof Error ? e.message : String(e) };
			}
		},
		fleetExtent: () => need().extent(),
		fleetApps: () => need().apps(),
		fleetDays: (app: string, from: number, to: number) => need().days(app, from, to),
		fleetRooms: (app: string, fromAt: number, toAt: number) => need().rooms(app, fromAt, toAt),
		searchServerSessions(q: ServerSessionQuery) {
			need();
			return searchServerSessions(client as ClickHouseClient, q);
		},
		/** The session's bundle bytes (transferred), or null when the server holds none. */
		async loadServerBundle(sessionKey: string): Promise<Uint8Array<ArrayBuffer> | null> {
			need();
			const bytes = await loadServerBundle(client as ClickHouseClient, sessionKey);
			return bytes ? Comlink.transfer(bytes, [bytes.buffer]) : null;
		}
	};
}
