// Mock servers for the live-feed tests, speaking the real protocols on 127.0.0.1 only:
// - Livepeer Stream Health API: GET /t/<ns>/api/data/stream/<id>/health (Bearer) and
//   /events (Server-Sent Events with ids, `retry:`, `from`, Last-Event-ID, forced disconnects);
// - OpenVidu REST: GET /t/<ns>/openvidu/api/sessions (Basic OPENVIDUAPP:<secret>), and the same
//   under /t/<ns>/nocors/… without CORS headers (OpenVidu's default);
// - a growing CDR file with Range support: GET /t/<ns>/cdr.log.
// Each test uses its own namespace <ns>, so tests running in parallel never share state.
// Control endpoints (POST /t/<ns>/__…) change the state; GET /t/<ns>/__requests lists requests.
import { createServer } from 'node:http';

const PORT = Number(process.argv[2] ?? process.env.MOCK_FEEDS_PORT ?? 4398);
export const LIVEPEER_KEY = 'good-key';
export const OPENVIDU_SECRET = 'MY_SECRET';

/** @type {Map<string, ReturnType<typeof newState>>} */
const spaces = new Map();

function newState() {
	return {
		requests:
			/** @type {{method: string, path: string, at: number, lastEventId: string|null, range: string|null}[]} */ ([]),
		livepeer: {
			healthy: true,
			/** @type {{id: string, timestamp: number, json: string}[]} */
			events: [],
			/** @type {Set<import('node:http').ServerResponse>} */
			streams: new Set(),
			seq: 0,
			/** @type {'ok'|'500'|'html'|'hang'} */
			mode: 'ok',
			badFrames: false
		},
		openvidu: {
			/** @type {unknown[]} */ sessions: [],
			/** @type {'ok'|'500'|'html'|'hang'} */ mode: 'ok'
		},
		cdr: { text: '' }
	};
}

function space(ns) {
	let s = spaces.get(ns);
	if (!s) {
		s = newState();
		spaces.set(ns, s);
	}
	return s;
}

function cors(res, on = true) {
	if (!on) return;
	res.setHeader('Access-Control-Allow-Origin', '*');
	res.setHeader(
		'Access-Control-Allow-Headers',
		'Authorization, Last-Event-ID, Range, Content-Type, Cache-Control'
	);
	res.setHeader('Access-Control-Expose-Headers', 'Content-Range, Content-Length');
	res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
}

function json(res, status, body) {
	res.writeHead(status, { 'Content-Type': 'application/json' });
	res.end(JSON.stringify(body));
}

async function readJson(req) {
	let text = '';
	for await (const chunk of req) text += chunk;
	return text ? JSON.parse(text) : {};
}

function transcodeEvent(state, streamId, extra = {}) {
	const n = ++state.livepeer.seq;
	const timestamp = 1_700_000_000_000 + n * 2_000;
	const id = `evt-${String(n).padStart(4, '0')}`;
	const event = {
		type: 'transcode',
		id,
		timestamp,
		streamId,
		nodeId: 'mock-broadcaster-0',
		segment: { name: '', seqNo: n, duration: 2, byteSize: 500_000 + n * 1000 },
		startTime: timestamp - 400,
		latencyMs: 400,
		success: true,
		attempts: [
			{
				orchestrator: { address: '0xabc', transcodeUri: 'https://mock-orchestrator-1.example:443' },
				latencyMs: 400,
				error: null
			}
		],
		...extra
	};
	return { id, timestamp, json: JSON.stringify(event) };
}

function writeEvent(res, e) {
	res.write(`id: ${e.id}\nevent: lp_event\ndata: ${e.json}\n\n`);
}

function healthBody(state, streamId) {
	const now = Date.now();
	const ok = state.livepeer.healthy;
	const cond = (type, status) => ({
		type,
		status,
		frequency: { '1m': status ? 1 : 0.5, '10m': 0.97, '60m': 0.99 },
		lastProbeTime: now,
		lastTransitionsTime: now - 60_000
	});
	return {
		id: streamId,
		healthy: {
			status: ok,
			frequency: { '1m': ok ? 1 : 0.5, '10m': 0.97, '60m': 0.99 },
			lastProbeTime: now,
			lastTransitionsTime: now - 60_000
		},
		conditions: [
			{ ...cond('Active', true), extraData: { nodeId: 'mock-mist-0', region: 'lon' } },
			cond('Transcoding', true),
			cond('TranscodeRealTime', ok),
			cond('TranscodeNoErrors', true),
			{ type: 'Multistreaming', status: null, lastProbeTime: null, lastTransitionsTime: null }
		],
		metrics: {
			MediaTimeMillis: [
				{ name: 'MediaTimeMillis', dimensions: { nodeId: 'mock-mist-0' }, last: [now, 180_000] }
			],
			TranscodeRealtimeRatio: [
				{
					name: 'TranscodeRealtimeRatio',
					dimensions: { nodeId: 'mock-broadcaster-0' },
					last: [now, ok ? 3.1 : 0.8]
				}
			]
		}
	};
}

/** The error modes every JSON endpoint can be switched to. */
function failMode(res, mode) {
	if (mode === '500') {
		json(res, 500, { message: 'internal error' });
		return true;
	}
	if (mode === 'html') {
		res.writeHead(200, { 'Content-Type': 'text/html' });
		res.end('<!doctype html><html><body><form>Sign in</form></body></html>');
		return true;
	}
	if (mode === 'hang') return true; // never answers
	return false;
}

const server = createServer(async (req, res) => {
	const url = new URL(req.url ?? '/', `http://127.0.0.1:${PORT}`);
	const m = /^\/t\/([^/]+)(\/.*)$/.exec(url.pathname);
	if (!m) {
		res.writeHead(url.pathname === '/' ? 200 : 404).end('mock feeds');
		return;
	}
	const [, ns, path] = m;
	const state = space(ns);
	const noCors = path.startsWith('/nocors/');
	cors(res, !noCors);
	if (req.method === 'OPTIONS') {
		res.writeHead(204).end();
		return;
	}
	if (!path.startsWith('/__')) {
		state.requests.push({
			method: req.method ?? 'GET',
			path: path + url.search,
			at: Date.now(),
			lastEventId: req.headers['last-event-id'] ?? null,
			range: req.headers.range ?? null
		});
	}

	// --- control
	if (path === '/__requests') return json(res, 200, state.requests);
	if (req.method === 'POST' && path.startsWith('/__')) {
		const body = await readJson(req);
		switch (path) {
			case '/__livepeer/push': {
				for (let i = 0; i < (body.count ?? 1); i++) {
					const e = transcodeEvent(state, body.streamId ?? 'stream-1', body.extra ?? {});
					state.livepeer.events.push(e);
					for (const s of state.livepeer.streams) writeEvent(s, e);
				}
				return json(res, 200, { total: state.livepeer.events.length });
			}
			case '/__livepeer/drop':
				for (const s of state.livepeer.streams) s.destroy();
				state.livepeer.streams.clear();
				return json(res, 200, {});
			case '/__livepeer/state':
				Object.assign(state.livepeer, body);
				return json(res, 200, {});
			case '/__openvidu/state':
				Object.assign(state.openvidu, body);
				return json(res, 200, {});
			case '/__cdr/append':
				state.cdr.text += body.text;
				return json(res, 200, { bytes: Buffer.byteLength(state.cdr.text) });
			case '/__cdr/replace':
				state.cdr.text = body.text;
				return json(res, 200, { bytes: Buffer.byteLength(state.cdr.text) });
			default:
				return json(res, 404, {});
		}
	}

	// --- Livepeer
	const lp = /^\/api\/data\/stream\/([^/]+)\/(health|events)$/.exec(path);
	if (lp) {
		const [, streamId, what] = lp;
		if (req.headers.authorization !== `Bearer ${LIVEPEER_KEY}`)
			return json(res, 401, { errors: ['invalid or missing API key'] });
		if (what === 'health') {
			if (failMode(res, state.livepeer.mode)) return;
			return json(res, 200, healthBody(state, decodeURIComponent(streamId)));
		}
		res.writeHead(200, {
			'Content-Type': 'text/event-stream',
			'Cache-Control': 'no-cache',
			Connection: 'keep-alive'
		});
		res.write('retry: 300\n\n');
		const lastId = req.headers['last-event-id'];
		const from = url.searchParams.get('from');
		let start = 0;
		if (lastId) {
			const at = state.livepeer.events.findIndex((e) => e.id === lastId);
			start = at >= 0 ? at + 1 : 0;
		} else if (from) {
			start = state.livepeer.events.findIndex((e) => e.timestamp > Number(from));
			if (start < 0) start = state.livepeer.events.length;
		}
		if (state.livepeer.badFrames) {
			res.write('id: bad-1\nevent: lp_event\ndata: this is not json\n\n');
			res.write(
				'event: lp_event\ndata: {"type":"stream_state","timestamp":1700000000001,"streamId":"stream-1","state":{"active":true}}\n\n'
			);
		}
		for (const e of state.livepeer.events.slice(start)) writeEvent(res, e);
		state.livepeer.streams.add(res);
		req.on('close', () => state.livepeer.streams.delete(res));
		return;
	}

	// --- OpenVidu REST
	if (path === '/openvidu/api/sessions' || path === '/nocors/openvidu/api/sessions') {
		const expected = `Basic ${Buffer.from(`OPENVIDUAPP:${OPENVIDU_SECRET}`).toString('base64')}`;
		if (req.headers.authorization !== expected)
			return json(res, 401, { status: 401, message: 'Unauthorized' });
		if (failMode(res, state.openvidu.mode)) return;
		return json(res, 200, {
			numberOfElements: state.openvidu.sessions.length,
			content: state.openvidu.sessions
		});
	}

	// --- CDR file with Range
	if (path === '/cdr.log') {
		const bytes = Buffer.from(state.cdr.text);
		const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
		if (range) {
			const start = Number(range[1]);
			if (start >= bytes.length && !(start === 0 && bytes.length === 0)) {
				res.writeHead(416, { 'Content-Range': `bytes */${bytes.length}` }).end();
				return;
			}
			res.writeHead(206, {
				'Content-Type': 'text/plain',
				'Content-Range': `bytes ${start}-${bytes.length - 1}/${bytes.length}`
			});
			res.end(bytes.subarray(start));
			return;
		}
		res.writeHead(200, { 'Content-Type': 'text/plain' });
		res.end(bytes);
		return;
	}
	json(res, 404, { message: 'not found' });
});

server.listen(PORT, '127.0.0.1', () => {
	console.log(`mock feeds on http://127.0.0.1:${PORT}/`);
});
