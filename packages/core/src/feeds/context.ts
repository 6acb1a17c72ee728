import type { FeedCursor, FeedRow, FeedStatus } from '../model/feeds.js';
import type { RtcscopeDb } from '../storage/db.js';

/** What a running feed gets from the manager (feeds/manager.ts). */
export interface FeedContext {
	db: RtcscopeDb;
	/** The feed as it was when started (settings do not change while it runs). */
	feed: FeedRow;
	/** The credential, or null for kinds that need none. Never logged or stored by a runner. */
	secret: string | null;
	/** Aborted when the feed is paused or removed, or the worker stops it. */
	stop: AbortSignal;
	/** Merges into the stored status (and counts) of the feed. */
	status(patch: Partial<FeedStatus>): Promise<void>;
	/** Adds to the feed's counters (written with the next status). */
	add(delta: Partial<Pick<FeedStatus, 'requests' | 'received' | 'stored' | 'problems'>>): void;
	/**
	 * Merges into the cursor (where a reload resumes); it is stored with the next status write,
	 * which every runner makes right after the data commit (one feed-row write per batch).
	 */
	cursor(patch: Partial<FeedCursor>): void;
	/** The current cursor (as last saved). */
	readCursor(): FeedCursor;
	/** Asks for a (throttled) refresh of the fleet roll-ups over a span of event times, UTC ms. */
	touched(span: { from: number; to: number }): void;
	now(): number;
}
