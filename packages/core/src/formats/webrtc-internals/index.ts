import type { DocumentFormat } from '../types.js';
import { detectWebrtcInternals } from './detect.js';
import { createWebrtcInternalsParser } from './parse.js';
import { INPUT_LABELS } from '../inputs.js';

/** chrome://webrtc-internals "Create dump" files (plain or gzipped). */
export const webrtcInternalsFormat: DocumentFormat = {
	kind: 'document',
	id: 'webrtc-internals',
	label: INPUT_LABELS['webrtc-internals'],
	detect: detectWebrtcInternals,
	createParser: createWebrtcInternalsParser
};
