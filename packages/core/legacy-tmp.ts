import { readFileSync } from 'node:fs';
import { summarizeStream } from './src/quality/summary.ts';
import type { StreamRecord } from './src/formats/types.ts';
import { ProblemLog } from './src/model/problems.ts';
import { rtcstatsFormat } from './src/formats/rtcstats/index.ts';
import { webrtcInternalsFormat } from './src/formats/webrtc-internals/index.ts';
for (const f of process.argv.slice(2)) {
	const out: StreamRecord[] = [];
	const sink = { record() {}, stream(s: StreamRecord) { out.push(s); } };
	const problems = new ProblemLog();
	if (f.includes('webrtc-internals/')) { const p = webrtcInternalsFormat.createParser({ importId: 'x', fileName: 'x', problems }, sink); p.push(readFileSync(f, 'utf8')); p.end(); }
	else { const p = rtcstatsFormat.createParser({ importId: 'x', fileName: 'x', problems }); readFileSync(f, 'utf8').split('\n').forEach((l, i) => l.trim() && p.parse(l, i + 1, problems, false)); p.finish?.(sink); }
	console.log('==', f.split('/').pop());
	for (const s of out) { const x = s.stream; const sum = summarizeStream(x);
		console.log(' ', x.pcId, x.direction.padEnd(10), String(x.kind).padEnd(5), String(x.source).padEnd(6), String(x.ssrc).padEnd(11), 'n=' + x.t.length, 'kbps=' + ((sum.bitrateBpsAvg ?? NaN) / 1000).toFixed(1), 'loss=' + (sum.packetLossPctAvg ?? NaN).toFixed(2), 'jit=' + (sum.jitterMsAvg ?? NaN).toFixed(1), 'rtt=' + (sum.rttMsAvg ?? NaN).toFixed(1), 'fps=' + (sum.fpsAvg ?? NaN).toFixed(1), sum.widthPxMax, 'frz=' + sum.freezeCount, x.droppedBeforeAt ? 'DROPPED' : '', x.selectedPair ? JSON.stringify([x.selectedPair.local?.candidateType, x.selectedPair.remote?.candidateType, x.selectedPair.relayed, x.selectedPair.local?.protocol, x.selectedPair.changes]) : '');
	}
}
