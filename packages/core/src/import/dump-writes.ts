import type { PcDetailRecord, StreamRecord } from '../formats/types.js';
import type { ImportId } from '../model/ids.js';
import type { ImportCounts } from '../model/imports.js';
import type { PcDetailRow, StatsObjectRow } from '../model/pc-detail.js';
import type { QualityStreamRow, SeriesChunkRow, SeriesOverviewRow } from '../model/rows.js';
import { streamRows } from '../quality/rows.js';
import type { RtcscopeDb } from '../storage/db.js';
import { pcDetailRows } from '../storage/pc-details.js';
import { commitPcDetails, commitStreams } from '../storage/writer.js';
import { findDumpLinks } from './link-dumps.js';

/**
 * What a dump's parser hands over at the end of the file — quality streams (linked to the call
 * they were taken in, link-dumps.ts) and forensic detail — written in batches of bounded size,
 * with the import's counts kept as they go. The rows are built here; storage/ only stores them.
 */

/** Quality streams are written in transactions of about this many samples. */
const STREAM_BATCH_POINTS = 200_000;

export async function writeStreams(
	db: RtcscopeDb,
	importId: ImportId,
	streams: StreamRecord[],
	counts: ImportCounts
): Promise<void> {
	let rows: QualityStreamRow[] = [];
	let chunks: SeriesChunkRow[] = [];
	let overviews: SeriesOverviewRow[] = [];
	let points = 0;
	const links = await findDumpLinks(db, streams);
	for (const s of streams) {
		const built = streamRows(importId, s);
		const target = links.get(s);
		if (s.link) {
			built.row.linkedSessionKey = s.link.sessionKey;
			built.row.linkedParticipantId = s.link.participantId;
		} else if (target) {
			built.row.linkedSessionKey = target.sessionKey;
			built.row.linkedParticipantId = target.participantId;
		}
		rows.push(built.row);
		chunks.push(...built.chunks);
		if (built.overview) overviews.push(built.overview);
		points += s.stream.t.length;
		counts.streams++;
		counts.points += s.stream.t.length;
		if (points >= STREAM_BATCH_POINTS) {
			await commitStreams(db, rows, chunks, overviews);
			rows = [];
			chunks = [];
			overviews = [];
			points = 0;
		}
	}
	if (rows.length > 0) await commitStreams(db, rows, chunks, overviews);
}

/** Forensic detail rows are written in transactions of about this many numbers. */
const DETAIL_BATCH_VALUES = 400_000;

export async function writePcDetails(
	db: RtcscopeDb,
	importId: ImportId,
	records: PcDetailRecord[],
	counts: ImportCounts
): Promise<void> {
	let detailRows: PcDetailRow[] = [];
	let objectRows: StatsObjectRow[] = [];
	let values = 0;
	for (const record of records) {
		const { detail, objects } = pcDetailRows(importId, record);
		detailRows.push(detail);
		objectRows.push(...objects);
		for (const o of objects) values += o.t.length * (1 + Object.keys(o.numbers).length);
		countDetail(record, counts);
		if (values >= DETAIL_BATCH_VALUES) {
			await commitPcDetails(db, detailRows, objectRows);
			detailRows = [];
			objectRows = [];
			values = 0;
		}
	}
	if (detailRows.length > 0) await commitPcDetails(db, detailRows, objectRows);
}

export function countDetail(record: PcDetailRecord, counts: ImportCounts): void {
	const objects = record.forensics.detail.objects;
	counts.statsObjects = (counts.statsObjects ?? 0) + objects.length;
	counts.statsFields = (counts.statsFields ?? 0) + objects.reduce((n, o) => n + o.fields.length, 0);
}
