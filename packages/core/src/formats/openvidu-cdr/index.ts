import { lineKey } from '../../util/hash.js';
import type { ProblemLog } from '../../model/problems.js';
import type { LineFormat, LineParser, ParsedRecord } from '../types.js';
import { detectOpenviduCdr } from './detect.js';
import { mapPointDocument } from './elastic.js';
import { mapCdrEvent, mapUnknownEvent } from './map.js';
import { parseCdrLine } from './parse.js';
import { INPUT_LABELS } from '../inputs.js';

/**
 * OpenVidu CDR JSON Lines (and the same events as webhook / Elasticsearch documents).
 * Source: ../shared/spec/sources/openvidu-cdr.txt.
 */
export const openviduCdrFormat: LineFormat = {
	kind: 'lines',
	id: 'openvidu-cdr',
	label: INPUT_LABELS['openvidu-cdr'],
	detect: detectOpenviduCdr,
	createParser: () => createCdrParser()
};

/** A line parser that returns at most one record per line (CDR lines are single events). */
export interface CdrLineParser extends Omit<LineParser, 'parse'> {
	parse(
		text: string,
		lineNo: number,
		problems: ProblemLog,
		isLastUnterminated: boolean
	): ParsedRecord | ParsedRecord[] | null;
}

export function createCdrParser(): CdrLineParser {
	{
		return {
			parse(text, lineNo, problems, isLastUnterminated) {
				const result = parseCdrLine(text, lineNo, problems, isLastUnterminated);
				if (!result) return null;
				if (result.kind === 'unknown') {
					// Nothing is known of its meaning: the source line's text is its identity.
					return mapUnknownEvent(result.name, result.payload, {
						line: lineNo,
						key: lineKey(text),
						problems
					});
				}
				if (result.kind === 'point') return mapPointDocument(result.doc, lineNo);
				if (result.kind === 'events')
					return result.events.map((e) => mapCdrEvent(e.event, { line: lineNo, problems, extra: e.extra }));
				// Times are in ms from 2000 to 2100 by now (parse.ts normalizeTimes).
				return mapCdrEvent(result.event, { line: lineNo, problems, extra: result.extra });
			}
		};
	}
}

export { parseCdrLine } from './parse.js';
export { mapCdrEvent, parseDimensions } from './map.js';
export { classifyReason, FAILURE_REASONS, FORCED_REASONS } from './reasons.js';
export type { CdrEvent, CdrEventName } from './schema.js';
