import type { FeedContext } from './context.js';
import { CdrAppender } from './cdr-append.js';
import { feedImportRecord } from './import-record.js';
import { FeedError } from './explain.js';
import { joinUrl } from './http.js';
import { diffSessions, type RestSnapshot } from '../formats/openvidu-rest/diff.js';
import { getJson, pollLoop } from './poll.js';
import type { ImportId } from '../model/ids.js';

/**
 * Polls `GET {server}/openvidu/api/sessions?pendingConnections=true` with Basic auth
 * (`OPENVIDUAPP:<secret>`) and writes what changed since the last poll as CDR events
 * (formats/openvidu-rest/diff.ts) into the feed's import.
 */
export function runOpenviduRest(ctx: FeedContext): Promise<void> {
	const endpoint = joinUrl(ctx.feed.settings.url, 'openvidu/api/sessions?pendingConnections=true');
	const auth = `Basic ${btoa(`OPENVIDUAPP:${ctx.secret ?? ''}`)}`;
	const appender = new CdrAppender(ctx.db, ctx.feed.importId as ImportId, (now) =>
		feedImportRecord(ctx.feed, 'openvidu-cdr', now)
	);
	return pollLoop(ctx, async () => {
		const body = await getJson(ctx, endpoint, { Authorization: auth });
		const cursor = ctx.readCursor();
		let diff: ReturnType<typeof diffSessions>;
		try {
			diff = diffSessions((cursor.snapshot as RestSnapshot | undefined) ?? {}, body, ctx.now());
		} catch (error) {
			throw new FeedError(error instanceof Error ? error.message : String(error), 'data');
		}
		let lineNo = cursor.lineNo ?? 0;
		const lines = diff.events.map((e) => ({ text: JSON.stringify(e), lineNo: ++lineNo }));
		const seq = cursor.nextSeq ?? 0;
		// The snapshot that produced these events is stored with them, atomically: a reload can
		// never diff against the older snapshot and write the same changes again.
		const next = {
			...cursor,
			snapshot: diff.snapshot,
			lineNo,
			nextSeq: lines.length > 0 ? seq + 1 : seq
		};
		const result =
			lines.length > 0
				? await appender.append(lines, seq, ctx.now(), { feedId: ctx.feed.id, cursor: next })
				: { records: 0, problems: [], span: null };
		if (result.span) ctx.touched(result.span);
		ctx.cursor(next);
		ctx.add({ problems: result.problems.length });
		const open = Object.keys(diff.snapshot).length;
		return {
			received: lines.length,
			stored: result.records,
			note: `${open} open session${open === 1 ? '' : 's'}; ${lines.length} change${lines.length === 1 ? '' : 's'} in the last poll.${result.problems[0] ? ` ${result.problems[0].message}` : ''}`
		};
	});
}
