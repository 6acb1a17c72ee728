import { toHealthRow } from '../formats/livepeer/normalize.js';
import { writeLivepeer } from '../storage/livepeer.js';
import type { FeedContext } from './context.js';
import { FeedError } from './explain.js';
import { joinUrl } from './http.js';
import { getJson, pollLoop } from './poll.js';

/**
 * Polls `GET {api}/data/stream/{id}/health` (livepeer-stream-health.txt, "Health Status") with
 * `Authorization: Bearer <key>` every interval (default 10 s). A response seen before (same
 * probe time) is not stored again.
 */
export function runLivepeerHealth(ctx: FeedContext): Promise<void> {
	const { url, streamId = '' } = ctx.feed.settings;
	const endpoint = joinUrl(url, `data/stream/${encodeURIComponent(streamId)}/health`);
	return pollLoop(ctx, async () => {
		const body = await getJson(ctx, endpoint, { Authorization: `Bearer ${ctx.secret ?? ''}` });
		const health = toHealthRow(body, {
			importId: ctx.feed.importId,
			line: 0,
			streamId,
			receivedAt: ctx.now()
		});
		if (!health.ok)
			throw new FeedError(`The answer is not a stream health response: ${health.reason}.`, 'data');
		const stored = await writeLivepeer(ctx.db, { events: [], health: [health.row] });
		const note =
			health.warnings.length > 0 ? `Last answer: ${health.warnings.join('; ')}.` : undefined;
		if (health.warnings.length > 0) ctx.add({ problems: health.warnings.length });
		return { received: 1, stored, ...(note ? { note } : {}) };
	});
}
