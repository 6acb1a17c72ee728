import {
	DEFAULT_POLL_MS,
	FEED_KIND_LABELS,
	feedNeedsSecret,
	initialStatus,
	MIN_POLL_MS,
	type FeedCursor,
	type FeedKind,
	type FeedRow,
	type FeedSettings,
	type FeedStatus
} from '../model/feeds.js';
import type { RtcscopeDb } from '../storage/db.js';
import type { FeedContext } from './context.js';
import { runCdrHttp } from './cdr-http.js';
import { runLivepeerEvents } from './livepeer-events.js';
import { runLivepeerHealth } from './livepeer-health.js';
import { runOpenviduRest } from './openvidu-rest.js';
import { asFeedError } from './poll.js';
import { feedImportRecord } from './import-record.js';

const RUNNERS: Record<FeedKind, (ctx: FeedContext) => Promise<void>> = {
	'livepeer-health': runLivepeerHealth,
	'livepeer-events': runLivepeerEvents,
	'openvidu-rest': runOpenviduRest,
	'cdr-http': runCdrHttp
};

/** How often a running feed checks that it was not paused or removed from another tab. */
const WATCH_MS = 1_000;

export interface NewFeed {
	kind: FeedKind;
	url: string;
	streamId?: string;
	label?: string;
	intervalMs?: number;
	app?: string;
	/** Livepeer API key or OpenVidu secret; kept in memory unless `remember`. */
	secret?: string;
	remember?: boolean;
}

/**
 * Starts, stops and resumes live feeds in the ingest worker. Each feed runs under a Web Lock
 * named after it, so two open tabs never poll the same feed twice: the other tab takes over
 * when the first closes. Credentials live in this object's memory; only an explicit
 * "remember on this device" puts them in the `feedSecrets` table.
 */
export class FeedManager {
	private readonly secrets = new Map<string, string>();
	private readonly running = new Map<string, AbortController>();

	constructor(
		private readonly db: RtcscopeDb,
		private readonly onTouched: (span: { from: number; to: number }) => void = () => undefined,
		private readonly now: () => number = Date.now
	) {}

	/**
	 * Adds a feed and starts it.
	 * @throws Error with a message for the user: a URL that is not http(s) or carries a user name
	 *   or password, a Livepeer feed without a stream id, a missing credential.
	 */
	async add(input: NewFeed): Promise<FeedRow> {
		const settings = validateSettings(input);
		if (feedNeedsSecret(settings.kind) && !input.secret?.trim()) {
			throw new Error(
				settings.kind === 'openvidu-rest'
					? 'Enter the OpenVidu secret (OPENVIDU_SECRET).'
					: 'Enter the Livepeer API key.'
			);
		}
		const id = `f${this.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
		const row: FeedRow = {
			id,
			settings,
			enabled: true,
			remember: !!input.remember,
			importId: `feed-${id}`,
			createdAt: this.now(),
			status: initialStatus(),
			cursor: {}
		};
		await this.db.feeds.put(row);
		if (input.secret) await this.setSecret(id, input.secret.trim(), !!input.remember, false);
		this.start(row.id);
		return row;
	}

	/** Gives (or replaces) a feed's credential and restarts it. */
	async setSecret(id: string, secret: string, remember: boolean, restart = true): Promise<void> {
		this.secrets.set(id, secret);
		await this.db.transaction('rw', [this.db.feeds, this.db.feedSecrets], async () => {
			await this.db.feeds.update(id, { remember });
			if (remember) await this.db.feedSecrets.put({ id, secret });
			else await this.db.feedSecrets.delete(id);
		});
		if (restart) {
			await this.db.feeds.update(id, { enabled: true });
			this.stopLocal(id);
			this.start(id);
		}
	}

	async pause(id: string): Promise<void> {
		this.stopLocal(id);
		const row = await this.db.feeds.get(id);
		if (row)
			await this.db.feeds.update(id, {
				enabled: false,
				status: { ...row.status, state: 'paused', message: 'Paused.', retryAt: null }
			});
	}

	async resume(id: string): Promise<void> {
		await this.db.feeds.update(id, { enabled: true });
		this.start(id);
	}

	/** Stops the feed everywhere and forgets it and its credential; its data stay as an import. */
	async remove(id: string): Promise<void> {
		this.stopLocal(id);
		this.secrets.delete(id);
		await this.db.transaction('rw', [this.db.feeds, this.db.feedSecrets], async () => {
			await this.db.feeds.delete(id);
			await this.db.feedSecrets.delete(id);
		});
	}

	/** Starts every enabled feed (after a page load). Feeds without their credential wait for it. */
	async resumeAll(): Promise<void> {
		for (const row of await this.db.feeds.toArray()) if (row.enabled) this.start(row.id);
	}

	stopAll(): void {
		for (const id of [...this.running.keys()]) this.stopLocal(id);
	}

	/** Ids of feeds running in this worker. */
	runningIds(): string[] {
		return [...this.running.keys()];
	}

	private stopLocal(id: string): void {
		this.running.get(id)?.abort();
		this.running.delete(id);
	}

	private start(id: string): void {
		if (this.running.has(id)) return;
		const controller = new AbortController();
		this.running.set(id, controller);
		const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
		const work = () => this.run(id, controller.signal);
		const done = locks
			? locks
					.request(`rtcscope-feed-${id}`, { signal: controller.signal }, work)
					.catch(() => undefined)
			: work();
		void done.finally(() => {
			if (this.running.get(id) === controller) this.running.delete(id);
		});
	}

	private async run(id: string, stop: AbortSignal): Promise<void> {
		const row = await this.db.feeds.get(id);
		if (!row || !row.enabled || stop.aborted) return;
		let secret = this.secrets.get(id) ?? null;
		if (!secret && row.remember) secret = (await this.db.feedSecrets.get(id))?.secret ?? null;
		if (secret) this.secrets.set(id, secret);
		let status: FeedStatus = { ...row.status };
		let cursor: FeedCursor = { ...row.cursor };
		const livepeer =
			row.settings.kind === 'livepeer-health' || row.settings.kind === 'livepeer-events';
		// Livepeer rows live in their own tables: the import record (created again if the user
		// removed it) lets the user see and remove them, and carries the feed's counts.
		if (livepeer && !(await this.db.imports.get(row.importId)))
			await this.db.imports.put(feedImportRecord(row, 'livepeer', this.now()));
		const write = async (patch: Partial<FeedRow>) => {
			if (stop.aborted) return;
			await this.db.feeds.update(id, patch);
			if (livepeer && patch.status) {
				await this.db.imports.update(row.importId, {
					'counts.records': patch.status.received,
					'counts.stored': patch.status.stored,
					finishedAt: this.now(),
					heartbeatAt: this.now()
				});
			}
		};
		if (feedNeedsSecret(row.settings.kind) && !secret) {
			await write({
				status: {
					...status,
					state: 'needs-key',
					message:
						row.settings.kind === 'openvidu-rest'
							? 'Enter the OpenVidu secret to resume (it was kept in memory only, and the page was reloaded).'
							: 'Enter the Livepeer API key to resume (it was kept in memory only, and the page was reloaded).',
					retryAt: null
				}
			});
			return;
		}
		const ctx: FeedContext = {
			db: this.db,
			feed: row,
			secret,
			stop,
			now: this.now,
			status: async (patch) => {
				status = { ...status, ...patch };
				await write({ status, cursor });
			},
			add: (delta) => {
				status = {
					...status,
					requests: status.requests + (delta.requests ?? 0),
					received: status.received + (delta.received ?? 0),
					stored: status.stored + (delta.stored ?? 0),
					problems: status.problems + (delta.problems ?? 0)
				};
			},
			cursor: (patch) => {
				cursor = { ...cursor, ...patch };
			},
			readCursor: () => cursor,
			touched: (span) => this.onTouched(span)
		};
		// Paused or removed from another tab: stop here too.
		const watch = setInterval(() => {
			void this.db.feeds.get(id).then((current) => {
				if (!current || !current.enabled) this.stopLocal(id);
			});
		}, WATCH_MS);
		try {
			await ctx.status({ state: 'connecting', message: 'Connecting…', retryAt: null });
			await RUNNERS[row.settings.kind](ctx);
		} catch (error) {
			// A runner bug or a storage failure: shown on the feed, never thrown into the worker.
			await ctx
				.status({ state: 'paused', message: asFeedError(error).message, lastErrorAt: this.now() })
				.catch(() => undefined);
		} finally {
			clearInterval(watch);
		}
	}
}

/**
 * Checks what the user typed.
 * @throws Error with a message for the user
 */
export function validateSettings(input: NewFeed): FeedSettings {
	const raw = input.url.trim();
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw new Error('Enter a full URL, starting with https:// (or http:// for a local server).');
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:')
		throw new Error('Only http:// and https:// URLs can be polled.');
	if (url.username || url.password)
		throw new Error(
			'Put the credential in its own field, not in the URL (URLs end up in logs and history).'
		);
	const streamId = input.streamId?.trim();
	if ((input.kind === 'livepeer-health' || input.kind === 'livepeer-events') && !streamId)
		throw new Error('Enter the Livepeer stream id.');
	const interval = input.intervalMs ?? DEFAULT_POLL_MS[input.kind];
	if (input.kind !== 'livepeer-events' && (!Number.isFinite(interval) || interval < MIN_POLL_MS)) {
		throw new Error(`Poll at most once a second (an interval of ${MIN_POLL_MS / 1000} s or more).`);
	}
	const label =
		input.label?.trim() ||
		`${FEED_KIND_LABELS[input.kind].split(' (')[0]} · ${url.host}${streamId ? ` · ${streamId}` : ''}`;
	return {
		kind: input.kind,
		label: label.slice(0, 120),
		url: input.kind === 'cdr-http' ? url.href : url.href.replace(/\/+$/, ''),
		...(streamId ? { streamId } : {}),
		intervalMs: interval,
		...(input.app?.trim() ? { app: input.app.trim().slice(0, 60) } : {})
	};
}
