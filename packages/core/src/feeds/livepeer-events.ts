import { EventSource, type FetchLike } from 'eventsource';
import { toEventRow } from '../formats/livepeer/normalize.js';
import type { LivepeerEventRow } from '../model/livepeer.js';
import { writeLivepeer } from '../storage/livepeer.js';
import type { FeedContext } from './context.js';
import { FeedError, htmlFailure, networkFailure, statusFailure } from './explain.js';
import { backoffMs, joinUrl, sleep } from './http.js';
import { asFeedError } from './poll.js';

/** Events are written in small batches: at most this long after they arrive. */
const FLUSH_MS = 100;
/** Reconnects the client makes on its own (at the server's `retry:` interval) before ours back off. */
const MAX_QUIET_RECONNECTS = 3;

/**
 * Subscribes to `GET {api}/data/stream/{id}/events` (Server-Sent Events, livepeer-stream-health.txt
 * "Events") with the `eventsource` package — the client Livepeer's document recommends; it is
 * fetch-based, so it can send `Authorization`, and it works in a Web Worker.
 *
 * Resuming: the first connection asks `from` = the last stored event time − 1 ms (the API's
 * `from` is exclusive) and sends `Last-Event-ID`; after a drop the client reconnects by itself
 * with `Last-Event-ID` at the server's `retry:` interval; after repeated failures or a refused
 * connection this runner restarts it with exponential backoff. Events are keyed by id, so what
 * a server sends twice is stored once.
 */
export async function runLivepeerEvents(ctx: FeedContext): Promise<void> {
	const { url, streamId = '' } = ctx.feed.settings;
	// A new feed on a stream whose events were imported from a file starts after the newest of them.
	if (ctx.readCursor().lastEventAt == null) {
		const newest = await ctx.db.livepeerEvents
			.where('[streamId+timestamp]')
			.between([streamId, -Infinity], [streamId, Infinity])
			.last();
		if (newest) ctx.cursor({ lastEventAt: newest.timestamp });
	}
	let failures = 0;
	while (!ctx.stop.aborted) {
		const outcome = await connectOnce(ctx, url, streamId, () => {
			failures = 0;
		});
		if (ctx.stop.aborted || outcome.kind === 'stopped') return;
		if (outcome.kind === 'auth') {
			await ctx.status({
				state: 'needs-key',
				message: outcome.error.message,
				lastErrorAt: ctx.now(),
				retryAt: null
			});
			return;
		}
		failures++;
		const wait = backoffMs(failures, ctx.readCursor().retryMs ?? 0);
		await ctx.status({
			state: 'retrying',
			message: `${outcome.error.message} Reconnecting in ${Math.round(wait / 1000)} s.`,
			lastErrorAt: ctx.now(),
			retryAt: ctx.now() + wait
		});
		try {
			await sleep(wait, ctx.stop);
		} catch {
			return;
		}
	}
}

type Outcome = { kind: 'auth' | 'retry'; error: FeedError };

function connectOnce(
	ctx: FeedContext,
	base: string,
	streamId: string,
	onOpen: () => void
): Promise<Outcome | { kind: 'stopped' }> {
	return new Promise((resolve) => {
		const cursor = ctx.readCursor();
		const endpoint = new URL(joinUrl(base, `data/stream/${encodeURIComponent(streamId)}/events`));
		if (typeof cursor.lastEventAt === 'number')
			endpoint.searchParams.set('from', String(cursor.lastEventAt - 1));
		const startId = cursor.lastEventId ?? null;
		let lastFailure: FeedError | null = null;
		let quietReconnects = 0;
		let buffer: LivepeerEventRow[] = [];
		let flushTimer: ReturnType<typeof setTimeout> | undefined;
		let writing: Promise<void> = Promise.resolve();
		let done = false;

		const authorizedFetch: FetchLike = async (input, init) => {
			const headers: Record<string, string> = {
				...init.headers,
				Authorization: `Bearer ${ctx.secret ?? ''}`
			};
			// The client sends Last-Event-ID on its own reconnects; the first connection resumes from the cursor.
			if (!headers['Last-Event-ID'] && startId) headers['Last-Event-ID'] = startId;
			ctx.add({ requests: 1 });
			let response: Response;
			try {
				response = await fetch(input, { ...init, headers, credentials: 'omit', cache: 'no-store' });
			} catch (error) {
				lastFailure = init.signal?.aborted
					? null
					: networkFailure('livepeer-events', endpoint.href);
				throw error;
			}
			const type = response.headers.get('content-type') ?? '';
			lastFailure =
				statusFailure('livepeer-events', endpoint.href, response.status) ??
				(/text\/html/i.test(type)
					? htmlFailure(endpoint.href)
					: type.startsWith('text/event-stream')
						? null
						: new FeedError(
								`${endpoint.origin} did not answer with an event stream (content type “${type || 'none'}”).`,
								'data'
							));
			return response;
		};

		const es = new EventSource(endpoint, { fetch: authorizedFetch });

		const flush = () => {
			flushTimer = undefined;
			const rows = buffer;
			buffer = [];
			if (rows.length === 0) return writing;
			writing = writing.then(async () => {
				try {
					const stored = await writeLivepeer(ctx.db, { events: rows, health: [] });
					const last = rows.reduce((a, b) => (b.timestamp >= a.timestamp ? b : a));
					const realIds = rows.filter((r) => !r.id.startsWith('nid:'));
					const lastReal = realIds[realIds.length - 1];
					ctx.cursor({
						lastEventAt: Math.max(last.timestamp, ctx.readCursor().lastEventAt ?? -Infinity),
						...(lastReal ? { lastEventId: lastReal.id } : {})
					});
					ctx.add({ received: rows.length, stored });
					await ctx.status({
						state: 'live',
						message: `Connected; last event ${new Date(last.timestamp).toISOString().replace('T', ' ').slice(0, 19)} UTC.`,
						lastOkAt: ctx.now(),
						retryAt: null
					});
				} catch (error) {
					await ctx.status({
						state: 'retrying',
						message: asFeedError(error).message,
						lastErrorAt: ctx.now()
					});
				}
			});
			return writing;
		};

		const onMessage = (event: MessageEvent) => {
			let value: unknown;
			try {
				value = JSON.parse(String(event.data));
			} catch {
				ctx.add({ problems: 1 });
				void ctx.status({
					message: `An event${event.lastEventId ? ` (id ${event.lastEventId.slice(0, 40)})` : ''} had data that is not JSON; it was skipped.`,
					lastErrorAt: ctx.now()
				});
				return;
			}
			if (
				value &&
				typeof value === 'object' &&
				!Array.isArray(value) &&
				!(value as { id?: unknown }).id &&
				event.lastEventId
			) {
				(value as { id: string }).id = event.lastEventId;
			}
			const row = toEventRow(value, { importId: ctx.feed.importId, line: 0, streamId });
			if (!row.ok) {
				ctx.add({ problems: 1 });
				void ctx.status({
					message: `An event was skipped: ${row.reason}.`,
					lastErrorAt: ctx.now()
				});
				return;
			}
			buffer.push(row.row);
			flushTimer ??= setTimeout(() => void flush(), FLUSH_MS);
		};

		const finish = async (outcome: Outcome | { kind: 'stopped' }) => {
			if (done) return;
			done = true;
			es.close();
			ctx.stop.removeEventListener('abort', onStop);
			clearTimeout(flushTimer);
			await flush();
			resolve(outcome);
		};
		const onStop = () => void finish({ kind: 'stopped' });
		ctx.stop.addEventListener('abort', onStop);

		es.addEventListener('lp_event', onMessage);
		es.onmessage = onMessage;
		es.onopen = () => {
			quietReconnects = 0;
			onOpen();
			void ctx.status({
				state: 'live',
				message: 'Connected; waiting for events.',
				lastOkAt: ctx.now(),
				retryAt: null
			});
		};
		es.onerror = (event) => {
			if (done || ctx.stop.aborted) return;
			const failure =
				lastFailure ??
				(event.code ? statusFailure('livepeer-events', endpoint.href, event.code) : null) ??
				new FeedError(`The event stream from ${endpoint.origin} was interrupted.`, 'network');
			if (es.readyState === es.CLOSED) {
				// The client gave up (an HTTP error or not an event stream): back off and start over.
				void finish({ kind: failure.kind === 'auth' ? 'auth' : 'retry', error: failure });
				return;
			}
			quietReconnects++;
			if (quietReconnects > MAX_QUIET_RECONNECTS) {
				void finish({ kind: 'retry', error: failure });
				return;
			}
			void ctx.status({
				state: 'retrying',
				message: `${failure.message} Reconnecting (resuming after the last event received).`,
				lastErrorAt: ctx.now()
			});
		};
	});
}
