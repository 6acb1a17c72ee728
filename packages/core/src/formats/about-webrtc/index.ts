import type { Sniff } from '../types.js';
import { PROBLEM_CODES } from '../../model/problems.js';
import { INPUT_LABELS } from '../inputs.js';
import { wholeTextParser } from '../whole-text.js';
import type { DocumentFormat, DocumentParser, ParseContext, ParseSink } from '../types.js';
import { isCopyReport, readCopyReport } from './copy-report.js';
import { emitAboutPage } from './emit.js';
import { readAboutWebrtcPage } from './page.js';

/**
 * Firefox about:webrtc: a saved page (page.ts) or its "Copy Report" JSON (copy-report.ts).
 * Read whole: the 2025 page in the corpus is 3.3 MB; a page over MAX_CHARS is refused with a word.
 */
const MAX_CHARS = 64 * 1024 * 1024;

export function detectAboutWebrtc(sniff: Sniff): number {
	const text = sniff.text;
	if (/<div id="content">/.test(text) && /class="peer-connection"|data-l10n-id="about-webrtc-|class="stats"><span class="section-heading">/.test(text)) return 0.95;
	const head = text.trimStart();
	if ((head.startsWith('{') || head.startsWith('[')) && /"pcid"\s*:/.test(text) && /"(iceCandidatePairStats|inboundRtpStreamStats|sdpHistory|outboundRtpStreamStats)"\s*:/.test(text)) return 0.9;
	return 0;
}

export const aboutWebrtcFormat: DocumentFormat = {
	kind: 'document',
	id: 'about-webrtc',
	label: INPUT_LABELS['about-webrtc'],
	detect: detectAboutWebrtc,
	createParser: createAboutWebrtcParser
};

function createAboutWebrtcParser(ctx: ParseContext, sink: ParseSink): DocumentParser {
	return wholeTextParser(ctx, { maxChars: MAX_CHARS, what: 'about:webrtc', splitHint: 'Save the page again after “Clear history”, or copy one connection’s report.' }, (text) => {
		const head = text.trimStart();
		if (head.startsWith('{') || head.startsWith('[')) {
			let value: unknown;
			try {
				// Candidate-pair priorities are 64-bit integers: kept as their digits.
				value = JSON.parse(text.replace(/"priority"\s*:\s*(\d{16,})/g, '"priority":"$1"'));
			} catch (error) {
				ctx.problems.add({
					code: PROBLEM_CODES.invalidJson,
					severity: 'error',
					message: `This looks like an about:webrtc report but is not valid JSON (${error instanceof Error ? error.message : String(error)}); nothing was imported.`
				});
				return;
			}
			if (isCopyReport(value)) emitAboutPage(readCopyReport(value), ctx, sink, 'report');
			return;
		}
		emitAboutPage(readAboutWebrtcPage(text), ctx, sink, 'page');
	});
}
