import type { ModelEvent, RecordingDetail } from '../../model/events.js';
import { sessionKey, sessionScope } from '../../model/ids.js';
import { PROBLEM_CODES } from '../../model/problems.js';
import type { ParsedRecord, SessionRef } from '../types.js';
import type { ItemProblem, Mapped } from './opentok.js';
import { readTime } from './time.js';

/**
 * SparkRTC recording callbacks (sparkrtc-console-guide.txt §3.2, Table 3-2). One recording task
 * (`job_id`) writes files; each file is a recording: RECORD_NEW_FILE_START opens it, and
 * RECORD_FILE_COMPLETE closes it with `start_time`/`end_time` (ISO UTC), `record_duration` (s),
 * `file_size` (bytes), the resolution and where it is stored in OBS.
 *
 * RECORD_NEW_FILE_START carries no time: it takes the `start_time` of the next RECORD_FILE_COMPLETE
 * of the same job and stream, else the last time the file showed before it (noted).
 */
export const SPARK_EVENTS = ['RECORD_NEW_FILE_START', 'RECORD_FILE_COMPLETE'] as const;

export function isSparkCallback(o: Record<string, unknown>): boolean {
	return typeof o.event_type === 'string' && /^RECORD_/.test(o.event_type) && ('job_id' in o || 'room_id' in o);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : undefined);

/** Tolerance when comparing record_duration with end_time − start_time. */
const DURATION_SLACK_S = 2;

export function mapSparkCallbacks(items: { o: Record<string, unknown>; line: number }[]): Mapped {
	const records: ParsedRecord[] = [];
	const problems: ItemProblem[] = [];
	const seen = new Map<string, number>();
	let lastKnown: number | null = null;
	items.forEach(({ o, line }, index) => {
		const type = String(o.event_type);
		const job = str(o.job_id) ?? '(no job_id)';
		const room = str(o.room_id);
		if (!room) {
			problems.push({ code: PROBLEM_CODES.missingField, severity: 'error', message: `Line ${line}: a ${type} callback has no room_id, so it can't be placed in a room; it was skipped.` });
			return;
		}
		if (!(SPARK_EVENTS as readonly string[]).includes(type)) {
			problems.push({ code: PROBLEM_CODES.unknownEvent, severity: 'warning', message: `Line ${line}: "${type}" is not an event type of Table 3-2; it is kept as written.` });
		}
		const streamName = str(o.stream_name);
		const start = readTime(o.start_time, 'start_time');
		const end = readTime(o.end_time, 'end_time');
		for (const t of [start, end]) if (t?.note) problems.push({ code: PROBLEM_CODES.suspiciousValue, severity: 'warning', message: `Line ${line}: ${t.note}` });
		const dupKey = `${job}|${type}|${streamName ?? ''}|${str(o.start_time) ?? ''}|${str(o.end_time) ?? ''}`;
		const firstLine = seen.get(dupKey);
		if (firstLine !== undefined) {
			problems.push({ code: PROBLEM_CODES.suspiciousValue, severity: 'warning', message: `Line ${line}: the same ${type} callback of job ${job} as line ${firstLine} (a retried delivery); it is counted once.` });
		} else seen.set(dupKey, line);
		let at: number | null = null;
		let startAt: number | null = start?.ms ?? null;
		if (type === 'RECORD_NEW_FILE_START') {
			const next = items.slice(index + 1).find(({ o: x }) => x.event_type === 'RECORD_FILE_COMPLETE' && str(x.job_id) === str(o.job_id) && str(x.stream_name) === streamName);
			const nextStart = next ? readTime(next.o.start_time, 'start_time')?.ms ?? null : null;
			at = nextStart ?? lastKnown;
			startAt = at;
			if (nextStart === null) {
				problems.push({
					code: PROBLEM_CODES.missingField,
					severity: 'warning',
					message:
						at === null
							? `Line ${line}: RECORD_NEW_FILE_START carries no time and no RECORD_FILE_COMPLETE of job ${job} follows it, nor does any earlier time: it is listed without a time.`
							: `Line ${line}: RECORD_NEW_FILE_START carries no time and no RECORD_FILE_COMPLETE of job ${job} follows it: it is placed at the previous callback's time.`
				});
			}
		} else {
			at = end?.ms ?? start?.ms ?? null;
		}
		const durationS = num(o.record_duration);
		if (start?.ms != null && end?.ms != null && durationS !== undefined) {
			const span = (end.ms - start.ms) / 1000;
			if (Math.abs(span - durationS) > DURATION_SLACK_S) {
				problems.push({ code: PROBLEM_CODES.suspiciousValue, severity: 'warning', message: `Line ${line}: record_duration is ${durationS} s but start_time → end_time is ${Math.round(span)} s; both are shown.` });
			}
		}
		const size = num(o.file_size);
		if (size !== undefined && size < 0) problems.push({ code: PROBLEM_CODES.suspiciousValue, severity: 'warning', message: `Line ${line}: file_size is negative (${size}); it is shown as written and marked.` });
		if (at !== null) lastKnown = Math.max(lastKnown ?? at, at);
		const session: SessionRef = { key: sessionKey('sparkrtc', room), provider: 'sparkrtc', sessionId: room };
		const detail: RecordingDetail = {
			kind: 'recording',
			recordingId: job,
			status: type === 'RECORD_NEW_FILE_START' ? 'started' : type === 'RECORD_FILE_COMPLETE' ? 'uploaded' : type.toLowerCase(),
			...(startAt !== null ? { startAt } : {}),
			...(streamName ? { streamName, name: streamName } : {})
		};
		const format = str(o.record_format);
		if (format) detail.format = format.toUpperCase();
		if (size !== undefined) detail.sizeBytes = size;
		if (durationS !== undefined) detail.durationS = durationS;
		const w = num(o.width);
		const h = num(o.height);
		if (w && h) detail.resolution = `${w}x${h}`;
		const url = str(o.download_url);
		if (url) detail.url = url;
		const location = [str(o.obs_location), str(o.obs_bucket), str(o.obs_object)].filter(Boolean).join(' · ');
		if (location) detail.location = location;
		const event: ModelEvent = {
			at: at ?? 0,
			type,
			category: 'recording',
			phase: 'status',
			severity: 'info',
			detail,
			line
		};
		const message = str(o.detail_message);
		if (message) event.reason = message;
		records.push({ scope: sessionScope(session.key), session, event });
	});
	return { records, problems };
}
