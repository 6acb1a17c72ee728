import type { PcDetailRecord, StreamRecord } from '../formats/types.js';
import type { ImportId } from '../model/ids.js';
import type { ImportCounts } from '../model/imports.js';
import { streamRows } from '../quality/rows.js';
import type { BlockCache } from '../storage/blocks.js';
import type { RtcscopeDb } from '../storage/db.js';
import { pcDetailRows, sampleValues } from '../storage/pc-details.js';
import { commitEndRows, emptyEndRows, type EndRows } from '../storage/writer.js';
import { findDumpLinks } from './link-dumps.js';

/**
 * What a dump's parser hands over at the end of the file — quality streams (linked to the call
 * they were taken in, link-dumps.ts) and forensic detail — written in batches of bounded size,
 * with the import's counts kept as they go. The rows are built here; storage/ only stores them.
 * The last batch of each kind is not written here but left in `tail` for the file's final
 * commit (storage/writer.ts `WindowCommit.end`): a typical dump is then one transaction.
 */

/** Quality streams are written in transactions of about this many samples. */
const STREAM_BATCH_POINTS = 200_000;

export async function writeStreams(
	db: RtcscopeDb,
	importId: ImportId,
	streams: StreamRecord[],
	counts: ImportCounts,
	tail: EndRows,
	blocks?: BlockCache,
	beforeWrite: () => Promise<void> = async () => {}
): Promise<void> {
	let points = 0;
	const links = await findDumpLinks(db, streams, blocks);
	for (const s of streams) {
		const built = streamRows(importId, s);
		const target = links.get(s);
		built.row.linkHints = s.linkHints ?? [];
		if (s.linkSetBy) built.row.linkSetBy = s.linkSetBy;
		if (s.link) {
			built.row.linkedSessionKey = s.link.sessionKey;
			built.row.linkedParticipantId = s.link.participantId;
		} else if (target && !s.linkSetBy) {
			built.row.linkedSessionKey = target.sessionKey;
			built.row.linkedParticipantId = target.participantId;
		}
		tail.streams.push(built.row);
		tail.chunks.push(...built.chunks);
		if (built.overview) tail.overviews.push(built.overview);
		points += s.stream.t.length;
		counts.streams++;
		counts.points += s.stream.t.length;
		if (points >= STREAM_BATCH_POINTS) {
			await beforeWrite();
			await commitEndRows(db, { ...emptyEndRows(), streams: tail.streams.splice(0), chunks: tail.chunks.splice(0), overviews: tail.overviews.splice(0) });
			points = 0;
		}
	}
}

/** Forensic detail rows are written in transactions of about this many numbers. */
const DETAIL_BATCH_VALUES = 400_000;

export async function writePcDetails(
	db: RtcscopeDb,
	importId: ImportId,
	records: PcDetailRecord[],
	counts: ImportCounts,
	tail: EndRows,
	beforeWrite: () => Promise<void> = async () => {}
): Promise<void> {
	let values = 0;
	for (const record of records) {
		const { detail, packs } = pcDetailRows(importId, record);
		tail.details.push(detail);
		tail.packs.push(...packs);
		for (const p of packs) for (const o of p.objects) values += sampleValues(o);
		countDetail(record, counts);
		if (values >= DETAIL_BATCH_VALUES) {
			await beforeWrite();
			await commitEndRows(db, { ...emptyEndRows(), details: tail.details.splice(0), packs: tail.packs.splice(0) });
			values = 0;
		}
	}
}

export function countDetail(record: PcDetailRecord, counts: ImportCounts): void {
	const objects = record.forensics.detail.objects;
	counts.statsObjects = (counts.statsObjects ?? 0) + objects.length;
	counts.statsFields = (counts.statsFields ?? 0) + objects.reduce((n, o) => n + o.fields.length, 0);
}
