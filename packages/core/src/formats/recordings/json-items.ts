/**
 * The containers archive lists and callback captures come in (issue: "single object, array,
 * `{count, items}` envelope, or JSON Lines"), reduced to items with the 1-based line each starts
 * on, so a problem or an event can point at its source line.
 */
export interface JsonItem {
	value: unknown;
	line: number;
}

export interface JsonItems {
	items: JsonItem[];
	/** How the text was read, for messages. */
	container: 'object' | 'array' | 'envelope' | 'lines';
	/** Lines that are not JSON (JSON Lines only), and a whole document that is not JSON. */
	errors: { line: number; message: string; excerpt: string }[];
}

/**
 * Reads a JSON document, or JSON Lines when the text is not one document. A document that is
 * not valid JSON and does not read as JSON Lines either is reported once, at the line where the
 * parser stopped (not as an error per line of a pretty-printed object).
 */
export function readJsonItems(text: string): JsonItems {
	const body = text.replace(/^\uFEFF/, '');
	try {
		const value = JSON.parse(body) as unknown;
		return fromDocument(value, body);
	} catch (error) {
		const lines = body.split(/\r?\n/);
		const jsonl = readLines(lines);
		// Pretty-printed JSON that is broken reads as many bad "lines": report the document instead.
		if (jsonl.items.length > 0 && jsonl.errors.length <= jsonl.items.length) return jsonl;
		const message = error instanceof Error ? error.message : String(error);
		const line = lineOfPosition(body, message);
		return {
			items: [],
			container: 'object',
			errors: [{ line, message: `not valid JSON (${message})`, excerpt: (lines[line - 1] ?? '').trim().slice(0, 200) }]
		};
	}
}

function fromDocument(value: unknown, text: string): JsonItems {
	if (Array.isArray(value)) {
		const lines = topLevelItemLines(text, 0);
		return { items: value.map((v, i) => ({ value: v, line: lines[i] ?? 1 })), container: 'array', errors: [] };
	}
	if (value && typeof value === 'object' && Array.isArray((value as { items?: unknown }).items)) {
		const items = (value as { items: unknown[] }).items;
		const at = text.search(/"items"\s*:\s*\[/);
		const lines = at >= 0 ? topLevelItemLines(text, text.indexOf('[', at)) : [];
		return { items: items.map((v, i) => ({ value: v, line: lines[i] ?? 1 })), container: 'envelope', errors: [] };
	}
	return { items: [{ value, line: firstContentLine(text) }], container: 'object', errors: [] };
}

function readLines(lines: string[]): JsonItems {
	const items: JsonItem[] = [];
	const errors: JsonItems['errors'] = [];
	lines.forEach((raw, i) => {
		const line = raw.trim();
		if (!line) return;
		try {
			items.push({ value: JSON.parse(line) as unknown, line: i + 1 });
		} catch (error) {
			errors.push({ line: i + 1, message: `not valid JSON (${error instanceof Error ? error.message : String(error)})`, excerpt: line.slice(0, 200) });
		}
	});
	return { items, container: 'lines', errors };
}

function firstContentLine(text: string): number {
	const at = text.search(/\S/);
	return at < 0 ? 1 : lineAt(text, at);
}

function lineAt(text: string, index: number): number {
	let line = 1;
	for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
	return line;
}

/** V8 says "… at position 123" (or "line 4 column 2"): the 1-based line of it. */
function lineOfPosition(text: string, message: string): number {
	const lc = /line (\d+) column/.exec(message);
	if (lc) return Number(lc[1]);
	const pos = /position (\d+)/.exec(message);
	return pos ? lineAt(text, Number(pos[1])) : 1;
}

/**
 * The line each element of the array opening at `open` starts on: a scan that tracks strings
 * and nesting, so commas inside values are not mistaken for separators.
 */
function topLevelItemLines(text: string, open: number): number[] {
	const out: number[] = [];
	let depth = 0;
	let inString = false;
	let line = lineAt(text, open);
	let expectItem = false;
	for (let i = open; i < text.length; i++) {
		const c = text[i] as string;
		if (c === '\n') line++;
		if (inString) {
			if (c === '\\') i++;
			else if (c === '"') inString = false;
			continue;
		}
		if (depth === 1 && expectItem && !/\s/.test(c) && c !== ']') {
			out.push(line);
			expectItem = false;
		}
		if (c === '"') inString = true;
		else if (c === '[' || c === '{') {
			depth++;
			if (depth === 1) expectItem = true;
		} else if (c === ']' || c === '}') {
			depth--;
			if (depth === 0) break;
		} else if (c === ',' && depth === 1) expectItem = true;
	}
	return out;
}
