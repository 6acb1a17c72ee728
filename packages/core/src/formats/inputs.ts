import type { FormatId } from './types.js';

/**
 * Every input rtcscope reads, in the words the Import page and the "not recognised" messages
 * use. Strings only (no parser code), so the page can list them without loading the parsers.
 * Each format module takes its label from here.
 */
export const INPUT_LABELS: Record<FormatId, string> = {
	'openvidu-cdr': 'OpenVidu CDR and webhook events (JSON Lines), OpenVidu Pro Elasticsearch exports',
	'openvidu-rest': 'OpenVidu REST session or sessions list (JSON)',
	'webrtc-internals': 'chrome://webrtc-internals dump',
	rtcstats: 'rtcstats dump (Jitsi rtcstats-server, rtcstats file format 3)',
	'about-webrtc': 'Firefox about:webrtc saved page (HTML) or “Copy Report” (JSON)',
	'recording-json': 'OpenTok/Vonage archives and archive or session-monitoring callbacks, SparkRTC recording callbacks (JSON)',
	livepeer: 'Livepeer stream health responses and events (event-stream capture, JSON, JSON Lines)',
	'rtcscope-bundle': 'rtcscope case bundle (.rtcscope)'
};

/** In the order the Import page lists them. */
export const INPUT_ORDER: readonly FormatId[] = [
	'openvidu-cdr',
	'openvidu-rest',
	'webrtc-internals',
	'rtcstats',
	'about-webrtc',
	'recording-json',
	'livepeer',
	'rtcscope-bundle'
];
