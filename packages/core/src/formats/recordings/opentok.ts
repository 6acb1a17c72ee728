import type { ModelEvent, RecordingDetail } from '../../model/events.js';
import { sessionKey, sessionScope } from '../../model/ids.js';
import { PROBLEM_CODES, type Problem } from '../../model/problems.js';
import type { ParsedRecord, SessionRef } from '../types.js';
import { readTime, type TimeRead } from './time.js';

/**
 * Vonage / OpenTok inputs (vonage-archive-inspector.txt; the REST API's archive JSON as the SDK
 * fixtures in ../shared/data/real/opentok show it; archive-status and session-monitoring
 * callbacks). All become events of the session `vonage:<sessionId>`, so the session inspector
 * and the archive inspector read them like any other provider's.
 */

/** The archive statuses the Archive Inspector documents. */
export const OPENTOK_STATUSES = ['started', 'paused', 'stopped', 'uploaded', 'available', 'expired', 'failed'] as const;

export type ItemProblem = Omit<Problem, 'line'>;

export interface Mapped {
	records: ParsedRecord[];
	problems: ItemProblem[];
}

function vonageSession(sessionId: string): SessionRef {
	return { key: sessionKey('vonage', sessionId), provider: 'vonage', sessionId };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);
const num = (v: unknown): number | undefined => {
	if (typeof v === 'number' && Number.isFinite(v)) return v;
	if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
	return undefined;
};

/** True for an archive object (REST) or an archive-status callback (`"event": "archive"`). */
export function isOpentokArchive(o: Record<string, unknown>): boolean {
	if ('broadcastUrls' in o || o.event === 'broadcast') return false;
	return (
		typeof o.id === 'string' &&
		typeof o.status === 'string' &&
		'createdAt' in o &&
		('sessionId' in o || 'partnerId' in o || 'projectId' in o || 'applicationId' in o)
	);
}

/** True for a session-monitoring callback (connectionCreated/Destroyed, streamCreated/Destroyed). */
export function isMonitoringCallback(o: Record<string, unknown>): boolean {
	return typeof o.event === 'string' && /^(connection|stream)(Created|Destroyed)$/.test(o.event) && typeof o.sessionId === 'string';
}

/**
 * One archive snapshot or callback → recording events. A snapshot says the archive's status
 * now; its start is implied at `createdAt` (marked inferred) unless the status is "started", and
 * the status itself is placed at `updatedAt`, else at createdAt + duration (when it stopped).
 */
export function mapArchive(o: Record<string, unknown>, line: number): Mapped {
	const problems: ItemProblem[] = [];
	const id = o.id as string;
	const sessionId = str(o.sessionId);
	if (!sessionId) {
		return {
			records: [],
			problems: [{ code: PROBLEM_CODES.missingField, severity: 'error', message: `Archive ${id} has no sessionId, so it can't be placed in a session; it was skipped.` }]
		};
	}
	const status = String(o.status).toLowerCase();
	if (!(OPENTOK_STATUSES as readonly string[]).includes(status)) {
		problems.push({ code: PROBLEM_CODES.suspiciousValue, severity: 'warning', message: `Archive ${id} has the status "${String(o.status)}", which the Archive Inspector does not document; it is kept as written.` });
	}
	const created = readTime(o.createdAt, 'createdAt');
	const updated = o.updatedAt !== undefined ? readTime(o.updatedAt, 'updatedAt') : null;
	for (const t of [created, updated]) if (t?.note) problems.push({ code: PROBLEM_CODES.suspiciousValue, severity: 'warning', message: `Archive ${id}: ${t.note}` });
	if (!created || created.ms === null) {
		return {
			records: [],
			problems: [...problems, { code: PROBLEM_CODES.missingField, severity: 'error', message: `Archive ${id} has no readable createdAt, so it has no place in time; it was skipped.` }]
		};
	}
	const durationS = num(o.duration);
	const size = num(o.size);
	if (size !== undefined && size < 0) {
		problems.push({ code: PROBLEM_CODES.suspiciousValue, severity: 'warning', message: `Archive ${id} has a negative size (${size}); it is shown as written and marked.` });
	}
	const outputMode = str(o.outputMode)?.toLowerCase();
	const streamMode = str(o.streamMode);
	const detail: RecordingDetail = {
		kind: 'recording',
		recordingId: id,
		status,
		startAt: created.ms
	};
	const name = str(o.name);
	if (name) detail.name = name;
	if (outputMode) {
		detail.outputMode = outputMode;
		detail.format = outputMode === 'individual' ? 'ZIP' : 'MP4';
	}
	const resolution = str(o.resolution);
	if (resolution) detail.resolution = resolution;
	const hasAudio = bool(o.hasAudio);
	const hasVideo = bool(o.hasVideo);
	if (hasAudio !== undefined) detail.hasAudio = hasAudio;
	if (hasVideo !== undefined) detail.hasVideo = hasVideo;
	if (size !== undefined) detail.sizeBytes = size;
	if (durationS !== undefined) detail.durationS = durationS;
	const url = str(o.url);
	if (url) {
		detail.url = url;
		// 2014-era archives have no outputMode: the file name in the URL says what it is.
		const ext = /\.(mp4|zip|m3u8)(\?|$)/i.exec(url)?.[1]?.toLowerCase();
		if (!detail.format && ext) detail.format = ext === 'm3u8' ? 'HLS' : ext.toUpperCase();
	}
	if (streamMode) detail.layout = `streamMode ${streamMode}`;
	const session = vonageSession(sessionId);
	const reason = str(o.reason);
	// When the status was reached: `updatedAt` when the object has it; for a finished archive,
	// createdAt + its duration; otherwise (a "stopped" reply before the duration is known) it is
	// not in the data — placed at createdAt for order, and marked so no duration is measured from it.
	const open = status === 'started' || status === 'paused';
	const atUnknown = !updated?.ms && !open && !(durationS && durationS > 0);
	const at = updated?.ms ?? (status === 'started' ? created.ms : open || atUnknown ? created.ms : created.ms + (durationS as number) * 1000);
	if (atUnknown) detail.atUnknown = true;
	const event = (status_: string, at_: number, inferred: boolean): ParsedRecord => {
		const e: ModelEvent = {
			at: at_,
			type: 'archiveStatus',
			category: 'recording',
			phase: 'status',
			severity: status_ === 'failed' ? 'error' : 'info',
			detail: inferred ? { kind: 'recording', recordingId: id, status: status_, startAt: created.ms as number, inferred: true } : detail,
			line
		};
		if (!inferred && reason) e.reason = reason;
		return { scope: sessionScope(session.key), session, event: e };
	};
	const records = status === 'started' ? [event('started', created.ms, false)] : [event('started', created.ms, true), event(status, at, false)];
	return { records, problems };
}

/** One session-monitoring callback → a connection or stream start/end of the session. */
export function mapMonitoring(o: Record<string, unknown>, line: number): Mapped {
	const kind = o.event as string;
	const session = vonageSession(o.sessionId as string);
	const time: TimeRead | null = readTime(o.timestamp, 'timestamp');
	const problems: ItemProblem[] = time?.note ? [{ code: PROBLEM_CODES.suspiciousValue, severity: 'warning', message: `${kind}: ${time.note}` }] : [];
	if (!time || time.ms === null) {
		return { records: [], problems: [...problems, { code: PROBLEM_CODES.missingField, severity: 'error', message: `A ${kind} callback has no readable timestamp; it was skipped.` }] };
	}
	const start = kind.endsWith('Created');
	const reason = str(o.reason);
	if (kind.startsWith('connection')) {
		const c = (o.connection ?? {}) as Record<string, unknown>;
		const id = str(c.id);
		if (!id) return { records: [], problems: [...problems, { code: PROBLEM_CODES.missingField, severity: 'error', message: `A ${kind} callback has no connection.id; it was skipped.` }] };
		const createdAt = num(c.createdAt);
		const data = str(c.data);
		const e: ModelEvent = {
			at: time.ms,
			type: kind,
			category: 'connection',
			phase: start ? 'start' : 'end',
			severity: reason && /networkDisconnected|forceDisconnected/i.test(reason) ? 'warning' : 'info',
			participantId: id,
			detail: { kind: 'connection', ...(data ? { clientData: data } : {}), ...(createdAt !== undefined && !start ? { startAt: createdAt } : {}) },
			line
		};
		if (reason) e.reason = reason;
		return { records: [{ scope: sessionScope(session.key), session, event: e }], problems };
	}
	const s = (o.stream ?? {}) as Record<string, unknown>;
	const streamId = str(s.id);
	const connection = (s.connection ?? {}) as Record<string, unknown>;
	const participantId = str(connection.id);
	if (!streamId || !participantId) {
		return { records: [], problems: [...problems, { code: PROBLEM_CODES.missingField, severity: 'error', message: `A ${kind} callback has no stream.id or stream.connection.id; it was skipped.` }] };
	}
	const videoType = str(s.videoType);
	const createdAt = num(s.createdAt);
	const e: ModelEvent = {
		at: time.ms,
		type: kind,
		category: 'publish',
		phase: start ? 'start' : 'end',
		severity: 'info',
		participantId,
		streamId,
		detail: {
			kind: 'stream',
			...(videoType === 'screen' ? { source: 'screen' as const } : videoType === 'camera' ? { source: 'camera' as const } : {}),
			...(videoType ? { hasVideo: true } : {}),
			...(createdAt !== undefined && !start ? { startAt: createdAt } : {})
		},
		line
	};
	if (reason) e.reason = reason;
	return { records: [{ scope: sessionScope(session.key), session, event: e }], problems };
}
