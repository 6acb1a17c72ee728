/**
 * A browser's user-agent string as OpenVidu writes platforms ("Chrome 144.0.0.0 on Linux"), so
 * dumps and CDR files group by the same endpoint and OS labels (analysis/platform.ts).
 */
export function platformFromUserAgent(ua: string | null | undefined): string | null {
	if (!ua) return null;
	const browser =
		match(ua, /Edg\/([\d.]+)/, 'Edge') ??
		match(ua, /OPR\/([\d.]+)/, 'Opera') ??
		match(ua, /Firefox\/([\d.]+)/, 'Firefox') ??
		match(ua, /Chrome\/([\d.]+)/, /Mobile/.test(ua) ? 'Chrome Mobile' : 'Chrome') ??
		match(ua, /Version\/([\d.]+).*Safari/, /Mobile/.test(ua) ? 'Mobile Safari' : 'Safari');
	const os =
		match(ua, /Android ([\d.]+)/, 'Android') ??
		match(ua, /(?:iPhone|CPU) OS ([\d_]+)/, 'iOS') ??
		match(ua, /Mac OS X ([\d_.]+)/, 'OS X') ??
		(/Windows NT 10/.test(ua) ? 'Windows 10' : /Windows/.test(ua) ? 'Windows' : null) ??
		(/CrOS/.test(ua) ? 'Chrome OS' : /Linux/.test(ua) ? 'Linux' : null);
	if (!browser) return ua.slice(0, 120);
	return os ? `${browser} on ${os.replace(/_/g, '.')}` : browser;
}

function match(ua: string, re: RegExp, name: string): string | null {
	const m = re.exec(ua);
	return m ? `${name} ${m[1]}` : null;
}
