import type { Sniff } from '../types.js';
import { excerpt, PROBLEM_CODES } from '../../model/problems.js';
import type { DocumentFormat, DocumentParser, ParseContext, ParseSink } from '../types.js';
import { readJsonItems } from './json-items.js';
import { wholeTextParser } from '../whole-text.js';
import {
	isMonitoringCallback,
	isOpentokArchive,
	mapArchive,
	mapMonitoring,
	type Mapped
} from './opentok.js';
import { isSparkCallback, mapSparkCallbacks } from './sparkrtc.js';
import { INPUT_LABELS } from '../inputs.js';

/**
 * Recording and session-callback JSON: OpenTok / Vonage archives (REST objects, lists, the
 * `{count, items}` envelope, archive-status callbacks), Vonage session-monitoring callbacks, and
 * SparkRTC recording callbacks — as one object, an array, an envelope or JSON Lines. Mixed files
 * (a capture of everything a callback URL received) are fine: each item is read on its own.
 *
 * These files are small (an archive list, a day of callbacks), so the text is read whole, up to
 * MAX_CHARS; the items are mapped at the end, when SparkRTC's untimed starts can be placed.
 */
const MAX_CHARS = 64 * 1024 * 1024;

/** OpenTok (`partnerId`, `projectId`) and Vonage Video API v2 (`applicationId`) archive objects. */
const ARCHIVE = /"(partnerId|projectId|applicationId)"\s*:/;
const ARCHIVE_STATUS =
	/"status"\s*:\s*"(started|paused|stopped|uploaded|available|expired|failed)"/i;
const MONITORING = /"event"\s*:\s*"(connection|stream)(Created|Destroyed)"/;
const SPARK = /"event_type"\s*:\s*"RECORD_(NEW_FILE_START|FILE_COMPLETE)"/;
const ARCHIVE_CALLBACK = /"event"\s*:\s*"archive"/;
const BROADCAST = /"broadcastUrls"\s*:|"event"\s*:\s*"broadcast"/;

export function detectRecordingJson(sniff: Sniff): number {
	const text = sniff.text.trimStart();
	if (!text.startsWith('{') && !text.startsWith('[')) return 0;
	if (SPARK.test(sniff.text)) return 0.95;
	if (MONITORING.test(sniff.text)) return 0.9;
	if (ARCHIVE_CALLBACK.test(sniff.text)) return 0.9;
	// A broadcast (live-streaming) list has archive-like fields: it is not an archive.
	if (BROADCAST.test(sniff.text)) return 0;
	if (
		ARCHIVE.test(sniff.text) &&
		ARCHIVE_STATUS.test(sniff.text) &&
		/"createdAt"\s*:/.test(sniff.text)
	)
		return 0.9;
	return 0;
}

export const recordingJsonFormat: DocumentFormat = {
	kind: 'document',
	id: 'recording-json',
	label: INPUT_LABELS['recording-json'],
	detect: detectRecordingJson,
	createParser: createRecordingParser
};

function createRecordingParser(ctx: ParseContext, sink: ParseSink): DocumentParser {
	return wholeTextParser(
		ctx,
		{
			maxChars: MAX_CHARS,
			what: 'recording/callback',
			splitHint: 'Split it into smaller files (JSON Lines split anywhere between lines).'
		},
		(text) => {
			const read = readJsonItems(text);
			for (const e of read.errors) {
				ctx.problems.add({
					code: PROBLEM_CODES.invalidJson,
					severity: 'error',
					line: e.line,
					message: `Line ${e.line} is ${e.message}; ${read.container === 'lines' ? 'the line was skipped' : 'nothing in the file could be read'}.`,
					excerpt: excerpt(e.excerpt)
				});
			}
			const spark: { o: Record<string, unknown>; line: number }[] = [];
			const apply = (mapped: Mapped, line: number) => {
				for (const r of mapped.records) sink.record(r);
				for (const p of mapped.problems) ctx.problems.add({ ...p, line });
			};
			read.items.forEach(({ value, line }, index) => {
				if (!value || typeof value !== 'object' || Array.isArray(value)) {
					ctx.problems.add({
						code: PROBLEM_CODES.notAnObject,
						severity: 'error',
						line,
						message: `Item ${index + 1} (line ${line}) is not a JSON object; it was skipped.`,
						excerpt: excerpt(JSON.stringify(value))
					});
					return;
				}
				const o = value as Record<string, unknown>;
				if (isSparkCallback(o)) spark.push({ o, line });
				else if (isMonitoringCallback(o)) apply(mapMonitoring(o, line), line);
				else if (isOpentokArchive(o)) apply(mapArchive(o, line), line);
				else {
					ctx.problems.add({
						code: PROBLEM_CODES.unknownEvent,
						severity: 'error',
						line,
						message: `Item ${index + 1} (line ${line}) is neither an archive nor a recording or session callback (its keys: ${Object.keys(o).slice(0, 8).join(', ')}); it was skipped.`,
						excerpt: excerpt(JSON.stringify(o))
					});
				}
			});
			if (spark.length > 0) {
				const mapped = mapSparkCallbacks(spark);
				for (const r of mapped.records) sink.record(r);
				// Spark problems name their own lines in the message; attach the first line for sorting.
				for (const p of mapped.problems)
					ctx.problems.add({
						...p,
						line: Number(/^Line (\d+)/.exec(p.message)?.[1] ?? spark[0]?.line ?? 1)
					});
			}
		}
	);
}
