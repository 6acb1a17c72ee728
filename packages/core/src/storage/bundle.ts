import { concatBytes } from '../util/bytes.js';
import { Gzip } from 'fflate';
import { orderedUniqueEvents } from '../model/event-key.js';
import { METRIC_SCALE, packColumn } from '../formats/bundle/codec.js';
import {
	BUNDLE_VERSION,
	EVENTS_PER_LINE,
	type BundleCaseLine,
	type BundleChunkLine,
	type BundleEventsLine,
	type BundleHeader,
	type BundlePcDetailLine,
	type BundleStatsObjectLine,
	type BundleStreamLine,
	TIME_SCALE
} from '../formats/bundle/types.js';
import type { MetricName } from '../formats/webrtc-stats/types.js';
import type { CaseRow } from '../model/cases.js';
import type { ModelEvent, SourcedEvent } from '../model/events.js';
import { parseSessionKey, type SessionKey } from '../model/ids.js';
import type { QualityStreamRow, SessionRow } from '../model/rows.js';
import type { RtcscopeDb } from './db.js';
import { loadSessionEvents } from './queries.js';
import { loadAllStatsObjects } from './pc-details.js';
import { seriesPackReader, streamChunks } from './quality.js';

/**
 * Writes a case bundle (formats/bundle/types.ts) for saved cases, sessions or a date range:
 * every event of each session, the quality streams shown with it (its own and the dumps linked
 * to it, with their sessions), the cases, and where the data came from. Nothing from Settings or
 * feeds: no credentials can leave this way.
 */
export const RTCSCOPE_VERSION = '0.1.0';

export interface BundleSelection {
	caseIds?: string[];
	sessionKeys?: string[];
	/** Sessions overlapping [fromAt, toAt], UTC ms. */
	fromAt?: number;
	toAt?: number;
	notes?: string;
}

export interface BundleOutput {
	bytes: Uint8Array<ArrayBuffer>;
	header: BundleHeader;
	/** Suggested file name. */
	name: string;
}

export interface BundleOptions {
	/** Reads a session's events (default loadSessionEvents; the ingest command passes a BlockCache's). */
	events?: (row: SessionRow) => Promise<SourcedEvent[]>;
}

/** @throws Error when the selection names nothing that is stored. */
export async function exportBundle(db: RtcscopeDb, selection: BundleSelection, now = Date.now(), options: BundleOptions = {}): Promise<BundleOutput> {
	const readEvents = options.events ?? ((row: SessionRow) => loadSessionEvents(db, row.key));
	const cases: CaseRow[] = selection.caseIds?.length ? (await db.cases.bulkGet(selection.caseIds)).filter((c): c is CaseRow => !!c) : [];
	const keys = new Set<string>([...(selection.sessionKeys ?? []), ...cases.map((c) => c.sessionKey)]);
	if (selection.fromAt !== undefined && selection.toAt !== undefined) {
		const from = selection.fromAt;
		const rows = await db.sessions.where('firstAt').belowOrEqual(selection.toAt).filter((r) => r.lastAt >= from).primaryKeys();
		for (const k of rows) keys.add(k as string);
	}
	const sessions = (await db.sessions.bulkGet([...keys])).filter((r): r is SessionRow => !!r);
	if (sessions.length === 0) throw new Error('Nothing to export: none of the selected sessions is in this browser’s store.');

	// Streams: each session's own, and those linked to it (whose dump sessions come along).
	const streamRows = new Map<string, QualityStreamRow>();
	for (const s of sessions) {
		for (const row of await db.qualityStreams.where('sessionKey').equals(s.key).toArray()) streamRows.set(row.key, row);
		for (const row of await db.qualityStreams.where('linkedSessionKey').equals(s.key).toArray()) streamRows.set(row.key, row);
	}
	const dumpKeys = [...new Set([...streamRows.values()].map((r) => r.sessionKey))].filter((k) => !keys.has(k));
	const all = [...sessions, ...(await db.sessions.bulkGet(dumpKeys)).filter((r): r is SessionRow => !!r)];

	const importIds = [...new Set(all.flatMap((s) => s.importIds))];
	const imports = (await db.imports.bulkGet(importIds)).filter((i) => !!i);
	const lines: string[] = [];
	let events = 0;
	let points = 0;
	for (const s of all) {
		const unique = orderedUniqueEvents(await readEvents(s));
		const parsed = parseSessionKey(s.key);
		const session = { key: s.key as SessionKey, provider: parsed?.provider ?? s.provider, sessionId: s.sessionId };
		for (let i = 0; i < unique.length; i += EVENTS_PER_LINE) {
			const part = unique.slice(i, i + EVENTS_PER_LINE).map(({ importId: _importId, ...e }) => e as ModelEvent);
			events += part.length;
			lines.push(JSON.stringify({ session, events: part } satisfies BundleEventsLine));
		}
	}
	let ref = 0;
	const packs = seriesPackReader(db);
	for (const row of streamRows.values()) {
		const id = `s${ref++}`;
		const { key: _key, importId: _importId, summary: _summary, sessionKey: streamSession, packs: _packs, ...meta } = row;
		const dump = all.find((s) => s.key === streamSession);
		const session = { key: streamSession, provider: dump?.provider ?? 'webrtc', sessionId: dump?.sessionId ?? streamSession };
		lines.push(JSON.stringify({ stream: { ...meta, ref: id, session } } satisfies BundleStreamLine));
		const chunks = await streamChunks(db, row, packs);
		for (const c of chunks) {
			points += c.t.length;
			const cols: BundleChunkLine['chunk']['cols'] = {};
			for (const [name, values] of Object.entries(c.cols) as [MetricName, Float32Array][]) cols[name] = packColumn(values, METRIC_SCALE[name]);
			lines.push(JSON.stringify({ chunk: { ref: id, seq: c.seq, t: packColumn(c.t, 1), cols } } satisfies BundleChunkLine));
		}
	}
	for (const s of all) {
		const session = { key: s.key as SessionKey, provider: s.provider, sessionId: s.sessionId };
		for (const detail of await db.pcDetails.where('sessionKey').equals(s.key).toArray()) {
			const { key: _k, importId: _i, sessionKey: _s, packOf: _p, ...rest } = detail;
			lines.push(JSON.stringify({ pcDetail: { ...rest, session } } satisfies BundlePcDetailLine));
			for (const o of await loadAllStatsObjects(db, detail)) {
				const numbers: BundleStatsObjectLine['statsObject']['numbers'] = {};
				for (const [name, column] of Object.entries(o.numbers)) numbers[name] = Array.from(column, (v) => (Number.isNaN(v) ? null : v));
				const texts: BundleStatsObjectLine['statsObject']['texts'] = {};
				for (const [name, runs] of Object.entries(o.texts)) texts[name] = { at: packColumn(runs.at, TIME_SCALE), v: runs.v };
				points += o.t.length;
				lines.push(
					JSON.stringify({
						statsObject: { session, pcId: detail.pcId, objectId: o.objectId, t: packColumn(o.t, TIME_SCALE), numbers, texts }
					} satisfies BundleStatsObjectLine)
				);
			}
		}
	}
	for (const c of cases) lines.push(JSON.stringify({ case: c } satisfies BundleCaseLine));

	const describe = () => {
		if (cases.length > 0) return `${cases.length} saved session${cases.length === 1 ? '' : 's'}`;
		if (selection.fromAt !== undefined && selection.toAt !== undefined)
			return `sessions from ${new Date(selection.fromAt).toISOString().slice(0, 10)} to ${new Date(selection.toAt).toISOString().slice(0, 10)}`;
		return `${sessions.length} session${sessions.length === 1 ? '' : 's'}`;
	};
	const header: BundleHeader = {
		rtcscopeBundle: BUNDLE_VERSION,
		writer: `rtcscope ${RTCSCOPE_VERSION}`,
		createdAt: now,
		notes: (selection.notes ?? '').slice(0, 4000),
		contents: describe(),
		sources: imports.map((i) => ({ id: i.id, name: i.name, format: i.format, bytes: i.bytes })),
		counts: { sessions: all.length, events, streams: streamRows.size, points, cases: cases.length }
	};
	const bytes = gzipLines([JSON.stringify(header), ...lines]);
	const stamp = new Date(now).toISOString().slice(0, 16).replace(/[-:T]/g, '');
	const first = sessions[0]?.sessionId.replace(/[^\w.-]+/g, '_').slice(0, 40) ?? 'sessions';
	const name = `rtcscope-${cases.length > 0 ? 'cases' : sessions.length === 1 ? first : 'sessions'}-${stamp}.rtcscope`;
	return { bytes, header, name };
}

/** Gzips lines as they come (fflate's streaming Gzip): the text never exists in one piece. */
function gzipLines(lines: string[]): Uint8Array<ArrayBuffer> {
	const parts: Uint8Array[] = [];
	const gzip = new Gzip({ level: 6 }, (chunk) => parts.push(chunk));
	const encoder = new TextEncoder();
	lines.forEach((line, i) => gzip.push(encoder.encode(`${line}\n`), i === lines.length - 1));
	return concatBytes(parts);
}
