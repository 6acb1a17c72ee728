import { describe, expect, it } from 'vitest';
import { redactAddresses } from './redact.js';

describe('redactAddresses', () => {
	it('hides IPv4 and IPv6 addresses in ICE candidates', () => {
		expect(
			redactAddresses('candidate:3149858075 1 udp 2122260223 192.168.1.217 47747 typ host')
		).toBe('candidate:3149858075 1 udp 2122260223 ‹ip› 47747 typ host');
		expect(
			redactAddresses(
				'candidate:1 1 udp 2122 2a02:8109:b6c0:3d00:1c2f:6a3b:4d5e:6f70 50000 typ host'
			)
		).toBe('candidate:1 1 udp 2122 ‹ip› 50000 typ host');
		expect(redactAddresses('raddr ::1 rport 9')).toBe('raddr ‹ip› rport 9');
		expect(redactAddresses('c=IN IP6 fe80::1c2f:6a3b')).toBe('c=IN IP6 ‹ip›');
	});

	it('leaves times, fingerprints and version numbers alone', () => {
		expect(redactAddresses('at 09:15:47 UTC')).toBe('at 09:15:47 UTC');
		expect(redactAddresses('a=fingerprint:sha-256 0F:57:53:37:FB:4F:BC:E6:00:32')).toBe(
			'a=fingerprint:sha-256 0F:57:53:37:FB:4F:BC:E6:00:32'
		);
		expect(redactAddresses('Chrome 120.0.6099.71')).toBe('Chrome 120.0.6099.71');
	});
});
