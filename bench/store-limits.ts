import { chromiumCpuSeconds } from './proc-cpu';
import type { Page } from 'playwright-core';

/**
 * What IndexedDB itself costs by value size (`BENCH_ONLY=store`): 100 MiB written as values of one
 * size and read back, in a scratch database of the bench page (idb-limits.ts storeSizes), with the
 * browser process's CPU (Linux /proc) beside each. Nothing of rtcscope runs. It says which side of
 * Chromium's large-value threshold (values over ~64 KiB are kept outside its LevelDB) each kind of
 * row lands on: event blocks of PART_MAX_EVENTS events (~300 KB) above, a dump's rows (≤ 11 KB) below.
 */
export interface SizeRun {
	kib: number;
	writeMiBs: number;
	readMiBs: number;
	/** The browser process's CPU while writing and reading the 100 MiB, s (NaN where /proc is missing). */
	browserCpuS: number;
}

export const VALUE_KIBS = [16, 32, 60, 70, 128, 300];

/** One size's run in the bench page (apps/web/src/routes/bench/idb-limits.ts storeSizes). */
export async function valueSizeRun(page: Page, kib: number): Promise<SizeRun> {
	const c0 = chromiumCpuSeconds().browser;
	const r = (await page.evaluate(
		(k) => (window as unknown as { __rtcscopeBench: { storeSizes(k: number): Promise<unknown> } }).__rtcscopeBench.storeSizes(k),
		kib
	)) as { writeMiBs: number; readMiBs: number };
	return { kib, ...r, browserCpuS: chromiumCpuSeconds().browser - c0 };
}
