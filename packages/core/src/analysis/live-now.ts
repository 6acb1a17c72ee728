import type { FeedRow } from '../model/feeds.js';
import type { RestSnapshot } from '../formats/openvidu-rest/diff.js';

/**
 * What is open right now according to the OpenVidu REST feeds' last polls (the cursor each feed
 * keeps): a room still in progress has no end event yet, so the stored events alone cannot say
 * it is online. Counts: sessions (rooms), active connections (users), published and subscribed
 * streams.
 */
export interface LiveNow {
	/** Feeds that answered; `at` is their last successful poll, UTC ms. */
	feeds: {
		id: string;
		label: string;
		app: string | null;
		at: number | null;
		state: FeedRow['status']['state'];
	}[];
	rooms: number;
	users: number;
	publishers: number;
	subscribers: number;
	/** Open rooms, most users first. `since` is the room's createdAt, UTC ms. */
	sessions: { sessionId: string; users: number; publishers: number; since: number; feed: string }[];
}

/** @param app keep only feeds labelled with this app ('*' or undefined: every feed) */
export function liveNow(feeds: readonly FeedRow[], app?: string): LiveNow {
	const out: LiveNow = {
		feeds: [],
		rooms: 0,
		users: 0,
		publishers: 0,
		subscribers: 0,
		sessions: []
	};
	for (const feed of feeds) {
		if (feed.settings.kind !== 'openvidu-rest' || !feed.enabled) continue;
		const feedApp = feed.settings.app ?? null;
		if (app && app !== '*' && (feedApp ?? 'default') !== app) continue;
		out.feeds.push({
			id: feed.id,
			label: feed.settings.label,
			app: feedApp,
			at: feed.status.lastOkAt,
			state: feed.status.state
		});
		const snapshot = (feed.cursor.snapshot ?? {}) as RestSnapshot;
		for (const [sessionId, s] of Object.entries(snapshot)) {
			const connections = Object.values(s.connections);
			const publishers = connections.reduce((n, c) => n + Object.keys(c.publishers).length, 0);
			out.rooms++;
			out.users += connections.length;
			out.publishers += publishers;
			out.subscribers += connections.reduce((n, c) => n + Object.keys(c.subscribers).length, 0);
			out.sessions.push({
				sessionId,
				users: connections.length,
				publishers,
				since: s.createdAt,
				feed: feed.settings.label
			});
		}
	}
	out.sessions.sort((a, b) => b.users - a.users || a.since - b.since);
	return out;
}
