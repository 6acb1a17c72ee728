import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { analyzeArchive, archiveInputOf } from '../analysis/archive.js';
import { failureRates } from '../analysis/failure-rates.js';
import { sliceSession } from '../analysis/meeting-slice.js';
import { buildSessionModel } from '../analysis/session-model.js';
import { sessionStatistics } from '../analysis/statistics.js';
import type { CallType } from '../analysis/call-type.js';
import { importFile } from '../import/pipeline.js';
import { listQualityStreams } from '../storage/quality.js';
import {
	listClusters,
	loadClusterEvents,
	loadSessionEvents,
	querySessions
} from '../storage/queries.js';
import { listLivepeerStreams } from '../storage/livepeer.js';
import { freshDb, sharedPath } from './helpers.js';

/**
 * The facts the corpus suite checks for every real file (../shared/data/real, SOURCES.md), as the
 * views compute them: the import's outcome and problems, and per session what the inspector's
 * Summary, Error log, quality metrics and archive inspector show. Computed through the real
 * import path (fingerprint → detect → parse → windows → IndexedDB) and the same analysis
 * functions the views call, so a fact here is a figure on screen.
 */
export interface FileFacts {
	/** Detected format, or null when no format read it. */
	format: string | null;
	outcome: 'done' | 'failed' | 'duplicate' | 'busy' | 'cancelled';
	/** Every problem kept, as "severity code" or "severity code@line". */
	problems: string[];
	/** The import's one-line message (failed files), when there is one. */
	message?: string;
	/** Lines and records read, events and quality streams stored. */
	counts: { lines: number; records: number; stored: number; streams: number };
	sessions: SessionFacts[];
	/** OpenVidu Pro clusters (media nodes) and Livepeer streams, when the file has any. */
	clusters?: { id: string; nodes: number; autoscaling: number }[];
	livepeer?: { stream: string; events: number; health: number }[];
}

export interface SessionFacts {
	/** Session key; a dump's id comes from its content (stable, but not readable). */
	key: string;
	/** Whole seconds, rounded, as the Sessions list shows it; null when nobody connected (shown "—"). */
	durationS: number | null;
	meetings: number;
	users: number;
	remoteSenders: number;
	/** Connections named by signals or stats only (no join in the data). */
	namedConnections: number;
	connections: number;
	published: number;
	subscriptions: number;
	callType: CallType;
	/** Failures / attempts, as the Error log shows them. */
	connectFailures: string;
	publishFailures: string;
	subscribeFailures: string;
	/** Events with severity warning or error. */
	issues: number;
	/** Quality streams stored for the session (dumps). */
	streams: number;
	/** "id status [≥]durationS" per recording, as the archive inspector reads it (now = `now`); ≥ when still open. */
	recordings: string[];
}

/** Every file of the corpus, as paths relative to ../shared/data/real (notes and provenance left out). */
export function corpusFiles(): string[] {
	const root = sharedPath('data/real');
	const out: string[] = [];
	const walk = (dir: string) => {
		for (const name of readdirSync(dir).sort()) {
			const path = join(dir, name);
			if (statSync(path).isDirectory()) walk(path);
			else if (name !== 'SOURCES.md' && !name.endsWith('.provenance.jsonl'))
				out.push(relative(root, path));
		}
	};
	walk(root);
	return out;
}

/** Imports one corpus file into a fresh store and reads its facts back. */
export async function factsOf(path: string, now = Date.UTC(2026, 11, 1)): Promise<FileFacts> {
	const db = freshDb();
	const bytes = readFileSync(sharedPath('data/real', path));
	const name = basename(path);
	const outcome = await importFile({ file: new File([bytes], name), name }, { db });
	const p = outcome.progress;
	const facts: FileFacts = {
		format: p.format,
		outcome: outcome.kind,
		problems: p.problems.map((x) => `${x.severity} ${x.code}${x.line ? `@${x.line}` : ''}`),
		counts: {
			lines: p.counts.lines,
			records: p.counts.records,
			stored: p.counts.stored,
			streams: p.counts.streams
		},
		sessions: []
	};
	if (outcome.kind === 'failed' && p.message) facts.message = p.message;
	for (const row of (await querySessions(db, { limit: 10_000, sort: 'start', descending: false }))
		.rows) {
		const model = buildSessionModel(row.key, await loadSessionEvents(db, row.key));
		const slice = sliceSession(model, null);
		const st = sessionStatistics(slice);
		const rates = failureRates(slice);
		const rate = (what: string) => {
			const r = rates.find((x) => x.what === what);
			return `${r?.failures ?? 0}/${r?.attempts ?? 0}`;
		};
		facts.sessions.push({
			key: row.key,
			durationS: row.participantCount === 0 ? null : Math.round(row.durationMs / 1000),
			meetings: model.meetings.length,
			users: st.users,
			remoteSenders: st.remoteSenders,
			namedConnections: st.namedConnections,
			connections: st.connections,
			published: st.publishedStreams,
			subscriptions: st.subscriptions,
			callType: st.callType,
			connectFailures: rate('connections'),
			publishFailures: rate('publications'),
			subscribeFailures: rate('subscriptions'),
			issues: st.issues,
			streams: (await listQualityStreams(db, row.key)).length,
			recordings: model.recordings.map((r) => {
				const a = analyzeArchive(archiveInputOf(model, r, model.lastAt, now));
				const ran =
					a.runningMs === null || a.pausedMs === null
						? '?'
						: String(Math.round((a.runningMs + a.pausedMs) / 1000));
				return `${r.recordingId} ${a.status} ${a.openEnded ? '≥' : ''}${ran}s`;
			})
		});
	}
	const clusters = await listClusters(db);
	if (clusters.length > 0) {
		facts.clusters = [];
		for (const c of clusters) {
			const events = await loadClusterEvents(db, c.scope);
			facts.clusters.push({
				id: c.clusterId,
				nodes: new Set(
					events.flatMap((e) =>
						e.detail.kind === 'node'
							? [e.detail.nodeId]
							: e.detail.kind === 'autoscaling'
								? e.detail.nodes.map((n) => n.id)
								: []
					)
				).size,
				autoscaling: events.filter((e) => e.detail.kind === 'autoscaling').length
			});
		}
	}
	const streams = await listLivepeerStreams(db);
	if (streams.length > 0)
		facts.livepeer = streams.map((s) => ({
			stream: s.streamId,
			events: s.events,
			health: s.health
		}));
	db.close();
	return facts;
}

/** The facts in the corpus table's form: one readable line per session, the rest as they are. */
export interface FactsRow {
	format: string | null;
	outcome: FileFacts['outcome'];
	problems: string[];
	message?: string;
	/** "lines L · records R · stored E · streams Q". */
	counts: string;
	/** One line per session: see {@link sessionLine}. */
	sessions: string[];
	/** "id status [≥]Ns" per recording, over all sessions. */
	recordings?: string[];
	clusters?: string[];
	livepeer?: string[];
}

/**
 * `key · duration · meetings · users(+remote senders) · connections (failed/attempts) ·
 * published (failed) · subscriptions (failed) · call type · issues · quality streams`.
 */
export function sessionLine(s: SessionFacts): string {
	return [
		s.key,
		s.durationS === null ? '— s' : `${s.durationS} s`,
		`${s.meetings} meeting${s.meetings === 1 ? '' : 's'}`,
		`${s.users} user${s.users === 1 ? '' : 's'}${s.remoteSenders ? ` + ${s.remoteSenders} remote` : ''}`,
		`${s.connections} conn (${s.connectFailures} failed)${s.namedConnections ? ` + ${s.namedConnections} named` : ''}`,
		`${s.published} pub (${s.publishFailures})`,
		`${s.subscriptions} sub (${s.subscribeFailures})`,
		s.callType,
		`${s.issues} issue${s.issues === 1 ? '' : 's'}`,
		`${s.streams} stream${s.streams === 1 ? '' : 's'}`
	].join(' · ');
}

export function factsRow(f: FileFacts): FactsRow {
	const row: FactsRow = {
		format: f.format,
		outcome: f.outcome,
		problems: f.problems,
		counts: `lines ${f.counts.lines} · records ${f.counts.records} · stored ${f.counts.stored} · streams ${f.counts.streams}`,
		sessions: f.sessions.map(sessionLine)
	};
	if (f.message !== undefined) row.message = f.message;
	const recordings = f.sessions.flatMap((s) => s.recordings);
	if (recordings.length > 0) row.recordings = recordings;
	if (f.clusters)
		row.clusters = f.clusters.map((c) => `${c.id}: ${c.nodes} nodes, ${c.autoscaling} autoscaling`);
	if (f.livepeer)
		row.livepeer = f.livepeer.map((l) => `${l.stream}: ${l.events} events, ${l.health} health`);
	return row;
}
