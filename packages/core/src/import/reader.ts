import { detectFormat, supportedFormatsText } from '../formats/registry.js';
import { describeUnrecognised } from '../formats/shapes.js';
import type { FormatModule, ParseContext, ParsedRecord, ParseSink } from '../formats/types.js';
import { PROBLEM_CODES, type ProblemLog } from '../model/problems.js';
import { assertNever } from '../util/assert.js';
import { detectJsonDocumentOfLines, JsonValueSplitter } from './json-values.js';
import { LineSplitter } from './lines.js';
import { looksBinary, makeSniff } from './sniff.js';

/** Text in, nothing out until the end: the line splitter or a document parser. */
export interface Reader {
	push(text: string): void;
	end(): void;
}

/** What a reader tells the pipeline as it goes (windows are cut on lines). */
export interface ReaderHooks {
	problems: ProblemLog;
	parseContext: ParseContext;
	/** Records, quality streams, details… as the format emits them. */
	sink: ParseSink;
	/** A line (or a JSON value) was read, of this many characters (0 for one skipped as overlong). */
	lineRead(chars: number): void;
	/** After a line's records went to the sink: the pipeline may cut a window here. */
	afterLine(): void;
}

export interface StartedReader {
	format: FormatModule;
	reader: Reader;
	/** A line format read from one JSON document (its values are the lines). */
	jsonValues: boolean;
}

/**
 * Detects the format of the sniffed start of the text (detection by content, DESIGN.md "Inputs")
 * and builds the reader that feeds its parser: lines through the line splitter, a line format
 * saved as one JSON document through the value splitter, a document format as it is. Returns
 * null, with the reason as a problem, for an empty, binary or unrecognised file.
 */
export function startReader(sniffText: string, complete: boolean, hooks: ReaderHooks): StartedReader | null {
	const { problems, parseContext, sink } = hooks;
	const sniff = makeSniff(sniffText, complete);
	if (sniffText.trim().length === 0) {
		problems.add({ code: PROBLEM_CODES.emptyFile, severity: 'error', message: 'The file is empty: there is nothing to import.' });
		return null;
	}
	if (looksBinary(sniffText)) {
		problems.add({
			code: PROBLEM_CODES.binaryFile,
			severity: 'error',
			message: `This is a binary file, not text. rtcscope reads ${supportedFormatsText()}, plain or gzipped.`
		});
		return null;
	}
	const detection = detectFormat(sniff) ?? detectJsonDocumentOfLines(sniffText);
	if (!detection) {
		problems.add({ code: PROBLEM_CODES.unknownFormat, severity: 'error', message: describeUnrecognised(sniff) });
		return null;
	}
	const format = detection.format;
	switch (format.kind) {
		case 'lines': {
			const lineParser = format.createParser(parseContext);
			const parseLine = (text: string, lineNo: number, unterminated: boolean) => {
				hooks.lineRead(text.length);
				if (text.trim().length > 0) {
					const parsed = lineParser.parse(text, lineNo, problems, unterminated);
					if (Array.isArray(parsed)) for (const one of parsed as ParsedRecord[]) sink.record(one);
					else if (parsed) sink.record(parsed);
				}
				hooks.afterLine();
			};
			const finish = () => lineParser.finish?.(sink);
			if ('values' in detection) {
				problems.add({
					code: PROBLEM_CODES.fileShape,
					severity: 'warning',
					message: `The file is one JSON document (${detection.values}) rather than JSON Lines; each of its values was read as one line, numbered by the line it starts on.`
				});
				const values = new JsonValueSplitter({
					value: (text, lineNo) => parseLine(text, lineNo, false),
					stray: (text, lineNo) =>
						problems.add({ code: PROBLEM_CODES.invalidJson, severity: 'error', line: lineNo, message: `Line ${lineNo}: “${text}” is not a JSON value; it was skipped.` })
				});
				return { format, jsonValues: true, reader: { push: (text) => values.push(text), end: () => (values.end(), finish()) } };
			}
			const splitter = new LineSplitter({
				line: parseLine,
				overlong(lineNo, head, totalChars) {
					hooks.lineRead(0);
					problems.add({
						code: PROBLEM_CODES.lineTooLong,
						severity: 'error',
						line: lineNo,
						message: `Line ${lineNo} is ${totalChars.toLocaleString('en')} characters long, over the limit; it was skipped.`,
						excerpt: head
					});
					hooks.afterLine();
				}
			});
			return { format, jsonValues: false, reader: { push: (text) => splitter.push(text), end: () => (splitter.end(), finish()) } };
		}
		case 'document': {
			const documentParser = format.createParser(parseContext, sink);
			return { format, jsonValues: false, reader: { push: (text) => documentParser.push(text), end: () => documentParser.end() } };
		}
		default:
			return assertNever(format, 'format kind');
	}
}
