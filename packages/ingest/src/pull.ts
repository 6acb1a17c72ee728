import { loadServerBundles, type ClickHouseClient } from '@rtcscope/core/clickhouse';
import type { ImportInput } from '@rtcscope/core';
import type { createIngestApi } from '@rtcscope/core/worker-api';

/** Session keys per IN list: well under ClickHouse's default max_query_size (256 KiB). */
export const KEYS_PER_QUERY = 1000;
/** Bundles per query: a bundle may be megabytes, so an answer stays a few tens of them. */
const BUNDLES_PER_QUERY = 50;

/**
 * Imports the server's bundles of `keys` (session key → app label) into the run's store as one
 * job, whose linking pass runs after it (worker-api.ts runJob). Sessions the server holds no
 * bundle of are left out. Used by the merge of earlier parts (merge.ts) and the cross-run links
 * (link-earlier.ts): what they pull is not an input, so its imports stay out of the file ledger.
 * @returns the import id of each pulled session, by session key
 * @throws ClickHouseError; Error when a bundle fails to import
 */
export async function pullSessions(
	client: ClickHouseClient,
	api: ReturnType<typeof createIngestApi>,
	jobId: string,
	keys: ReadonlyMap<string, string>
): Promise<Map<string, string>> {
	const inputs: ImportInput[] = [];
	const order: string[] = [];
	const all = [...keys.keys()];
	for (let i = 0; i < all.length; i += BUNDLES_PER_QUERY) {
		for (const [key, bytes] of await loadServerBundles(client, all.slice(i, i + BUNDLES_PER_QUERY))) {
			inputs.push({ file: new Blob([bytes]), name: `${key}.rtcscope`, app: keys.get(key) });
			order.push(key);
		}
	}
	if (inputs.length === 0) return new Map();
	const outcomes = await api.importFiles(jobId, inputs);
	const failed = outcomes.find((o) => o.kind !== 'done' && o.kind !== 'duplicate');
	if (failed) throw new Error(`Could not pull ${failed.progress.name} from the server: ${failed.progress.message ?? failed.kind}`);
	return new Map(order.map((key, i) => [key, outcomes[i]?.importId as string]));
}
