import { describe, expect, it } from 'vitest';
import { maskAddresses } from './personal';

describe('maskAddresses', () => {
	it('hides IPv4 and IPv6 addresses, keeps ports, times and DTLS fingerprints', () => {
		// From the Firefox 71 page's raw candidates and SDP (Faracoeng-SMU29009__aboutWebrtc.html).
		expect(maskAddresses('candidate:1108098214 1 udp 2122262783 2804:1454:1004:530:94c4:f03a:11c6:d414 48895 typ host')).toBe(
			'candidate:1108098214 1 udp 2122262783 x:x:x:x 48895 typ host'
		);
		const fingerprint = 'a=fingerprint:sha-256 C1:13:4A:76:73:6B:6A:82:DD:13:D0:62:48:DB:12:CD:BE:E1:F4:9C:A3:2F:1C:38:D4:56:EE:5F:23:CC:F4:2D';
		expect(maskAddresses(fingerprint)).toBe(fingerprint);
		expect(maskAddresses('at 09:14:58 from 192.168.1.217:47747')).toBe('at 09:14:58 from x.x.x.x:47747');
		expect(maskAddresses('host(IP6:[::]:62721/TCP) and fe80::1')).toBe('host(IP6:[x:x:x:x]:62721/TCP) and x:x:x:x');
	});
});
