import { detectOpenviduCdr } from '../formats/openvidu-cdr/detect.js';
import { makeSniff } from '../import/sniff.js';
import type { ImportId } from '../model/ids.js';
import { REQUEST_TIMEOUT_MS } from '../model/feeds.js';
import type { FeedContext } from './context.js';
import { CdrAppender } from './cdr-append.js';
import { FeedError, htmlFailure, looksLikeHtml, statusFailure } from './explain.js';
import { feedFetch, readBody } from './http.js';
import { feedImportRecord } from './import-record.js';
import { pollLoop } from './poll.js';

/**
 * Tails a CDR file a server exposes over HTTP: each poll asks for `Range: bytes=<offset>-`
 * (the byte after the last complete line read), so only new lines travel. A server that ignores
 * Range (200) is cut at the offset locally. A file that shrank — 416, a Content-Range total
 * below the offset, or a full body shorter than it — was rotated: reading starts over at 0
 * (events already stored count once: model/event-key.ts).
 */
export function runCdrHttp(ctx: FeedContext): Promise<void> {
	const url = ctx.feed.settings.url;
	const appender = new CdrAppender(ctx.db, ctx.feed.importId as ImportId, (now) =>
		feedImportRecord(ctx.feed, 'openvidu-cdr', now)
	);
	const decoder = new TextDecoder();
	return pollLoop(ctx, async () => {
		const cursor = ctx.readCursor();
		const offset = cursor.offset ?? 0;
		const response = await feedFetch(
			'cdr-http',
			url,
			{ headers: offset > 0 ? { Range: `bytes=${offset}-` } : {} },
			REQUEST_TIMEOUT_MS,
			ctx.stop
		);
		if (response.status === 416) {
			// Nothing at or after the offset: either the file has not grown, or it shrank.
			const total = /\/(\d+)/.exec(response.headers.get('content-range') ?? '');
			if (total && Number(total[1]) >= offset)
				return {
					received: 0,
					stored: 0,
					note: `No new lines; ${offset.toLocaleString('en')} bytes read so far.`
				};
			return rotated(ctx);
		}
		const failed = statusFailure('cdr-http', url, response.status);
		if (failed) throw failed;
		const bytes = new Uint8Array(
			await readBody(response.arrayBuffer(), url, REQUEST_TIMEOUT_MS, ctx.stop)
		);
		let start = 0;
		let body = bytes;
		if (response.status === 206) {
			const range = /bytes\s+(\d+)-(\d+)?\/(\d+|\*)/.exec(
				response.headers.get('content-range') ?? ''
			);
			start = range ? Number(range[1]) : offset;
			const total = range && range[3] !== '*' ? Number(range[3]) : null;
			if (total !== null && total < offset) return rotated(ctx);
			if (start > offset)
				throw new FeedError(
					`The server sent bytes from ${start} when asked for ${offset}; the feed waits for a consistent answer.`,
					'data'
				);
			body = bytes.subarray(offset - start);
		} else {
			if (bytes.length < offset) return rotated(ctx);
			body = bytes.subarray(offset);
		}
		const lastNewline = body.lastIndexOf(10);
		if (lastNewline < 0)
			return {
				received: 0,
				stored: 0,
				note:
					offset > 0
						? `No new lines; ${offset.toLocaleString('en')} bytes read so far.`
						: 'The file has no complete line yet.'
			};
		const text = decoder.decode(body.subarray(0, lastNewline + 1));
		if (offset === 0) {
			if (looksLikeHtml(text, response.headers.get('content-type'))) throw htmlFailure(url);
			if (text.trim() && detectOpenviduCdr(makeSniff(text, false)) < 0.5) {
				throw new FeedError(
					`This URL does not serve an OpenVidu CDR file (it starts with ${JSON.stringify(text.slice(0, 60))}).`,
					'fatal'
				);
			}
		}
		let lineNo = cursor.lineNo ?? 0;
		const lines = text
			.split('\n')
			.slice(0, -1)
			.map((l) => ({ text: l.replace(/\r$/, ''), lineNo: ++lineNo }));
		const seq = cursor.nextSeq ?? 0;
		const newOffset = offset + lastNewline + 1;
		// The offset after these lines is stored with them, atomically (no line read twice after a reload).
		const next = { ...cursor, offset: newOffset, lineNo, nextSeq: seq + 1 };
		const result = await appender.append(lines, seq, ctx.now(), {
			feedId: ctx.feed.id,
			cursor: next
		});
		if (result.span) ctx.touched(result.span);
		ctx.cursor(next);
		ctx.add({ problems: result.problems.length });
		const problem = result.problems[0];
		return {
			received: lines.length,
			stored: result.records,
			note: `${newOffset.toLocaleString('en')} bytes (${lineNo.toLocaleString('en')} lines) read.${problem ? ` ${problem.message}` : ''}`
		};
	});
}

function rotated(ctx: FeedContext) {
	ctx.cursor({ offset: 0, lineNo: 0 });
	return {
		received: 0,
		stored: 0,
		note: 'The file shrank (rotated): reading it again from the start; events already stored are not added twice.',
		again: true
	};
}
