import { buildSessionModel } from '../analysis/session-model.js';
import { userLabel } from '../analysis/user-data.js';
import type { StreamRecord } from '../formats/types.js';
import { sessionKey, type SessionKey } from '../model/ids.js';
import type { Participant } from '../model/session.js';
import type { SessionRow } from '../model/rows.js';
import type { RtcscopeDb } from '../storage/db.js';
import { BlockCache } from '../storage/blocks.js';

/**
 * Links a dump's quality streams to the provider session of the call it was taken in, and to the
 * connection of that session the browser was — automatically, only when the data says so:
 *
 * - the session: an OpenVidu session id in the dump's page URL (`…/room/ses_X`, `?sessionId=ses_X`)
 *   that is stored; else, with no id in the URL, the one stored session whose time contains the
 *   peer connection's creation and one of whose connections joined within
 *   {@link LINK_WINDOW_MS} of it (two candidates: no link, the user links by hand);
 * - the connection: a URL word that is a connection id or a participant's name (clientData
 *   `name`/`userName`…, compared case-insensitively), else the one connection that joined within
 *   {@link LINK_WINDOW_MS} of the peer connection's creation, else none (the streams stay the
 *   session's, under the peer connection's id).
 */
export const LINK_WINDOW_MS = 60_000;

export interface DumpLinkTarget {
	sessionKey: SessionKey;
	participantId: string | null;
	how: 'url' | 'time';
}

/** One peer connection of a dump, as the linking rules see it (from the parser or from its stored rows). */
export interface DumpPc {
	/** The dump's session. */
	sessionKey: SessionKey;
	pcId: string;
	/** Words of the dump's page URL ({@link StreamRecord.linkHints}); empty when it named none. */
	hints: readonly string[];
	/** When the peer connection was created (its setup), else its first sample, UTC ms. */
	createdAt: number;
}

/**
 * @param blocks parsed event blocks kept across the files of a job (the dumps of a folder are of
 * neighbouring calls, whose events share blocks); without it, a cache for this dump alone.
 */
export async function findDumpLinks(db: RtcscopeDb, streams: readonly StreamRecord[], blocks = new BlockCache(db, 4)): Promise<Map<StreamRecord, DumpLinkTarget>> {
	// One decision per peer connection of the dump: all its streams go the same way.
	const byPc = new Map<string, StreamRecord[]>();
	for (const s of streams) {
		if (s.session.provider !== 'webrtc') continue;
		const id = `${s.session.key}|${s.stream.pcId}`;
		byPc.set(id, [...(byPc.get(id) ?? []), s]);
	}
	const pcs = [...byPc.values()].map((list): DumpPc => {
		const first = list[0] as StreamRecord;
		const createdAt = first.setup?.startAt ?? Math.min(...list.map((s) => s.stream.t[0] ?? Infinity));
		return { sessionKey: first.session.key, pcId: first.stream.pcId, hints: first.linkHints ?? [], createdAt };
	});
	const targets = await linkPeerConnections(db, pcs, blocks);
	const out = new Map<StreamRecord, DumpLinkTarget>();
	for (const [i, list] of [...byPc.values()].entries()) {
		const target = targets[i];
		if (target) for (const s of list) out.set(s, target);
	}
	return out;
}

/**
 * The rules above for each peer connection, against the sessions stored now: its target, or
 * null (no session, or two candidates). Aligned with `pcs`.
 */
export async function linkPeerConnections(db: RtcscopeDb, pcs: readonly DumpPc[], blocks = new BlockCache(db, 4)): Promise<(DumpLinkTarget | null)[]> {
	const participantsOf = new Map<SessionKey, Participant[] | null>();
	// Every URL word of every connection read at once: one read transaction, not one per word
	// (a dump's URL has a few words, most of them no session id)…
	const hinted = [...new Set(pcs.flatMap((pc) => pc.hints.map((h) => sessionKey('openvidu', h)).filter((k) => k !== pc.sessionKey)))];
	const hintRows = new Map<SessionKey, SessionRow | undefined>();
	// …with the event blocks of the sessions found, in the same transaction.
	if (hinted.length > 0) {
		await db.transaction('r', [db.sessions, db.eventBlocks], async () => {
			const rows = await db.sessions.bulkGet(hinted);
			rows.forEach((row, i) => hintRows.set(hinted[i] as SessionKey, row));
			await blocks.fetch(rows.filter((row): row is SessionRow => row !== undefined));
		});
	}
	/** The participants of a stored session: `row` as the time rule read it, else the URL words' read above. */
	const participants = async (key: SessionKey, row?: SessionRow) => {
		if (!participantsOf.has(key)) {
			const stored = row ?? hintRows.get(key);
			const events = stored ? await blocks.sessionEvents(stored) : [];
			participantsOf.set(key, events.length > 0 ? buildSessionModel(key, events).participants : null);
		}
		return participantsOf.get(key) ?? null;
	};
	const out: (DumpLinkTarget | null)[] = [];
	for (const pc of pcs) {
		let target: DumpLinkTarget | null = null;
		for (const hint of pc.hints) {
			const key = sessionKey('openvidu', hint);
			if (key === pc.sessionKey) continue;
			const people = await participants(key);
			if (!people) continue;
			target = { sessionKey: key, participantId: participantFor(people, pc.hints, pc.createdAt), how: 'url' };
			break;
		}
		if (!target && pc.hints.length === 0 && Number.isFinite(pc.createdAt)) target = await byTime(db, pc.createdAt, participants);
		out.push(target);
	}
	return out;
}

function participantFor(people: readonly Participant[], hints: readonly string[], createdAt: number): string | null {
	const words = new Set(hints.map((h) => h.toLowerCase()));
	const byId = people.filter((p) => words.has(p.participantId.toLowerCase()));
	if (byId.length === 1) return (byId[0] as Participant).participantId;
	const byName = people.filter((p) => words.has(userLabel(p).toLowerCase()));
	if (byName.length === 1) return (byName[0] as Participant).participantId;
	const near = people.filter((p) => Math.abs(p.joinedAt - createdAt) <= LINK_WINDOW_MS);
	return near.length === 1 ? (near[0] as Participant).participantId : null;
}

async function byTime(
	db: RtcscopeDb,
	createdAt: number,
	participants: (key: SessionKey, row: SessionRow) => Promise<Participant[] | null>
): Promise<DumpLinkTarget | null> {
	// Sessions that began up to a day before the connection (a longer call is not looked for).
	const rows = await db.sessions
		.where('firstAt')
		.between(createdAt - 86_400_000, createdAt + LINK_WINDOW_MS, true, true)
		.filter((r) => r.provider !== 'webrtc' && r.lastAt >= createdAt - LINK_WINDOW_MS)
		.toArray();
	const found: DumpLinkTarget[] = [];
	for (const row of rows) {
		const people = await participants(row.key, row);
		const near = (people ?? []).filter((p) => Math.abs(p.joinedAt - createdAt) <= LINK_WINDOW_MS);
		if (near.length === 0) continue;
		found.push({ sessionKey: row.key, participantId: near.length === 1 ? (near[0] as Participant).participantId : null, how: 'time' });
	}
	return found.length === 1 ? (found[0] as DumpLinkTarget) : null;
}
