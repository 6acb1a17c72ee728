#!/usr/bin/env node
/**
 * Serves the static build, optionally under a sub-path, the way a team would host it.
 * Usage: node scripts/serve.js [--port 4173] [--base /tools/rtcscope] [--dir build]
 */
import { createServer } from 'node:http';
import { resolve } from 'node:path';
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

// dev: true looks files up on every request, so a rebuilt site is served without a restart.
const assets = sirv(dir, { dev: true, etag: true, single: false, extensions: ['html'] });

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
