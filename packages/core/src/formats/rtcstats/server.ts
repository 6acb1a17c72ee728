import { excerpt, PROBLEM_CODES, type ProblemLog } from '../../model/problems.js';
import { CAPTURE_ENDED } from '../../model/end-reasons.js';
import { connectionEvent, dumpSession, webrtcEvent } from '../webrtc-stats/session.js';
import type { ParseContext, ParsedRecord, ParseSink, SessionRef } from '../types.js';

/**
 * Jitsi server-side rtcstats dumps (videobridge, jicofo, jigasi): one object per line,
 * `{statsSessionId, type: "identity" | "stats-entry", data}` with `data` often a JSON string.
 * rtcscope reads the conference from `identity`, and who was there from the endpoints
 * (videobridge) or chat-room members (jicofo) each stats entry lists: first seen is a join, last
 * seen before the end of the data is a leave.
 */
export function createServerDumpReader(
	ctx: ParseContext,
	currentSession: () => SessionRef,
	setSession: (session: SessionRef) => void
) {
	let lastTime = Number.NaN;
	let lastEntryTime = Number.NaN;
	const seen = new Map<string, { first: number; last: number; line: number; lastLine: number }>();
	const pendingIdentity: { data: Record<string, unknown>; line: number }[] = [];

	return {
		line(obj: Record<string, unknown>, lineNo: number, problems: ProblemLog): ParsedRecord | null {
			let data = obj.data;
			if (typeof data === 'string') {
				try {
					data = JSON.parse(data);
				} catch {
					problems.add({
						code: PROBLEM_CODES.invalidJson,
						severity: 'error',
						line: lineNo,
						message: `Line ${lineNo}: its "data" text is not valid JSON; the line was skipped.`,
						excerpt: excerpt(String(obj.data))
					});
					return null;
				}
			}
			if (!data || typeof data !== 'object') return null;
			const d = data as Record<string, unknown>;
			if (obj.type === 'identity') {
				const conference = d.confName ?? d.confUrl;
				if (typeof conference === 'string')
					setSession(dumpSession(`room-${conference.toLowerCase()}`));
				pendingIdentity.push({ data: d, line: lineNo });
				return null;
			}
			const t = typeof d.timestamp === 'number' ? d.timestamp : lastTime;
			if (!Number.isFinite(t)) return null;
			lastTime = t;
			lastEntryTime = t;
			const people = members(d);
			for (const id of people) {
				const entry = seen.get(id);
				if (entry) {
					entry.last = t;
					entry.lastLine = lineNo;
				} else seen.set(id, { first: t, last: t, line: lineNo, lastLine: lineNo });
			}
			return webrtcEvent(currentSession(), {
				at: t,
				type: `${String(obj.type ?? 'stats')}`,
				value: `${people.length} ${d.endpoints ? 'endpoint' : 'member'}${people.length === 1 ? '' : 's'}${typeof d.name === 'string' ? ` in ${d.name}` : ''}`,
				line: lineNo
			});
		},

		finish(sink: ParseSink) {
			const session = currentSession();
			const firstAt = Math.min(...[...seen.values()].map((s) => s.first));
			const at = Number.isFinite(firstAt) ? firstAt : lastTime;
			if (pendingIdentity.length > 0 && !Number.isFinite(at)) {
				ctx.problems.add({
					code: PROBLEM_CODES.missingField,
					severity: 'warning',
					message: `This server dump holds only identity records (${pendingIdentity.length}) and no stats entry: nothing in it carries a time, so no session could be placed on the timeline.`
				});
				return;
			}
			for (const { data, line } of pendingIdentity) {
				const { endpoints: _endpoints, ...summary } = data;
				sink.record(webrtcEvent(session, { at, type: 'identity', value: summary, line }));
			}
			for (const [id, s] of seen) {
				sink.record(
					connectionEvent(session, {
						at: s.first,
						pcId: id,
						phase: 'start',
						url: null,
						line: s.line
					})
				);
				// Last seen before the last entry: gone from the conference then. Seen in the last
				// entry: still there when the dump ends.
				sink.record(
					connectionEvent(session, {
						at: s.last,
						pcId: id,
						phase: 'end',
						line: s.lastLine,
						...(s.last < lastEntryTime ? {} : { reason: CAPTURE_ENDED })
					})
				);
			}
		}
	};
}

/** Endpoint ids (videobridge) or chat-room member names (jicofo) an entry lists. */
function members(d: Record<string, unknown>): string[] {
	if (d.endpoints && typeof d.endpoints === 'object' && !Array.isArray(d.endpoints))
		return Object.keys(d.endpoints);
	const room = d.chat_room as { members?: unknown } | undefined;
	if (room?.members && typeof room.members === 'object') return Object.keys(room.members as object);
	return [];
}
