import { describe, expect, it } from 'vitest';
import { httpHref, withoutQuery } from './safe-url';

describe('httpHref', () => {
	it('links only http(s) URLs', () => {
		expect(httpHref('https://bucket.example/a.mp4?X=1')).toBe('https://bucket.example/a.mp4?X=1');
		expect(httpHref('javascript:alert(1)')).toBeNull();
		expect(httpHref('data:text/html,hi')).toBeNull();
		expect(httpHref('s3://bucket/key')).toBeNull();
		expect(httpHref('not a url')).toBeNull();
		expect(httpHref(null)).toBeNull();
	});
	it('hides a signed query', () => {
		expect(withoutQuery('http://x/a.mp4?Expires=1&Signature=abc')).toBe('http://x/a.mp4?…');
		expect(withoutQuery('http://x/a.mp4')).toBe('http://x/a.mp4');
	});
});
