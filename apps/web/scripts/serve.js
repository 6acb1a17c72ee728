#!/usr/bin/env node
/**
 * Serves the static build, optionally under a sub-path, the way a team would host it.
 * Usage: node scripts/serve.js [--port 4173] [--base /tools/rtcscope] [--dir build]
 */
import { createServer } from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';

const args = process.argv.slice(2);
const arg = (name, fallback) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const port = Number(arg('port', process.env.PORT ?? '4173'));
const base = arg('base', '/').replace(/\/+$/, '');
const dir = resolve(fileURLToPath(new URL('..', import.meta.url)), arg('dir', 'build'));

/**
 * Security headers (README "Hosting"): what a static host should send too.
 * - HTML: the page's own CSP (the `<meta>` Kit writes, with its script hash) sent as a header as
 *   well, plus `frame-ancestors 'none'`, which a `<meta>` policy cannot carry.
 * - Scripts: a worker gets its CSP from its own response, not from the page. WORKER_CSP lets the
 *   ingest worker reach the feed and ClickHouse URLs the user configures (http: for a local
 *   server) and nothing else runs: no eval, no inline script, no plugin.
 */
export const WORKER_CSP = "default-src 'self'; script-src 'self'; connect-src 'self' https: http:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
const COMMON = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'cross-origin-opener-policy': 'same-origin' };
const pageCsp = new Map();

function cspOfPage(file) {
	const stat = statSync(file, { throwIfNoEntry: false });
	const key = `${file}:${stat?.mtimeMs ?? 0}`;
	if (!pageCsp.has(key)) {
		const meta = /<meta http-equiv="content-security-policy" content="([^"]+)"/i.exec(readFileSync(file, 'utf8'));
		pageCsp.set(key, `${meta ? meta[1] : "default-src 'self'"}; frame-ancestors 'none'`);
	}
	return pageCsp.get(key);
}

// dev: true looks files up on every request, so a rebuilt site is served without a restart.
const assets = sirv(dir, {
	dev: true,
	etag: true,
	single: false,
	extensions: ['html'],
	setHeaders(res, pathname) {
		for (const [name, value] of Object.entries(COMMON)) res.setHeader(name, value);
		if (pathname.endsWith('.html') || pathname.endsWith('/')) res.setHeader('content-security-policy', cspOfPage(join(dir, pathname.endsWith('/') ? `${pathname}index.html` : pathname)));
		else if (pathname.endsWith('.js')) res.setHeader('content-security-policy', WORKER_CSP);
	}
});

const server = createServer((req, res) => {
	const url = req.url ?? '/';
	if (base && !url.startsWith(`${base}/`)) {
		if (url === base) {
			res.writeHead(301, { location: `${base}/` });
			return res.end();
		}
		res.writeHead(404, { 'content-type': 'text/plain' });
		return res.end(`rtcscope is served under ${base}/`);
	}
	req.url = base ? url.slice(base.length) || '/' : url;
	assets(req, res, () => {
		res.writeHead(404, { 'content-type': 'text/plain' });
		res.end('Not found');
	});
});

server.listen(port, '127.0.0.1', () => {
	console.log(`rtcscope is running at http://localhost:${port}${base}/`);
});
