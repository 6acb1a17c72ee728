import type { ImportId, SessionKey } from '../model/ids.js';
import type { QualityStreamRow, SessionRow } from '../model/rows.js';
import { BlockCache } from '../storage/blocks.js';
import type { RtcscopeDb } from '../storage/db.js';
import { linkPeerConnections, type DumpPc } from './link-dumps.js';
import type { ImportOutcome } from './pipeline.js';
import { orderClassOf } from './siblings.js';

/**
 * A dump links to its call when it is imported (link-dumps.ts), so a dump imported *before* its
 * call's CDR (an earlier job, or earlier in the same folder) stayed a room of its own, and the
 * figures depended on the order of the files. After a job that stored provider sessions, this
 * runs the same rules again for the dumps that could not have seen them; whatever the order,
 * the store then ends as if the CDR had come first.
 *
 * A dump is looked at when:
 * - it is a dump session (`webrtc:`) beginning within a day of the job's sessions' span (a page
 *   URL may name a call without a time check; a day either side bounds the search);
 * - none of its streams is linked to a stored session (a link to a session since removed counts
 *   as none, as the fleet roll-up counts it: fleet/refresh.ts);
 * - no link of it was set (or unset) by the user (`linkSetBy`): that is a decision, not a guess;
 * - its rows carry the URL words (`linkHints`, stored since 2026-12-02): for older rows they are
 *   unknown, and guessing "none" could link a dump by time that its URL ties elsewhere;
 * - it was not imported by this job after every file that stored sessions (it has seen them all).
 */

/** How far from the job's sessions a waiting dump may begin, ms (the ingest's pull of earlier runs' dumps uses the same). */
export const DUMP_SEARCH_MS = 86_400_000;

export interface WaitingLinks {
	/** Dump sessions now linked to a call. */
	dumps: SessionKey[];
	/** First and last time (UTC ms) of those dumps' sessions: their own rooms are gone from these days. */
	span: { from: number; to: number } | null;
}

/**
 * True when every file of the job that wrote sessions is a dump (webrtc-internals, rtcStats):
 * then only those dumps' rooms and their calls' changed (fleet/refresh-rooms.ts).
 */
export function dumpsOnly(outcomes: readonly ImportOutcome[]): boolean {
	return outcomes.every((o) => o.sessionKeys.length === 0 || (!!o.progress.format && orderClassOf(o.progress.format) === 'dump'));
}

/**
 * The span of the sessions a job's non-dump files stored, and the dumps of the job that came
 * after the last of them (settled: linking them again decides nothing new).
 */
export function jobLinkScope(outcomes: readonly ImportOutcome[]): { span: { from: number; to: number } | null; settled: Set<ImportId> } {
	let span: { from: number; to: number } | null = null;
	let lastStore = -1;
	for (const o of outcomes) {
		if (o.kind !== 'done' || !o.span || !o.progress.format || orderClassOf(o.progress.format) !== 'store') continue;
		span = span ? { from: Math.min(span.from, o.span.from), to: Math.max(span.to, o.span.to) } : o.span;
		lastStore = Math.max(lastStore, o.progress.index);
	}
	const settled = new Set<ImportId>();
	for (const o of outcomes) {
		if (o.progress.index > lastStore && o.progress.format && orderClassOf(o.progress.format) === 'dump') settled.add(o.importId as ImportId);
	}
	return { span, settled };
}

/**
 * Links the waiting dumps near `span` (see the module comment) and returns which it linked.
 * One transaction per dump, so a dump is linked whole or not at all.
 */
export async function linkWaitingDumps(
	db: RtcscopeDb,
	span: { from: number; to: number },
	settled: ReadonlySet<ImportId> = new Set(),
	blocks = new BlockCache(db, 4)
): Promise<WaitingLinks> {
	const dumps = (await db.sessions.where('key').startsWith('webrtc:').toArray()).filter(
		(s) => s.firstAt >= span.from - DUMP_SEARCH_MS && s.firstAt <= span.to + DUMP_SEARCH_MS && !s.importIds.every((id) => settled.has(id))
	);
	const out: WaitingLinks = { dumps: [], span: null };
	for (const dump of dumps) {
		const rows = await db.qualityStreams.where('sessionKey').equals(dump.key).toArray();
		if (!(await isWaiting(db, rows))) continue;
		const pcs = peerConnections(dump, rows);
		const targets = await linkPeerConnections(db, pcs, blocks);
		if (targets.every((t) => t === null)) continue;
		const byPc = new Map(pcs.map((pc, i) => [pc.pcId, targets[i] ?? null]));
		await db.transaction('rw', [db.qualityStreams], async () => {
			for (const row of rows) {
				const target = byPc.get(row.pcId);
				if (!target) continue;
				row.linkedSessionKey = target.sessionKey;
				row.linkedParticipantId = target.participantId;
			}
			await db.qualityStreams.bulkPut(rows);
		});
		out.dumps.push(dump.key);
		out.span = out.span ? { from: Math.min(out.span.from, dump.firstAt), to: Math.max(out.span.to, dump.lastAt) } : { from: dump.firstAt, to: dump.lastAt };
	}
	return out;
}

async function isWaiting(db: RtcscopeDb, rows: readonly QualityStreamRow[]): Promise<boolean> {
	if (rows.length === 0 || rows.some((r) => r.linkSetBy || !r.linkHints)) return false;
	const targets = [...new Set(rows.map((r) => r.linkedSessionKey).filter((k): k is SessionKey => !!k))];
	if (targets.length === 0) return true;
	return (await db.sessions.bulkGet(targets)).every((r) => r === undefined);
}

/** The dump's peer connections as the linking rules see them, from its stored streams. */
function peerConnections(dump: SessionRow, rows: readonly QualityStreamRow[]): DumpPc[] {
	const byPc = new Map<string, QualityStreamRow[]>();
	for (const r of rows) byPc.set(r.pcId, [...(byPc.get(r.pcId) ?? []), r]);
	return [...byPc].map(([pcId, list]) => {
		const first = list[0] as QualityStreamRow;
		const createdAt = first.setup?.startAt ?? Math.min(...list.map((r) => r.firstAt));
		return { sessionKey: dump.key, pcId, hints: first.linkHints ?? [], createdAt };
	});
}
