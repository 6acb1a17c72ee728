import type { PcDetailRecord, ParseSink, StreamRecord } from '../formats/types.js';
import type { CaseRow } from '../model/cases.js';
import type { ImportId } from '../model/ids.js';
import type { ImportCounts } from '../model/imports.js';
import type { BlockCache } from '../storage/blocks.js';
import type { RtcscopeDb } from '../storage/db.js';
import { writeLivepeer, type LivepeerRows } from '../storage/livepeer.js';
import { emptyEndRows, type EndRows } from '../storage/writer.js';
import { countDetail, writePcDetails, writeStreams } from './dump-writes.js';

/**
 * What formats hand over whole, at the end of a file, rather than in windows: quality streams
 * and forensic detail of dumps, restored cases of a bundle, Livepeer events and health
 * snapshots. One writer per kind (dump-writes.ts, storage/livepeer.ts, the cases table); the
 * pipeline only calls {@link EndOutputs.write} once the text is read.
 */
export class EndOutputs implements Pick<Required<ParseSink>, 'stream' | 'pcDetail' | 'case' | 'livepeerEvent' | 'health'> {
	readonly streams: StreamRecord[] = [];
	readonly details: PcDetailRecord[] = [];
	readonly cases: CaseRow[] = [];
	readonly livepeer: LivepeerRows = { events: [], health: [] };

	/** @param onRecord counts a record (Livepeer rows are records); @param onSession a session a stream belongs to. */
	constructor(
		private readonly onRecord: () => void,
		private readonly onSession: (key: string) => void
	) {}

	stream(s: StreamRecord): void {
		this.streams.push(s);
		if (s.session) this.onSession(s.session.key);
	}
	pcDetail(d: PcDetailRecord): void {
		this.details.push(d);
	}
	case(row: CaseRow): void {
		this.cases.push(row);
	}
	livepeerEvent(row: LivepeerRows['events'][number]): void {
		this.onRecord();
		this.livepeer.events.push(row);
	}
	health(row: LivepeerRows['health'][number]): void {
		this.onRecord();
		this.livepeer.health.push(row);
	}

	/** The parse sink: windowed records go to `record`, everything else is kept here. */
	sink(record: ParseSink['record']): ParseSink {
		return {
			record,
			stream: (s) => this.stream(s),
			pcDetail: (d) => this.pcDetail(d),
			case: (row) => this.case(row),
			livepeerEvent: (row) => this.livepeerEvent(row),
			health: (row) => this.health(row)
		};
	}

	/**
	 * Writes every kind, counting what it stores into `counts` (with `db` null — parse-only —
	 * counts only). The last batch of streams and forensic detail is returned, not written: the
	 * caller stores it with the file's final window (storage/writer.ts `WindowCommit.end`).
	 * `blocks`: parsed event blocks kept across a job's files, for linking dumps (link-dumps.ts).
	 * `copies`: the file holds copies of stored rows (a case bundle): see {@link withoutStoredStreams}.
	 * `beforeWrite` runs before any row is written here rather than returned (it stores an
	 * import record the final commit would otherwise put, import/committer.ts storeRecord).
	 * Rejects with the storage error of the first write that fails.
	 */
	async write(db: RtcscopeDb | null, importId: ImportId, counts: ImportCounts, blocks?: BlockCache, copies = false, beforeWrite: () => Promise<void> = async () => {}): Promise<EndRows> {
		const tail = emptyEndRows();
		if (!db) {
			for (const s of this.streams) {
				counts.streams++;
				counts.points += s.stream.t.length;
			}
			for (const d of this.details) countDetail(d, counts);
			return tail;
		}
		const streams = copies ? await withoutStoredStreams(db, importId, this.streams) : this.streams;
		if (streams.length > 0) await writeStreams(db, importId, streams, counts, tail, blocks, beforeWrite);
		if (this.details.length > 0) await writePcDetails(db, importId, this.details, counts, tail, beforeWrite);
		if (this.cases.length > 0) {
			await beforeWrite();
			await db.cases.bulkPut(this.cases);
		}
		if (this.livepeer.events.length > 0 || this.livepeer.health.length > 0) {
			await beforeWrite();
			counts.stored += await writeLivepeer(db, this.livepeer);
		}
		return tail;
	}
}

/**
 * A case bundle's streams, less those the store already holds from another import: same
 * session, connection, peer connection and stats object (a stream's key without its import id,
 * model/rows.ts). Opening a bundle of data already imported (the file it was exported from, a
 * session opened from ClickHouse twice, an ingest run merging a session's earlier parts) then
 * adds no stream twice, and each stream counts once in the quality figures. Peer connection
 * detail needs no such step: its key has no import id, so a copy overwrites it.
 */
export async function withoutStoredStreams(db: RtcscopeDb, importId: ImportId, streams: StreamRecord[]): Promise<StreamRecord[]> {
	const sessions = [...new Set(streams.map((s) => s.session.key))];
	const stored = await db.qualityStreams.where('sessionKey').anyOf(sessions).toArray();
	const identity = (session: string, participant: string, pc: string, object: string) => `${session}\u0000${participant}\u0000${pc}\u0000${object}`;
	const held = new Set(stored.filter((row) => row.importId !== importId).map((row) => identity(row.sessionKey, row.participantId, row.pcId, row.objectId)));
	return streams.filter((s) => !held.has(identity(s.session.key, s.participantId, s.stream.pcId, s.stream.objectId)));
}
