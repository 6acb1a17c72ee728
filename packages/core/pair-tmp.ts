import { openAsBlob } from 'node:fs';
import { importFile } from './src/import/pipeline.ts';
import { summarizeStream } from './src/quality/summary.ts';
import type { StreamRecord } from './src/formats/types.ts';
import { FORMATS } from './src/formats/registry.ts';
// collect streams by running the parsers through a spy: monkeypatch via db null path is not exposing streams; call parsers directly
import { ProblemLog } from './src/model/problems.ts';
import { webrtcInternalsFormat } from './src/formats/webrtc-internals/index.ts';
import { rtcstatsFormat } from './src/formats/rtcstats/index.ts';
import { readFileSync } from 'node:fs';
function collect(kind: 'wi' | 'rs'): StreamRecord[] {
	const out: StreamRecord[] = [];
	const sink = { record() {}, stream(s: StreamRecord) { out.push(s); } };
	const problems = new ProblemLog();
	if (kind === 'wi') {
		const p = webrtcInternalsFormat.createParser({ importId: 'x', fileName: 'x', problems }, sink);
		p.push(readFileSync('/work/shared/data/real/webrtc-internals/Guilospanck-webrtc-stats-analyzer__webrtc_internals_dump.txt', 'utf8'));
		p.end();
	} else {
		const p = rtcstatsFormat.createParser({ importId: 'x', fileName: 'x', problems });
		readFileSync('/work/shared/data/real/rtcstats/Guilospanck-webrtc-stats-analyzer__rtcstats_dump.txt', 'utf8').split('\n').forEach((l, i) => l.trim() && p.parse(l, i + 1, problems, false));
		p.finish?.(sink);
	}
	return out;
}
for (const k of ['wi', 'rs'] as const) {
	console.log('==', k);
	for (const s of collect(k).sort((a, b) => (a.stream.pcId + a.stream.direction + a.stream.kind).localeCompare(b.stream.pcId + b.stream.direction + b.stream.kind))) {
		const x = s.stream; const sum = summarizeStream(x);
		console.log(x.pcId, x.direction.padEnd(10), String(x.kind).padEnd(5), String(x.source).padEnd(6), x.ssrc, 'n=' + x.t.length, new Date(x.t[0]!).toISOString().slice(11, 19), '-', new Date(x.t[x.t.length - 1]!).toISOString().slice(11, 19),
			'kbps=' + ((sum.bitrateBpsAvg ?? NaN) / 1000).toFixed(1), 'loss=' + (sum.packetLossPctAvg ?? NaN).toFixed(2), 'jit=' + (sum.jitterMsAvg ?? NaN).toFixed(1), 'rtt=' + (sum.rttMsAvg ?? NaN).toFixed(1), 'fps=' + (sum.fpsAvg ?? NaN).toFixed(1), sum.widthPxMax, 'frz=' + sum.freezeCount, x.selectedPair ? JSON.stringify([x.selectedPair.local?.candidateType, x.selectedPair.remote?.candidateType, x.selectedPair.relayed]) : '');
	}
}
