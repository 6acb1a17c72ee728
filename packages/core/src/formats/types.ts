import type { ModelEvent } from '../model/events.js';
import type { Provider, Scope, SessionKey } from '../model/ids.js';
import type { ProblemLog } from '../model/problems.js';
import type { Sniff } from '../import/sniff.js';

/** Every input format rtcscope reads. Persisted in import records: renaming needs a migration. */
export type FormatId = 'openvidu-cdr';

/** One parsed source record, routed to where it is stored. */
export interface ParsedRecord {
	scope: Scope;
	/** Present for events that belong to a session. */
	session?: { key: SessionKey; provider: Provider; sessionId: string };
	event: ModelEvent;
}

/** Parses one line at a time; keeps whatever state the format needs between lines. */
export interface LineParser {
	/**
	 * Parses one non-empty line (1-based `lineNo`). Problems go to `problems`, never thrown.
	 * `isLastUnterminated` is true for a last line with no line end (possibly cut off).
	 */
	parse(
		text: string,
		lineNo: number,
		problems: ProblemLog,
		isLastUnterminated: boolean
	): ParsedRecord | null;
}

/** A line-oriented format (JSON Lines and friends). */
export interface LineFormat {
	kind: 'lines';
	id: FormatId;
	/** Name shown to users, e.g. "OpenVidu CDR". */
	label: string;
	/** Confidence 0..1 that the sniffed text is this format; 0 means "certainly not". */
	detect(sniff: Sniff): number;
	createParser(): LineParser;
}

/** Union of format kinds; later kinds (whole-document dumps) join here. */
export type FormatModule = LineFormat;
