import type { Sniff } from './types.js';

/**
 * What an input rtcscope does not read looks like, in one line: the kinds people save instead of
 * a log (a Vonage stream list, a Livepeer stream object, the text of the webrtc-internals page)
 * get their name and what to export instead; anything else gets its first characters, quoted.
 * The message is shown once, on the import card.
 */
interface Shape {
	test: (text: string) => boolean;
	say: string;
}

const SHAPES: Shape[] = [
	{
		test: (t) => /"count"\s*:\s*0\s*[,}]/.test(t) && /"items"\s*:\s*\[\s*\]/.test(t),
		say: 'This is an empty list ({"count": 0, "items": []}): there is nothing in it to import.'
	},
	{
		test: (t) => /"broadcastUrls"\s*:/.test(t) || /"event"\s*:\s*"broadcast"/.test(t),
		say: 'This is a Vonage live-streaming broadcast list (broadcastUrls, RTMP/HLS), not archives: rtcscope reads archives and session callbacks — export the archive list (GET /v2/project/{apiKey}/archive) instead.'
	},
	{
		test: (t) => /"layoutClassList"\s*:/.test(t) || (/"videoType"\s*:/.test(t) && !/"createdAt"\s*:/.test(t)),
		say: 'This is a Vonage stream list (GET …/session/{id}/stream): it says which streams are live now, with no times. For the streams of a call, import the session-monitoring callbacks (streamCreated / streamDestroyed).'
	},
	{
		test: (t) => /"connectionState"\s*:/.test(t),
		say: 'This is a Vonage connection list (GET …/session/{id}/connection): it says who is connected now, not when they left. For the connections of a call, import the session-monitoring callbacks (connectionCreated / connectionDestroyed).'
	},
	{
		test: (t) => /"isHealthy"\s*:/.test(t) && (/"playbackId"\s*:/.test(t) || /"streamKey"\s*:/.test(t) || /"issues"\s*:/.test(t)),
		say: 'This is a Livepeer stream object (GET /stream/{id}): it has isHealthy and a list of issues, but not the checks behind them. Save GET /data/stream/{id}/health (and the /events stream) for Stream health.'
	},
	{
		test: (t) => /about:webrtc|aboutWebRTC|about-webrtc|id="content"[\s\S]*(PeerConnection|RTCPeerConnection)/i.test(t) && /<(html|div|table)/i.test(t),
		say: 'This looks like a Firefox about:webrtc page, but not a saved one rtcscope knows (no peer-connection sections in it). In Firefox, open about:webrtc, unfold the connections and use “Save page”, or “Copy Report” on a connection and save the text.'
	},
	{
		test: (t) => /Create Dump|Copy description to clipboard|Read stats From:/i.test(t) && !/^\s*[[{]/.test(t),
		say: 'This is the text of the chrome://webrtc-internals page, copied from the screen. Use the page’s “Create Dump” section → “Download the PeerConnection updates and stats data” to save a dump rtcscope reads.'
	},
	{
		test: (t) => /^\s*<(!doctype|html|\?xml)/i.test(t),
		say: 'This is an HTML or XML page, not a log or a dump.'
	}
];

/** One sentence for a file no format reads (the Import page lists what rtcscope reads). */
export function describeUnrecognised(sniff: Sniff): string {
	const text = sniff.text;
	for (const shape of SHAPES) if (shape.test(text.slice(0, 16 * 1024))) return shape.say;
	const start = text.replace(/^\uFEFF/, '').trim().replace(/\s+/g, ' ').slice(0, 80);
	if (/^[[{]/.test(start)) {
		try {
			JSON.parse(text);
		} catch (error) {
			if (sniff.text.length < 64 * 1024)
				return `This looks like JSON but is not valid JSON (${error instanceof Error ? error.message : String(error)}); it starts with “${start}”.`;
		}
	}
	return `rtcscope does not recognise this file; it starts with “${start}”. The inputs it reads are listed above the drop zone.`;
}
