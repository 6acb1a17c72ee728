import { parsePlatform } from '../analysis/platform.js';
import type { Dimension } from '../model/fleet.js';

export { DIMENSIONS, type Dimension } from '../model/fleet.js';

/**
 * The four dimensions every fleet figure is split by (sparkrtc-console-guide.txt §4.2: region,
 * network type, OS, SDK version) and how rtcscope reads them from its inputs. A participant whose
 * inputs don't carry a dimension is left out of that distribution (and counted in its coverage),
 * never put in a made-up bucket.
 */

export const DIMENSION_LABELS: Record<Dimension, string> = {
	region: 'Region',
	network: 'Network type',
	os: 'OS',
	sdk: 'Endpoint (browser version)'
};

/** The labels as list titles ("Regions", "OSs"): the guide's own plurals (§4.2.4 Network Types, OSs). */
export const DIMENSION_PLURALS: Record<Dimension, string> = {
	region: 'Regions',
	network: 'Network types',
	os: 'OSs',
	sdk: 'Endpoints (browser version)'
};

export const DIMENSION_SOURCES: Record<Dimension, string> = {
	region:
		'Country of the CDR participantJoined “location” (“Madrid, Spain” → Spain). OpenVidu CE writes “unknown”: such participants are left out.',
	network:
		'networkType of the local ICE candidate of the selected candidate pair, from a webrtc-internals or rtcstats dump (CDR files do not carry it).',
	os: 'Operating system of the CDR “platform” or of a dump’s user agent, with the major version for Windows, Android and iOS.',
	sdk: 'SparkRTC splits by SDK version; no input rtcscope reads records one (OpenVidu’s CDR has no openvidu-browser version, dumps no SDK). So this splits by the endpoint instead — the browser and its major version (“Chrome 131”) from the CDR “platform” or a dump’s user agent — as the session inspector’s Endpoints do.'
};

/** "Madrid, Spain" → "Spain"; "unknown" and empty → null. Source: openvidu-cdr.txt `location`. */
export function regionOf(location: string | null | undefined): string | null {
	const text = location?.trim();
	if (!text || /^unknown$/i.test(text)) return null;
	const parts = text.split(',').map((p) => p.trim()).filter(Boolean);
	return parts[parts.length - 1] ?? null;
}

/** "Chrome 131.0.1 on OS X 10.15.7 64-bit" → "macOS"; "… on Android 14" → "Android 14". */
export function osOf(platform: string | null | undefined): string | null {
	const os = parsePlatform(platform)?.os;
	if (!os) return null;
	const m = /^(.*?)\s*(\d+)?(?:[._]\d+)*$/.exec(os);
	const name = (m?.[1] ?? os).trim();
	const major = m?.[2];
	if (/^(os x|mac ?os|macintosh)/i.test(name)) return 'macOS';
	if (/^(windows|android|ios)$/i.test(name)) return major ? `${name} ${major}` : name;
	return name || null;
}

/** "Chrome 131.0.6778.86 on Windows 10" → "Chrome 131" (see DIMENSION_SOURCES.sdk). */
export function sdkOf(platform: string | null | undefined): string | null {
	const info = parsePlatform(platform);
	if (!info || !info.browser) return null;
	return info.endpoint;
}

/** ICE `networkType` ("wifi", "ethernet", "cellular", "vpn"); "unknown" and empty → null. */
export function networkOf(networkType: string | null | undefined): string | null {
	const text = networkType?.trim().toLowerCase();
	if (!text || text === 'unknown') return null;
	return text;
}
