import type { LineFormat } from '../types.js';
import { detectRtcstats } from './detect.js';
import { createRtcstatsParser } from './parse.js';
import { INPUT_LABELS } from '../inputs.js';

/** rtcstats dumps (Jitsi 3.x, file format 3, Jitsi server-side), plain or gzipped. */
export const rtcstatsFormat: LineFormat = {
	kind: 'lines',
	id: 'rtcstats',
	label: INPUT_LABELS['rtcstats'],
	detect: detectRtcstats,
	createParser: createRtcstatsParser
};
