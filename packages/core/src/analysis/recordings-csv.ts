import { toCsv } from '../util/csv.js';
import { PROVIDER_LABELS, type Provider } from '../model/ids.js';
import type { ArchiveAnalysis } from './archive.js';
import type { Recording } from '../model/session.js';

/** The Recordings list as CSV: one row per recording, UTC ISO times, seconds and bytes. */
export const RECORDINGS_CSV_FIELDS = [
	'provider',
	'session',
	'recording_id',
	'name_or_stream',
	'status',
	'started_utc',
	'stopped_utc',
	'duration_s',
	'running_s',
	'paused_s',
	'size_bytes',
	'format',
	'mode',
	'resolution'
] as const;

export function recordingsCsv(
	rows: readonly { provider: Provider; sessionId: string; recording: Recording; analysis: ArchiveAnalysis }[]
): string {
	const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
	const s = (ms: number | null) => (ms === null ? null : Math.round(ms / 1000));
	return toCsv(
		RECORDINGS_CSV_FIELDS,
		rows.map((r) => [
			PROVIDER_LABELS[r.provider],
			r.sessionId,
			r.recording.recordingId,
			r.recording.name ?? r.recording.streamName,
			r.analysis.status === 'unknown' ? r.recording.status : r.analysis.status,
			iso(r.analysis.startedAt),
			iso(r.analysis.stoppedAt),
			r.recording.durationS,
			s(r.analysis.runningMs),
			s(r.analysis.pausedMs),
			r.recording.sizeBytes,
			r.recording.format,
			r.recording.outputMode,
			r.recording.resolution
		])
	);
}
