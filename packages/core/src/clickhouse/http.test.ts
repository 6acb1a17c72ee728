import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClickHouseClient, sqlNumber, sqlString } from './http.js';

afterEach(() => vi.unstubAllGlobals());

/** Captures what the client sends instead of reaching a server. */
function captureFetch(answer = '') {
	const calls: { url: string; headers: Record<string, string>; body: string }[] = [];
	vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
		calls.push({ url, headers: init.headers as Record<string, string>, body: String(init.body) });
		return new Response(answer, { status: 200 });
	});
	return calls;
}

describe('ClickHouse over HTTP', () => {
	it('quotes text so it can never end a literal', () => {
		expect(sqlString("o'neil \\ x")).toBe("'o\\'neil \\\\ x'");
		expect(sqlString("'; DROP TABLE t; --")).toBe("'\\'; DROP TABLE t; --'");
		expect(sqlString('a\nb\0')).toBe("'a\\nb\\0'");
		expect(sqlNumber(1795390099897.5)).toBe('1795390099897.5');
		expect(() => sqlNumber(Number.NaN)).toThrow(/finite/);
	});

	it('refuses credentials in the URL, other schemes and database names that need quoting', () => {
		expect(() => createClickHouseClient({ url: 'http://u:secret@ch:8123/', database: 'rtcscope' })).toThrow(/not in the URL/);
		expect(() => createClickHouseClient({ url: 'file:///etc/passwd', database: 'rtcscope' })).toThrow(/http/);
		expect(() => createClickHouseClient({ url: 'http://ch:8123/', database: 'x; DROP' })).toThrow(/database name/);
	});

	it('sends the query in the body; the password only in an Authorization header', async () => {
		const calls = captureFetch('{"n":1}\n');
		const withPassword = createClickHouseClient({ url: 'http://ch:8123', database: 'rtcscope', user: 'ops', password: 'pä55' });
		expect(await withPassword.rows('SELECT 1 AS n')).toEqual([{ n: 1 }]);
		const [call] = calls;
		expect(call?.url).toBe('http://ch:8123/?output_format_json_quote_64bit_integers=0&add_http_cors_header=1&database=rtcscope');
		expect(call?.headers.Authorization).toBe(`Basic ${Buffer.from('ops:pä55').toString('base64')}`);
		expect(call?.body).toBe('SELECT 1 AS n\nFORMAT JSONEachRow');
		expect(call?.url).not.toMatch(/p%C3%A455|pä55|password/);

		// Without a password the request stays CORS-simple: no Authorization header, the user in the URL.
		const open = createClickHouseClient({ url: 'http://ch:8123/', database: 'rtcscope', user: 'reader' });
		await open.exec('SELECT 1');
		expect(calls[1]?.headers.Authorization).toBeUndefined();
		expect(calls[1]?.url).toMatch(/&user=reader$/);
	});

	it('explains an unreachable server or a refused origin in words', async () => {
		vi.stubGlobal('fetch', async () => {
			throw new TypeError('Failed to fetch');
		});
		const c = createClickHouseClient({ url: 'http://ch:8123/', database: 'rtcscope', password: 'x' });
		await expect(c.exec('SELECT 1')).rejects.toThrow(/unreachable, or its answer had no CORS headers.*preflight/);
	});
});
