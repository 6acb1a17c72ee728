/**
 * Reads OpenVidu's `platform` text ("Chrome 85.0.4183.121 on Linux 64-bit",
 * openvidu-cdr.txt participantJoined) into browser, version and OS. Vonage calls a browser with
 * its major version an "endpoint" (vonage-session-inspector.md, Summary and Statistics).
 */
export interface PlatformInfo {
	/** "Chrome 85": browser and major version; the whole text when it can't be read. */
	endpoint: string;
	browser: string | null;
	version: string | null;
	/** "Linux", "OS X 10.13.6", "Windows 10": the text after " on ", without the bitness. */
	os: string | null;
}

const PLATFORM = /^(.*?)\s+v?(\d+(?:\.\d+)*)\s+on\s+(.+)$/i;

export function parsePlatform(platform: string | null | undefined): PlatformInfo | null {
	if (!platform) return null;
	const text = platform.trim();
	const m = PLATFORM.exec(text);
	if (!m) return { endpoint: text, browser: null, version: null, os: null };
	const browser = (m[1] as string).trim();
	const version = m[2] as string;
	const os = (m[3] as string).replace(/\s*(64|32)-bit$/i, '').trim();
	return { endpoint: `${browser} ${version.split('.')[0]}`, browser, version, os: os || null };
}
