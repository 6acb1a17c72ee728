/**
 * Reads a saved `text/event-stream` body into frames, for imported files only (the live client
 * uses the `eventsource` package). Follows the WHATWG "event stream interpretation" rules — a
 * field is `name: value` (one optional space after the colon), lines starting with `:` are
 * comments, `data` lines join with "\n", a blank line dispatches — with one repair:
 *
 * Livepeer's own document (livepeer-stream-health.txt, "Request: GET …/events") prints a frame
 * as `data:` on one line and the JSON on the next. By the standard, that next line is a field
 * whose name is `{"type"` and is ignored, so the frame's data is empty. Here a frame whose data
 * is empty and which has a line starting with `{` or `[` takes that line as its data, and the
 * frame is marked `repaired` so the import can say so.
 */
export interface SseFrame {
	id: string | null;
	event: string;
	data: string;
	/** `retry:` milliseconds given in this frame, if any. */
	retry: number | null;
	/** 1-based line of the frame's first line. */
	line: number;
	/** The frame's data came from a line without `data:` (see above). */
	repaired: boolean;
	/** Lines that are neither fields, comments nor repairable data. */
	unknownLines: { line: number; text: string }[];
}

const KNOWN_FIELDS = new Set(['id', 'event', 'data', 'retry']);

/** True when the first meaningful line of `text` is an SSE field or comment. */
export function looksLikeEventStream(text: string): boolean {
	for (const raw of text.split(/\r\n|\r|\n/, 20)) {
		const line = raw.replace(/^\uFEFF/, '');
		if (line.trim() === '') continue;
		return /^(retry|id|event|data)(:|$)/.test(line) || line.startsWith(':');
	}
	return false;
}

export function readSseFrames(text: string): SseFrame[] {
	const frames: SseFrame[] = [];
	const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
	let frame: SseFrame | null = null;
	let dataLines: string[] = [];
	let loose: { line: number; text: string }[] = [];
	const open = (lineNo: number): SseFrame =>
		(frame ??= {
			id: null,
			event: 'message',
			data: '',
			retry: null,
			line: lineNo,
			repaired: false,
			unknownLines: []
		});
	const dispatch = () => {
		if (!frame) return;
		frame.data = dataLines.join('\n');
		if (frame.data === '') {
			const json = loose.find((l) => /^\s*[[{]/.test(l.text));
			if (json) {
				frame.data = json.text.trim();
				frame.repaired = true;
				loose = loose.filter((l) => l !== json);
			}
		}
		frame.unknownLines.push(...loose);
		frames.push(frame);
		frame = null;
		dataLines = [];
		loose = [];
	};
	lines.forEach((line, i) => {
		const lineNo = i + 1;
		if (line === '') {
			dispatch();
			return;
		}
		if (line.startsWith(':')) return;
		const colon = line.indexOf(':');
		const name = colon < 0 ? line : line.slice(0, colon);
		let value = colon < 0 ? '' : line.slice(colon + 1);
		if (value.startsWith(' ')) value = value.slice(1);
		const f = open(lineNo);
		if (!KNOWN_FIELDS.has(name)) {
			loose.push({ line: lineNo, text: line });
			return;
		}
		switch (name) {
			case 'id':
				// The standard ignores ids containing NULL.
				if (!value.includes('\0')) f.id = value;
				break;
			case 'event':
				f.event = value || 'message';
				break;
			case 'data':
				dataLines.push(value);
				break;
			case 'retry':
				if (/^\d+$/.test(value)) f.retry = Number(value);
				break;
		}
	});
	dispatch();
	return frames;
}
