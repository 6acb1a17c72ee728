import type { ModelEvent } from '../model/events.js';
import type { ImportId, Provider, Scope, SessionKey } from '../model/ids.js';
import { blockRef, encodeBlockEvents, type EventBlockRow, type SessionRow } from '../model/rows.js';
import type { ParsedRecord } from '../formats/types.js';
import { summarizeEvents } from '../storage/session-row.js';

/**
 * Collects parsed records until a window is full, then hands over its blocks (parts holding the
 * events of many scopes, see model/rows.ts) and one session row per session. The window bounds
 * the worker's memory whatever the file size.
 *
 * Window and part boundaries depend only on the file's content (line and character counts, the
 * order scopes first appear in), so a resumed import cuts the same windows and can skip the ones
 * already committed.
 */
export const WINDOW_MAX_LINES = 20_000;
export const WINDOW_MAX_CHARS = 8 * 1024 * 1024;
/** A part closes once it holds this many events (a few hundred KB of JSON). */
export const PART_MAX_EVENTS = 1_000;

export interface WindowContents {
	seq: number;
	blocks: EventBlockRow[];
	sessions: SessionRow[];
	events: number;
}

type SessionInfo = { key: SessionKey; provider: Provider; sessionId: string };

export class WindowBuffer {
	private byScope = new Map<Scope, ModelEvent[]>();
	private sessionsByScope = new Map<Scope, SessionInfo>();
	private lines = 0;
	private chars = 0;
	private events = 0;
	private seq = 0;

	constructor(
		private readonly importId: ImportId,
		private readonly maxLines = WINDOW_MAX_LINES,
		private readonly maxChars = WINDOW_MAX_CHARS,
		private readonly partMaxEvents = PART_MAX_EVENTS,
		/** Feeds append windows to one import over time: the first window's number. */
		firstSeq = 0
	) {
		this.seq = firstSeq;
	}

	/** Counts a line (empty lines too) towards the window size. */
	countLine(chars: number): void {
		this.lines++;
		this.chars += chars;
	}

	add(record: ParsedRecord): void {
		let events = this.byScope.get(record.scope);
		if (!events) {
			events = [];
			this.byScope.set(record.scope, events);
			if (record.session) this.sessionsByScope.set(record.scope, record.session);
		}
		events.push(record.event);
		this.events++;
	}

	/** Full by lines or characters read, or by events held (whole-document formats have no lines). */
	get full(): boolean {
		return (
			this.lines >= this.maxLines || this.chars >= this.maxChars || this.events >= this.maxLines
		);
	}

	/** Hands over the window's contents and starts the next window. */
	take(): WindowContents {
		const blocks: EventBlockRow[] = [];
		const sessions: SessionRow[] = [];
		let part: [Scope, ModelEvent[]][] = [];
		let partEvents = 0;
		const close = () => {
			if (part.length === 0) return;
			const index = blocks.length;
			const ref = blockRef(this.importId, this.seq, index);
			blocks.push({
				imp: this.importId,
				seq: this.seq,
				part: index,
				count: partEvents,
				clusterScopes: part.map(([scope]) => scope).filter((s) => s.startsWith('c:')),
				...encodeBlockEvents(part)
			});
			for (const [scope, events] of part) {
				const session = this.sessionsByScope.get(scope);
				if (session) sessions.push(summarizeEvents(session, this.importId, events, [ref]));
			}
			part = [];
			partEvents = 0;
		};
		// Scopes in first-appearance order; a scope's events stay together in one part.
		for (const [scope, events] of this.byScope) {
			if (partEvents > 0 && partEvents + events.length > this.partMaxEvents) close();
			part.push([scope, events]);
			partEvents += events.length;
		}
		close();
		const contents: WindowContents = { seq: this.seq, blocks, sessions, events: this.events };
		this.byScope = new Map();
		this.sessionsByScope = new Map();
		this.lines = 0;
		this.chars = 0;
		this.events = 0;
		this.seq++;
		return contents;
	}
}
