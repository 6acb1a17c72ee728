import { closeSync, existsSync, openSync, statSync, writeSync } from 'node:fs';
import { generateDemoCdr } from '@rtcscope/core/demo';

/**
 * Writes a realistic OpenVidu CDR file of about `targetBytes`, day after day of generated calls
 * (the demo generator's shape: 1:1, multiparty, broadcast, reconnects, recordings, a cluster).
 * Deterministic: the same target gives the same bytes, so a file left from an earlier run is reused.
 */
export function generateCdrFile(path: string, targetBytes: number, sessionsPerDay = 140): { bytes: number; reused: boolean } {
	if (existsSync(path) && statSync(path).size >= targetBytes) return { bytes: statSync(path).size, reused: true };
	const fd = openSync(path, 'w');
	let bytes = 0;
	try {
		for (let day = 0; bytes < targetBytes; day++) {
			const text = generateDemoCdr({
				seed: 7_000 + day,
				startAt: Date.UTC(2026, 0, 1) + day * 86_400_000,
				days: 1,
				sessionsPerDay
			}).toText();
			bytes += writeSync(fd, text);
		}
	} finally {
		closeSync(fd);
	}
	return { bytes, reused: false };
}
