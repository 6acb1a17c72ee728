import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { generateFleet } from '@rtcscope/core/demo';

/**
 * A folder of webrtc-internals dumps dropped as a user drops one (issue 14: "a folder of 1,000
 * dumps ≤ 15 ms per file"): the demo fleet written to disk, its CDR weeks dropped first (so the
 * dumps link to their calls, as in the demo), then its 1,050 dumps in one drop. Unlike the demo
 * fleet's figure, no generation runs in the ingest worker: this is the import alone.
 */

/** What the bench page's `dropChosen` returns (apps/web/src/routes/bench/+page.svelte). */
export interface DropRun {
	/** Wall time of the job, ms: to the last file's end, then to the job's end (roll-ups after). */
	ms: number;
	filesMs: number;
	files: number;
	bytes: number;
	done: number;
	failed: string[];
	/** Each file's time in its lane, averaged, ms (lanes overlap). */
	laneMs: number;
	points: number;
	/** Importers working at once (the ingest worker and its helpers). */
	lanes: number;
	longestTaskMs: number;
}

export interface FolderOnDisk {
	cdr: string[];
	dumps: string[];
	bytes: number;
}

/** Writes the demo fleet (default options) under `dir` once; later runs reuse it. */
export function demoFleetFolder(dir: string): FolderOnDisk {
	const done = join(dir, 'complete');
	if (!existsSync(done)) {
		rmSync(dir, { recursive: true, force: true });
		for (const f of generateFleet()) {
			const path = join(dir, f.name.startsWith('fleet-dumps/') ? 'dumps' : 'cdr', f.name.replaceAll('/', '__'));
			mkdirSync(join(path, '..'), { recursive: true });
			writeFileSync(path, f.text);
		}
		writeFileSync(done, '');
	}
	const list = (sub: string) => readdirSync(join(dir, sub)).sort().map((n) => join(dir, sub, n));
	const cdr = list('cdr');
	const dumps = list('dumps');
	return { cdr, dumps, bytes: [...cdr, ...dumps].reduce((n, p) => n + statSync(p).size, 0) };
}

/** Chooses `paths` in the bench page's file input and imports them as one drop. */
export async function dropFiles(page: Page, paths: string[]): Promise<DropRun> {
	await page.setInputFiles('#bench-file', paths);
	return (await page.evaluate(() =>
		(window as unknown as { __rtcscopeBench: { dropChosen(): Promise<unknown> } }).__rtcscopeBench.dropChosen()
	)) as DropRun;
}
