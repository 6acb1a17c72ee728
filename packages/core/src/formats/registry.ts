import type { Sniff } from './types.js';
import { aboutWebrtcFormat } from './about-webrtc/index.js';
import { bundleFormat } from './bundle/index.js';
import { livepeerFormat } from './livepeer/index.js';
import { openviduCdrFormat } from './openvidu-cdr/index.js';
import { openviduRestFormat } from './openvidu-rest/index.js';
import { recordingJsonFormat } from './recordings/index.js';
import { rtcstatsFormat } from './rtcstats/index.js';
import { webrtcInternalsFormat } from './webrtc-internals/index.js';
import type { FormatModule } from './types.js';

/** Every format, in no particular order: detection picks the most confident. */
export const FORMATS: readonly FormatModule[] = [
	openviduCdrFormat,
	webrtcInternalsFormat,
	rtcstatsFormat,
	recordingJsonFormat,
	bundleFormat,
	livepeerFormat,
	openviduRestFormat,
	aboutWebrtcFormat
];

/** Below this confidence a file is reported as an unknown format rather than misread. */
export const MIN_CONFIDENCE = 0.5;

export interface Detection {
	format: FormatModule;
	confidence: number;
}

/** Picks the format of a file from its first characters, or null when none is confident. */
export function detectFormat(
	sniff: Sniff,
	formats: readonly FormatModule[] = FORMATS
): Detection | null {
	let best: Detection | null = null;
	for (const format of formats) {
		const confidence = format.detect(sniff);
		if (confidence >= MIN_CONFIDENCE && (!best || confidence > best.confidence)) {
			best = { format, confidence };
		}
	}
	return best;
}

/** "OpenVidu CDR (JSON Lines), …" for messages about unrecognised files. */
export function supportedFormatsText(formats: readonly FormatModule[] = FORMATS): string {
	return formats.map((f) => f.label).join(', ');
}
