import type { FormatId } from '../formats/types.js';
import type { FeedRow } from '../model/feeds.js';
import type { ImportId } from '../model/ids.js';
import { emptyCounts, type ImportRecord } from '../model/imports.js';

/**
 * The import record a feed's data hang from ("Feed: <label>" in the import list): removing it
 * removes what the feed stored. It is `done` from the start — a feed only ever appends windows
 * that are each committed whole — and is created again if the user removed it while the feed ran.
 */
export function feedImportRecord(feed: FeedRow, format: FormatId, now: number): ImportRecord {
	return {
		id: feed.importId as ImportId,
		name: `Feed: ${feed.settings.label}`,
		format,
		bytes: 0,
		gzip: false,
		demo: false,
		...(feed.settings.app ? { app: feed.settings.app } : {}),
		status: 'done',
		startedAt: now,
		finishedAt: now,
		heartbeatAt: now,
		counts: emptyCounts(),
		problems: [],
		problemsOmitted: 0,
		committedWindow: -1
	};
}
