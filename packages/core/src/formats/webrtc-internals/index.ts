import type { DocumentFormat } from '../types.js';
import { detectWebrtcInternals } from './detect.js';
import { createWebrtcInternalsParser } from './parse.js';

/** chrome://webrtc-internals "Create dump" files (plain or gzipped). */
export const webrtcInternalsFormat: DocumentFormat = {
	kind: 'document',
	id: 'webrtc-internals',
	label: 'chrome://webrtc-internals dump',
	detect: detectWebrtcInternals,
	createParser: createWebrtcInternalsParser
};
