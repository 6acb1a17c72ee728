import { PROBLEM_CODES } from '../model/problems.js';
import type { DocumentParser, ParseContext } from './types.js';

/**
 * A document parser for small formats read whole (archive lists, callback captures, Livepeer
 * health and event captures): collects the text up to `maxChars`, then hands it to `read`.
 * A longer file is reported once, with what to do, and nothing of it is read.
 */
export function wholeTextParser(
	ctx: ParseContext,
	options: { maxChars: number; what: string; splitHint: string },
	read: (text: string) => void
): DocumentParser {
	let text = '';
	let tooLong = false;
	return {
		push(chunk) {
			if (tooLong) return;
			if (text.length + chunk.length > options.maxChars) {
				tooLong = true;
				text = '';
				return;
			}
			text += chunk;
		},
		end() {
			if (!tooLong) {
				read(text);
				return;
			}
			ctx.problems.add({
				code: PROBLEM_CODES.lineTooLong,
				severity: 'error',
				message: `This ${options.what} file is over ${Math.round(options.maxChars / 1_000_000)} million characters; only files up to that size are read. ${options.splitHint}`
			});
		}
	};
}
