/**
 * Hides IP addresses in text. WebRTC dumps carry them in ICE candidates and SDP: personal data
 * that rtcscope shows only in a connection's details, on request (quality-metrics issue).
 *
 * IPv6 is matched only with "::" or a group of 3–4 hex digits, so clock times ("09:15:47") and
 * DTLS fingerprints ("AB:CD:…", two-digit groups) are left alone.
 */
const IPV4 = /\b(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}\b/g;
/** Whole tokens of hex digits and colons with at least one colon (validated by looksLikeIpv6). */
const IPV6 = /(?<![\w:.])[0-9a-f]*:[0-9a-f:]*(?![\w:])/gi;

export const REDACTED_IP = '‹ip›';

export function redactAddresses(text: string): string {
	return text
		.replace(IPV4, REDACTED_IP)
		.replace(IPV6, (match) => (looksLikeIpv6(match) ? REDACTED_IP : match));
}

function looksLikeIpv6(candidate: string): boolean {
	const groups = candidate.split(':').filter(Boolean);
	if (groups.some((g) => g.length > 4)) return false;
	if (candidate.includes('::')) return groups.length >= 1 && groups.length <= 7;
	return groups.length === 8 || (groups.length >= 5 && groups.some((g) => g.length >= 3));
}
