import { loadServerBundles, sqlNumber, sqlString, TABLES, type ClickHouseClient } from '@rtcscope/core/clickhouse';
import { LINK_WINDOW_MS, type ImportInput } from '@rtcscope/core';
import type { SessionRow } from '@rtcscope/core/model';
import { readImportApps, sessionApp, type RtcscopeDb } from '@rtcscope/core/storage';
import type { createIngestApi } from '@rtcscope/core/worker-api';

/** Dumps per query: each adds one condition of three comparisons. */
const DUMPS_PER_QUERY = 200;
/** How long before a dump a call may have begun (link-dumps.ts looks a day back). */
const CALL_LOOKBACK_MS = 86_400_000;

export interface LinkReport {
	/** Dumps of this run that now count inside a call an earlier run wrote. */
	dumps: number;
	/** The imports the pulled calls made in the run's store: not inputs, kept out of the file ledger. */
	importIds: string[];
}

/**
 * In the browser a dump links to the call it was taken in when that call is stored before the
 * dump is imported (import/link-dumps.ts). A run's store holds only its own inputs, so a folder
 * of dumps ingested after the CDR of their calls (the usual order: CDR continuously, dumps when
 * users send them) linked to nothing and counted as rooms of their own. Here, after the run's
 * imports: the server's calls of the same app that could hold an unlinked dump (begun up to a
 * day before it, not ended more than LINK_WINDOW_MS before it) are pulled as bundles into the
 * store, and those dumps are imported again, so the very linking rules run with the calls
 * present. Pulled calls that no dump linked to are removed again: the run rewrites only calls
 * whose rooms changed. A dump ingested before its call's CDR stays a room of its own, as in the
 * browser (removing its room from the server would need a tombstone the schema lacks).
 * @throws ClickHouseError; Error when a pulled bundle or a re-import fails
 */
export async function linkToEarlierCalls(
	db: RtcscopeDb,
	client: ClickHouseClient,
	api: ReturnType<typeof createIngestApi>,
	runId: string,
	inputs: readonly ImportInput[]
): Promise<LinkReport> {
	const dumps = await unlinkedDumps(db);
	if (dumps.length === 0) return { dumps: 0, importIds: [] };
	const apps = await readImportApps(db);
	const held = new Set((await db.sessions.toCollection().primaryKeys()).map(String));
	const calls = new Map<string, string>();
	for (let i = 0; i < dumps.length; i += DUMPS_PER_QUERY) {
		const near = dumps.slice(i, i + DUMPS_PER_QUERY).map(
			(d) =>
				`(app = ${sqlString(sessionApp(d, apps))} AND first_at >= ${sqlNumber(d.firstAt - CALL_LOOKBACK_MS)} AND first_at <= ${sqlNumber(d.lastAt + LINK_WINDOW_MS)} AND last_at >= ${sqlNumber(d.firstAt - LINK_WINDOW_MS)})`
		);
		const rows = await client.rows<{ session_key: string; app: string }>(
			`SELECT session_key, app FROM ${TABLES.sessions} FINAL WHERE provider != 'webrtc' AND (${near.join(' OR ')})`
		);
		for (const r of rows) if (!held.has(r.session_key)) calls.set(r.session_key, r.app);
	}
	if (calls.size === 0) return { dumps: 0, importIds: [] };

	const bundles = [...(await loadServerBundles(client, [...calls.keys()]))];
	const pulls: ImportInput[] = bundles.map(([key, bytes]) => ({ file: new Blob([bytes]), name: `${key}.rtcscope`, app: calls.get(key) }));
	const pulled = await api.importFiles(`${runId}-calls`, pulls);
	const failed = pulled.find((o) => o.kind !== 'done' && o.kind !== 'duplicate');
	if (failed) throw new Error(`Could not pull ${failed.progress.name} from the server: ${failed.progress.message ?? failed.kind}`);

	// The dumps' files again, now that their calls are in the store.
	const dumpImports = new Set(dumps.flatMap((d) => d.importIds as string[]));
	const records = (await db.imports.bulkGet([...dumpImports])).filter((r) => r !== undefined);
	const again = records.map((r) => inputs.find((i) => i.name === r.name)).filter((i): i is ImportInput => i !== undefined);
	await api.removeImports(records.map((r) => r.id as string));
	const redone = await api.importFiles(`${runId}-relink`, again);
	const bad = redone.find((o) => o.kind !== 'done' && o.kind !== 'duplicate');
	if (bad) throw new Error(`Could not import ${bad.progress.name} again: ${bad.progress.message ?? bad.kind}`);

	const linked = await db.qualityStreams.where('linkedSessionKey').anyOf([...calls.keys()]).toArray();
	const used = new Set(linked.map((s) => s.linkedSessionKey as string));
	const pulledIds = pulled.map((o) => o.importId as string);
	const unused = pulledIds.filter((_, k) => !used.has(bundles[k]?.[0] ?? ''));
	if (unused.length > 0) await api.removeImports(unused);
	return { dumps: new Set(linked.map((s) => s.sessionKey)).size, importIds: pulledIds.filter((id) => !unused.includes(id)) };
}

/** The run's dump sessions none of whose streams is linked to a call. */
async function unlinkedDumps(db: RtcscopeDb): Promise<SessionRow[]> {
	const dumps = await db.sessions.filter((s) => s.provider === 'webrtc').toArray();
	if (dumps.length === 0) return [];
	const streams = await db.qualityStreams.where('sessionKey').anyOf(dumps.map((d) => d.key)).toArray();
	const linked = new Set(streams.filter((s) => s.linkedSessionKey).map((s) => s.sessionKey as string));
	return dumps.filter((d) => !linked.has(d.key));
}
