import type { ModelEvent } from '../model/events.js';
import type { ImportId, Provider, Scope, SessionKey } from '../model/ids.js';
import type { EventBlockRow, SessionRow } from '../model/rows.js';
import type { ParsedRecord } from '../formats/types.js';
import { summarizeEvents } from '../storage/session-row.js';

/**
 * Collects parsed records until a window is full, then hands over one block per scope and one
 * session row per session. The window bounds the worker's memory whatever the file size.
 *
 * Window boundaries depend only on the file's content (line and character counts), so a resumed
 * import cuts the same windows and can skip the ones already committed.
 */
export const WINDOW_MAX_LINES = 20_000;
export const WINDOW_MAX_CHARS = 8 * 1024 * 1024;

export interface WindowContents {
	seq: number;
	blocks: EventBlockRow[];
	sessions: SessionRow[];
	events: number;
}

export class WindowBuffer {
	private byScope = new Map<Scope, ModelEvent[]>();
	private sessionsByScope = new Map<
		Scope,
		{ key: SessionKey; provider: Provider; sessionId: string }
	>();
	private lines = 0;
	private chars = 0;
	private events = 0;
	private seq = 0;

	constructor(
		private readonly importId: ImportId,
		private readonly maxLines = WINDOW_MAX_LINES,
		private readonly maxChars = WINDOW_MAX_CHARS
	) {}

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

	get full(): boolean {
		return this.lines >= this.maxLines || this.chars >= this.maxChars;
	}

	/** Hands over the window's contents and starts the next window. */
	take(): WindowContents {
		const blocks: EventBlockRow[] = [];
		const sessions: SessionRow[] = [];
		for (const [scope, events] of this.byScope) {
			let firstAt = Infinity;
			let lastAt = -Infinity;
			for (const e of events) {
				if (e.at < firstAt) firstAt = e.at;
				if (e.at > lastAt) lastAt = e.at;
			}
			blocks.push({ scope, imp: this.importId, seq: this.seq, firstAt, lastAt, events });
			const session = this.sessionsByScope.get(scope);
			if (session) sessions.push(summarizeEvents(session, this.importId, events));
		}
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
