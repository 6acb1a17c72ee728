import type { PcSetup } from '../model/stats.js';
import type { CaseRow } from '../model/cases.js';
import type { HealthSnapshotRow, LivepeerEventRow } from '../model/livepeer.js';
import type { ModelEvent } from '../model/events.js';
import type { Provider, Scope, SessionKey } from '../model/ids.js';
import type { ProblemLog } from '../model/problems.js';
import type { DerivedStream } from './webrtc-stats/types.js';
import type { Forensics } from './webrtc-stats/forensics.js';

/**
 * What a format detector sees: the start of the decoded text. Detection is by content, never by
 * file name (DESIGN.md "Inputs").
 */
export interface Sniff {
	/** The first characters of the decoded text (up to SNIFF_CHARS). */
	text: string;
	/** The first few non-empty lines, trimmed (a line cut by the sniff window is left out). */
	lines: string[];
}

/** Every input format rtcscope reads. Persisted in import records: renaming needs a migration. */
export type FormatId =
	| 'openvidu-cdr'
	| 'webrtc-internals'
	| 'rtcstats'
	| 'recording-json'
	| 'rtcscope-bundle'
	| 'livepeer'
	| 'about-webrtc'
	| 'openvidu-rest';

export interface SessionRef {
	key: SessionKey;
	provider: Provider;
	sessionId: string;
}

/** One parsed source record, routed to where it is stored. */
export interface ParsedRecord {
	scope: Scope;
	/** Present for events that belong to a session. */
	session?: SessionRef;
	event: ModelEvent;
}

/** Quality series of one stream of one peer connection, for a session. */
export interface StreamRecord {
	session: SessionRef;
	/** The connection (participant) the stream belongs to in that session. */
	participantId: string;
	stream: DerivedStream;
	/** Words from the page URL that may name the call's session in another provider (for linking). */
	linkHints?: string[];
	/** When the stream's peer connection was created and connected (join timing). */
	setup?: PcSetup;
	/** A link to another session kept from a case bundle (overrides the URL-based one). */
	link?: { sessionKey: SessionKey; participantId: string | null };
	/** From a case bundle: the user had set (or removed) the link (QualityStreamRow.linkSetBy). */
	linkSetBy?: 'user';
}

/** One peer connection's forensic detail (every stats field, descriptions, ICE, bands) for a session. */
export interface PcDetailRecord {
	session: SessionRef;
	forensics: Forensics;
}

/** What a parser hands over besides problems. */
export interface ParseSink {
	record(record: ParsedRecord): void;
	stream(record: StreamRecord): void;
	/** Dump forensics of one peer connection (stored with the quality streams, at the end). */
	pcDetail?(record: PcDetailRecord): void;
	/** Saved sessions restored from a case bundle. */
	case?(row: CaseRow): void;
	/** Livepeer stream-health events and health responses (stored in their own tables). */
	livepeerEvent?(row: LivepeerEventRow): void;
	health?(row: HealthSnapshotRow): void;
}

/** What every parser knows about the file it reads. */
export interface ParseContext {
	importId: string;
	fileName: string;
	problems: ProblemLog;
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
	): ParsedRecord | ParsedRecord[] | null;
	/** After the last line: hands over what needs the whole file (quality streams). */
	finish?(sink: ParseSink): void;
}

/** A line-oriented format (JSON Lines and friends). */
export interface LineFormat {
	kind: 'lines';
	id: FormatId;
	/** Name shown to users, e.g. "OpenVidu CDR". */
	label: string;
	/** Confidence 0..1 that the sniffed text is this format; 0 means "certainly not". */
	detect(sniff: Sniff): number;
	createParser(ctx: ParseContext): LineParser;
	/**
	 * Its streams are copies of rows a store may already hold (a case bundle): the writer keeps
	 * only those it lacks (import/end-outputs.ts withoutStoredStreams).
	 */
	copiesStoredRows?: true;
}

/** Reads a whole-document format (one JSON object) from text chunks. */
export interface DocumentParser {
	push(text: string): void;
	/** After the last chunk; a document cut short is reported, everything before the cut kept. */
	end(): void;
}

export interface DocumentFormat {
	kind: 'document';
	id: FormatId;
	label: string;
	detect(sniff: Sniff): number;
	createParser(ctx: ParseContext, sink: ParseSink): DocumentParser;
}

/** Union of format kinds; an exhaustive switch over `kind` handles each. */
export type FormatModule = LineFormat | DocumentFormat;
