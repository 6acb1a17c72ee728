import { openAsBlob, readdirSync } from 'node:fs';
import { importFile } from './src/import/pipeline.ts';
const dirs = ['/work/shared/data/real/webrtc-internals', '/work/shared/data/real/rtcstats'];
for (const dir of dirs) for (const f of readdirSync(dir)) {
	const blob = await openAsBlob(`${dir}/${f}`);
	const t0 = performance.now();
	const r = await importFile({ file: blob, name: f }, { db: null });
	const c = r.progress.counts;
	console.log(`${r.kind.padEnd(7)} ${r.progress.format} ${f.slice(0, 60).padEnd(60)} rec=${c.records} streams=${c.streams} pts=${c.points} sess=${c.sessions} err=${c.errors} warn=${c.warnings} ${(performance.now() - t0).toFixed(0)}ms`);
	for (const p of r.progress.problems.slice(0, 3)) console.log('      ', p.severity, p.line ?? '', p.message.slice(0, 160));
}
