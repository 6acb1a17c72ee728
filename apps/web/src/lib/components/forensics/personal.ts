/**
 * Stats fields that hold addresses (W3C `local-candidate.address`, legacy `ipAddress`,
 * `googLocalAddress`, TURN `url`, `relatedAddress`): personal data, shown only when asked.
 */
const ADDRESS_FIELDS = /^(address|ip|ipAddress|relatedAddress|url|googLocalAddress|googRemoteAddress|networkAdapterAddress)$/;

export function isAddressField(name: string): boolean {
	return ADDRESS_FIELDS.test(name);
}

/** The unit a snapshot value is printed in, as the stats report it (webrtc-stats units). */
export function reportedUnit(name: string): string {
	if (/^(jitter|roundTripTime|totalRoundTripTime|currentRoundTripTime)$/.test(name)) return 's';
	if (/[bB]ytes/.test(name)) return 'B';
	if (name === 'averageBitrateMbps') return 'Mbps';
	if (/FramesPerSecond$|^framesPerSecond$/.test(name)) return 'fps';
	return '';
}

const IPV4 = /(?<![\w.])\d{1,3}(\.\d{1,3}){3}(?![\w.])/g;
/** Full forms (5–8 groups) and `::` forms; clock times (3 groups) and fingerprints (`AB:CD:…`, 32 groups) are not addresses. */
const IPV6 = /(?<![\w:])(?:[0-9a-f]{1,4}:){4,7}[0-9a-f]{1,4}(?![\w:])|(?<![\w:])(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4})*)?::(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4})*)?(?![\w:])/gi;

/** Text with its IPv4 and IPv6 addresses replaced (ICE candidates, SDP c= lines inside API values). */
export function maskAddresses(text: string): string {
	return text.replace(IPV4, 'x.x.x.x').replace(IPV6, 'x:x:x:x');
}
