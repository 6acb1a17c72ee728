import type { FeedKind } from '../model/feeds.js';
import { networkFailure, timeoutFailure } from './explain.js';

/** Thrown when the feed was stopped while a request ran: not a failure to report. */
export class FeedStopped extends Error {
	constructor() {
		super('The feed was stopped.');
		this.name = 'FeedStopped';
	}
}

/**
 * fetch() with a timeout, and failures turned into {@link FeedError}s a user can read.
 * `stop` aborts the request (the feed is paused or removed): FeedStopped is thrown then.
 */
export async function feedFetch(
	kind: FeedKind,
	url: string,
	init: RequestInit,
	timeoutMs: number,
	stop: AbortSignal
): Promise<Response> {
	const timeout = new AbortController();
	const timer = setTimeout(() => timeout.abort(), timeoutMs);
	const onStop = () => timeout.abort();
	stop.addEventListener('abort', onStop);
	try {
		return await fetch(url, {
			...init,
			signal: timeout.signal,
			cache: 'no-store',
			credentials: 'omit'
		});
	} catch {
		if (stop.aborted) throw new FeedStopped();
		if (timeout.signal.aborted) throw timeoutFailure(url, timeoutMs);
		throw networkFailure(kind, url);
	} finally {
		clearTimeout(timer);
		stop.removeEventListener('abort', onStop);
	}
}

/** Reads a body with the same timeout (a server that sends headers and then nothing). */
export async function readBody<T>(
	read: Promise<T>,
	url: string,
	timeoutMs: number,
	stop: AbortSignal
): Promise<T> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	let onStop: (() => void) | undefined;
	try {
		return await Promise.race([
			read,
			new Promise<never>((_, reject) => {
				timer = setTimeout(() => reject(timeoutFailure(url, timeoutMs)), timeoutMs);
				onStop = () => reject(new FeedStopped());
				stop.addEventListener('abort', onStop);
			})
		]);
	} finally {
		clearTimeout(timer);
		if (onStop) stop.removeEventListener('abort', onStop);
	}
}

/** Waits `ms`, or less when stopped (then throws FeedStopped). */
export function sleep(ms: number, stop: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		if (stop.aborted) return reject(new FeedStopped());
		const timer = setTimeout(() => {
			stop.removeEventListener('abort', onStop);
			resolve();
		}, ms);
		const onStop = () => {
			clearTimeout(timer);
			reject(new FeedStopped());
		};
		stop.addEventListener('abort', onStop, { once: true });
	});
}

/** Joins a base URL and a path without doubling or losing a slash. */
export function joinUrl(base: string, path: string): string {
	return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** Exponential backoff: 2 s, 4 s, … capped at 60 s, never shorter than `floorMs`. */
export function backoffMs(failures: number, floorMs = 0): number {
	return Math.max(floorMs, Math.min(60_000, 2_000 * 2 ** Math.max(0, failures - 1)));
}
