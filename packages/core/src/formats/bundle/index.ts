import type { Sniff } from '../types.js';
import type { CaseRow } from '../../model/cases.js';
import { sessionScope } from '../../model/ids.js';
import { excerpt, PROBLEM_CODES } from '../../model/problems.js';
import { METRICS, type DerivedStream, type MetricName } from '../webrtc-stats/types.js';
import type { LineFormat, LineParser, ParseContext, ParsedRecord, ParseSink } from '../types.js';
import { METRIC_SCALE, unpackColumn } from './codec.js';
import {
	BUNDLE_VERSION,
	TIME_SCALE,
	type BundleChunkLine,
	type BundleEventsLine,
	type BundleHeader,
	type BundlePcDetailLine,
	type BundleStatsObjectLine,
	type BundleStreamLine
} from './types.js';
import type { ObjectColumns } from '../webrtc-stats/columns.js';
import { INPUT_LABELS } from '../inputs.js';

/**
 * Reads a case bundle (types.ts) back through the ordinary import path: events go into windows
 * like any file's, quality streams are rebuilt from their packed chunks, cases are restored.
 * Importing the same bundle twice adds nothing (same bytes → same import; same events → same
 * identity).
 */
export const bundleFormat: LineFormat = {
	kind: 'lines',
	id: 'rtcscope-bundle',
	label: INPUT_LABELS['rtcscope-bundle'],
	detect: (sniff: Sniff) => (/^\{\s*"rtcscopeBundle"\s*:/.test(sniff.lines[0] ?? '') ? 1 : 0),
	createParser: createBundleParser,
	copiesStoredRows: true
};

function createBundleParser(_ctx: ParseContext): LineParser {
	let header: BundleHeader | null = null;
	let refused = false;
	const streams = new Map<string, { meta: BundleStreamLine['stream']; chunks: BundleChunkLine['chunk'][] }>();
	const cases: CaseRow[] = [];
	const details = new Map<string, { line: BundlePcDetailLine['pcDetail']; columns: ObjectColumns[] }>();
	const detailId = (session: { key: string }, pcId: string) => `${session.key}\u0001${pcId}`;
	return {
		parse(text, lineNo, problems, isLast) {
			if (refused) return null;
			let json: Record<string, unknown>;
			try {
				json = JSON.parse(text) as Record<string, unknown>;
			} catch (error) {
				problems.add({
					code: isLast ? PROBLEM_CODES.truncatedLine : PROBLEM_CODES.invalidJson,
					severity: 'error',
					line: lineNo,
					message: `Line ${lineNo} of the bundle is not valid JSON (${error instanceof Error ? error.message : String(error)}); it was skipped.`,
					excerpt: excerpt(text)
				});
				return null;
			}
			if (lineNo === 1 || 'rtcscopeBundle' in json) {
				header = json as unknown as BundleHeader;
				if (typeof header.rtcscopeBundle !== 'number' || header.rtcscopeBundle > BUNDLE_VERSION) {
					refused = true;
					problems.add({
						code: PROBLEM_CODES.refusedFile,
						severity: 'error',
						line: lineNo,
						message: `This bundle was written by a newer rtcscope (bundle format ${String(header.rtcscopeBundle)}; this version reads up to ${BUNDLE_VERSION}). Open it with an up-to-date rtcscope.`
					});
				}
				return null;
			}
			if ('events' in json && 'session' in json) {
				const line = json as unknown as BundleEventsLine;
				return line.events.map((event): ParsedRecord => ({ scope: sessionScope(line.session.key), session: line.session, event }));
			}
			if ('stream' in json) {
				const meta = (json as unknown as BundleStreamLine).stream;
				streams.set(meta.ref, { meta, chunks: streams.get(meta.ref)?.chunks ?? [] });
				return null;
			}
			if ('chunk' in json) {
				const chunk = (json as unknown as BundleChunkLine).chunk;
				const entry = streams.get(chunk.ref);
				if (entry) entry.chunks.push(chunk);
				else problems.add({ code: PROBLEM_CODES.missingField, severity: 'error', line: lineNo, message: `Line ${lineNo}: samples of a stream the bundle does not describe; skipped.` });
				return null;
			}
			if ('case' in json) {
				cases.push((json as { case: CaseRow }).case);
				return null;
			}
			if ('pcDetail' in json) {
				const line = (json as unknown as BundlePcDetailLine).pcDetail;
				const id = detailId(line.session, line.pcId);
				details.set(id, { line, columns: details.get(id)?.columns ?? [] });
				return null;
			}
			if ('statsObject' in json) {
				const o = (json as unknown as BundleStatsObjectLine).statsObject;
				const id = detailId(o.session, o.pcId);
				const entry = details.get(id);
				if (!entry) {
					problems.add({ code: PROBLEM_CODES.missingField, severity: 'error', line: lineNo, message: `Line ${lineNo}: stats of a peer connection the bundle does not describe; skipped.` });
					return null;
				}
				const numbers: ObjectColumns['numbers'] = {};
				for (const [name, values] of Object.entries(o.numbers)) numbers[name] = Float64Array.from(values, (v) => (v === null ? Number.NaN : v));
				const texts: ObjectColumns['texts'] = {};
				for (const [name, runs] of Object.entries(o.texts)) texts[name] = { at: unpackColumn(runs.at, TIME_SCALE), v: runs.v };
				entry.columns.push({ objectId: o.objectId, t: unpackColumn(o.t, TIME_SCALE), numbers, texts });
				return null;
			}
			problems.add({ code: PROBLEM_CODES.unknownEvent, severity: 'warning', line: lineNo, message: `Line ${lineNo} is not a record this version of rtcscope knows (keys: ${Object.keys(json).join(', ')}); skipped.` });
			return null;
		},
		finish(sink: ParseSink) {
			if (refused) return;
			for (const { meta, chunks } of streams.values()) {
				const sorted = chunks.sort((a, b) => a.seq - b.seq);
				const t = Float64Array.from(sorted.flatMap((c) => [...unpackColumn(c.t, 1)]));
				const cols: DerivedStream['cols'] = {};
				for (const m of METRICS as readonly MetricName[]) {
					if (!sorted.some((c) => c.cols[m])) continue;
					cols[m] = Float32Array.from(sorted.flatMap((c) => (c.cols[m] ? [...unpackColumn(c.cols[m], METRIC_SCALE[m])] : new Array<number>(c.t.length).fill(Number.NaN))));
				}
				const stream: DerivedStream = {
					objectId: meta.objectId,
					pcId: meta.pcId,
					direction: meta.direction,
					kind: meta.kind,
					source: meta.source,
					ssrc: meta.ssrc,
					mid: meta.mid,
					trackId: meta.trackId,
					codec: meta.codec,
					t,
					cols,
					freezes: meta.freezes,
					droppedBeforeAt: meta.droppedBeforeAt,
					...(meta.selectedPair ? { selectedPair: meta.selectedPair } : {}),
					...(meta.candidates ? { candidates: meta.candidates } : {})
				};
				// A bundle is untrusted input: the URL words must be strings, the link's setter a known one.
				const hints = Array.isArray(meta.linkHints) ? meta.linkHints.filter((h): h is string => typeof h === 'string') : undefined;
				const setBy = meta.linkSetBy === 'user' ? ({ linkSetBy: 'user' } as const) : {};
				sink.stream({
					session: meta.session,
					participantId: meta.participantId,
					stream,
					...(meta.setup ? { setup: meta.setup } : {}),
					...(hints ? { linkHints: hints } : {}),
					...setBy,
					...(meta.linkedSessionKey ? { link: { sessionKey: meta.linkedSessionKey, participantId: meta.linkedParticipantId ?? null } } : {})
				});
			}
			for (const { line, columns } of details.values()) {
				const { session, ...detail } = line;
				sink.pcDetail?.({ session, forensics: { detail, columns } });
			}
			for (const c of cases) sink.case?.(c);
		}
	};
}
