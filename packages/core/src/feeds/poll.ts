import { REQUEST_TIMEOUT_MS } from '../model/feeds.js';
import type { FeedContext } from './context.js';
import { FeedError, htmlFailure, looksLikeHtml, statusFailure } from './explain.js';
import { backoffMs, feedFetch, FeedStopped, readBody, sleep } from './http.js';

/** What one poll did. */
export interface PollResult {
	received: number;
	stored: number;
	/** A sentence for the status line (problems of this poll, or what it saw). */
	note?: string;
	/** Poll again at once (a rotated file to read from the start). */
	again?: boolean;
}

/**
 * Runs `once` every `intervalMs` until stopped. Failures are shown on the feed's status and
 * retried with backoff (never faster than the interval); a refused credential stops the loop
 * with state `needs-key`. Nothing thrown here reaches the worker.
 */
export async function pollLoop(ctx: FeedContext, once: () => Promise<PollResult>): Promise<void> {
	const interval = ctx.feed.settings.intervalMs;
	let failures = 0;
	for (;;) {
		let wait = interval;
		try {
			ctx.add({ requests: 1 });
			const result = await once();
			failures = 0;
			ctx.add({ received: result.received, stored: result.stored });
			await ctx.status({
				state: 'live',
				message: result.note ?? `Polling every ${interval / 1000} s.`,
				lastOkAt: ctx.now(),
				retryAt: null
			});
			if (result.again) wait = 0;
		} catch (error) {
			if (error instanceof FeedStopped || ctx.stop.aborted) return;
			const failure = asFeedError(error);
			if (failure.kind === 'auth') {
				await ctx.status({
					state: 'needs-key',
					message: failure.message,
					lastErrorAt: ctx.now(),
					retryAt: null
				});
				return;
			}
			failures++;
			wait = backoffMs(failures, interval);
			await ctx.status({
				state: 'retrying',
				message: failure.message,
				lastErrorAt: ctx.now(),
				retryAt: ctx.now() + wait
			});
		}
		try {
			await sleep(wait, ctx.stop);
		} catch {
			return;
		}
	}
}

/** Any error as a FeedError (storage errors and bugs are reported, not thrown). */
export function asFeedError(error: unknown): FeedError {
	if (error instanceof FeedError) return error;
	const message = error instanceof Error ? error.message : String(error);
	if (error instanceof Error && /quota/i.test(error.name + message)) {
		return new FeedError(
			'Storage is full: nothing of this poll was stored. Free space (Settings → Storage) and the feed goes on.',
			'server'
		);
	}
	return new FeedError(`Unexpected problem: ${message}`, 'server');
}

/**
 * GETs a JSON document with the checks every JSON feed needs: status, HTML login pages,
 * timeouts, invalid JSON.
 * @throws FeedError, FeedStopped
 */
export async function getJson(
	ctx: FeedContext,
	url: string,
	headers: Record<string, string>
): Promise<unknown> {
	const kind = ctx.feed.settings.kind;
	const response = await feedFetch(
		kind,
		url,
		{ headers: { Accept: 'application/json', ...headers } },
		REQUEST_TIMEOUT_MS,
		ctx.stop
	);
	const failed = statusFailure(kind, url, response.status);
	if (failed) throw failed;
	const text = await readBody(response.text(), url, REQUEST_TIMEOUT_MS, ctx.stop);
	if (looksLikeHtml(text, response.headers.get('content-type'))) throw htmlFailure(url);
	try {
		return JSON.parse(text) as unknown;
	} catch {
		throw new FeedError(
			`The answer is not valid JSON (it starts with ${JSON.stringify(text.slice(0, 40))}).`,
			'data'
		);
	}
}
