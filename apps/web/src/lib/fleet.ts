import { isoOf } from '$lib/format';
import { ALL_APPS, clampDayRange, DAY_MS, type DayRange, type Rate } from '@rtcscope/core/fleet';

/**
 * URL state of the fleet views: the app (absent = all apps) and the day range or time window.
 * Parsing clamps to the console's limits (last 90 days of data, at most 31 days or 24 hours).
 */
export function appParam(params: URLSearchParams): string {
	return params.get('app') || ALL_APPS;
}

/** "2026-11-02" ↔ UTC midnight ms. */
export function isoDate(ms: number): string {
	return isoOf(ms)?.slice(0, 10) ?? '';
}

export function parseIsoDate(text: string | null): number | undefined {
	if (!text || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
	const ms = Date.parse(`${text}T00:00:00Z`);
	return Number.isFinite(ms) ? ms : undefined;
}

/** The range in the URL (`from`, `to` inclusive last day), clamped against the newest data. */
export function dayRangeParam(params: URLSearchParams, newestAt: number): DayRange {
	const from = parseIsoDate(params.get('from'));
	const last = parseIsoDate(params.get('to'));
	return clampDayRange({ from, to: last === undefined ? undefined : last + DAY_MS }, newestAt);
}

/** A rate as the views print it: "97.4 %", or "no data" when nothing could be measured. */
export function pct(rate: Rate | number | null | undefined, digits = 1): string {
	const value = typeof rate === 'object' && rate !== null ? rate.value : rate;
	return value == null || !Number.isFinite(value) ? 'no data' : `${(value * 100).toFixed(digits)} %`;
}

/** Minutes with thousands separators ("12,345 min"). */
export function minutes(value: number): string {
	return `${Math.round(value).toLocaleString('en')} min`;
}

/** Starts a download of `text` as a file (CSV exports; nothing leaves the machine). */
export function download(name: string, content: string | Uint8Array, type = 'text/csv;charset=utf-8'): void {
	const part: BlobPart = typeof content === 'string' ? content : new Uint8Array(content);
	const url = URL.createObjectURL(new Blob([part], { type }));
	const a = document.createElement('a');
	a.href = url;
	a.download = name;
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** The Real-Time / Diagnostics window in the URL: `span` hours (1–24), `end` ms, `follow`. */
export interface WindowParams {
	spanHours: number;
	end: number;
	follow: boolean;
}

export function windowParam(params: URLSearchParams, first: number, newest: number): WindowParams {
	const span = Number(params.get('span'));
	const spanHours = [1, 3, 6, 12, 24].includes(span) ? span : 24;
	const follow = params.get('follow') !== '0';
	const endParam = Number(params.get('end'));
	const end = follow || !Number.isFinite(endParam) || endParam <= 0 ? newest : Math.min(newest, Math.max(first, endParam));
	return { spanHours, end, follow };
}

/** uPlot draws gaps for null, not NaN (NaN also breaks its auto range): a column for a chart. */
export function withGaps(values: ArrayLike<number>): (number | null)[] {
	return Array.from(values, (v) => (Number.isFinite(v) ? v : null));
}

/**
 * Marks a fleet view as drawn with its data (bench/run.ts times navigation and range changes to
 * this mark). Call from an $effect that reads the computed view model: effects run after the DOM
 * has been updated.
 */
export function markViewReady(view: string): void {
	performance.mark('rtcscope:view-ready', { detail: view });
}
