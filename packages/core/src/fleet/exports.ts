import { isoDay, pctCell, toCsv } from '../util/csv.js';
import type { Diagnostics } from './diagnostics.js';
import { EXCEPTION_TYPE_LABELS } from './diagnostics.js';
import { DURATION_SERIES, type DurationStats } from './durations.js';
import type { Insights } from './insights.js';

/**
 * The fleet views' CSV exports: one row per day (Data Insights "Details", Duration Statistics)
 * or per exception (Diagnostics). Minutes with two decimals, rates in percent, times in UTC ISO.
 */

const min2 = (v: number) => v.toFixed(2);

export const INSIGHTS_CSV_FIELDS = [
	'date_utc',
	'app',
	'call_minutes',
	'video_call_minutes',
	'audio_call_minutes',
	'rooms',
	'max_concurrent_rooms',
	'max_concurrent_users',
	'call_participants',
	'call_sessions',
	'room_loaded_pct',
	'room_loaded_5s_pct',
	'video_freeze_pct',
	'audio_freeze_pct',
	'hq_video_pct',
	'hq_audio_pct'
] as const;

export function insightsCsv(insights: Insights, app: string): string {
	return toCsv(
		INSIGHTS_CSV_FIELDS,
		insights.daily.map((d) => [
			isoDay(d.day),
			app,
			min2(d.callMin),
			min2(d.videoMin),
			min2(d.audioMin),
			d.rooms,
			d.peakRooms,
			d.peakUsers,
			d.participants,
			d.joins,
			pctCell(d.rates.roomLoaded.value),
			pctCell(d.rates.roomLoaded5s.value),
			pctCell(d.rates.videoFreeze.value),
			pctCell(d.rates.audioFreeze.value),
			pctCell(d.rates.hqVideo.value),
			pctCell(d.rates.hqAudio.value)
		])
	);
}

export const DURATIONS_CSV_FIELDS = [
	'date_utc',
	'app',
	'audio_minutes',
	'video_sd_minutes',
	'video_hd_minutes',
	'video_uhd_minutes',
	'video_unknown_resolution_minutes'
] as const;

export function durationsCsv(stats: DurationStats, app: string): string {
	return toCsv(
		DURATIONS_CSV_FIELDS,
		Array.from(stats.t, (day, i) => [isoDay(day), app, ...DURATION_SERIES.map((s) => min2(stats.minutes[s][i] ?? 0))])
	);
}

export const DIAGNOSTICS_CSV_FIELDS = [
	'call_time_utc',
	'app',
	'room',
	'user',
	'participant_id',
	'phase',
	'type',
	'cause',
	'source',
	'value'
] as const;

export function diagnosticsCsv(dx: Diagnostics): string {
	return toCsv(
		DIAGNOSTICS_CSV_FIELDS,
		dx.rows.map((r) => [
			new Date(r.at).toISOString(),
			r.app,
			r.sessionId,
			r.user,
			r.participantId,
			r.phase,
			EXCEPTION_TYPE_LABELS[r.type],
			r.cause,
			r.source ?? '',
			r.value === null ? '' : r.type === 'slowLoading' ? `${Math.round(r.value)} ms` : `${r.value.toFixed(2)} %`
		])
	);
}
