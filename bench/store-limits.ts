import { execSync } from 'node:child_process';
import type { Page } from 'playwright-core';

/**
 * What IndexedDB itself costs by value size (`BENCH_ONLY=store`): 100 MiB written as values of one
 * size, in transactions of ~8 MiB, then read back 64 values per transaction, in a scratch database
 * of the bench page, with the browser process's CPU (Linux /proc) beside each. Nothing of rtcscope
 * runs. It says which side of Chromium's large-value threshold (values over ~64 KiB are kept
 * outside its LevelDB) each kind of row lands on: event blocks of PART_MAX_EVENTS events
 * (~300 KB) above, a dump's rows (≤ 11 KB) below.
 */
export interface SizeRun {
	kib: number;
	writeMiBs: number;
	readMiBs: number;
	/** The browser process's CPU while writing and reading the 100 MiB, s (NaN where /proc is missing). */
	browserCpuS: number;
}

export const VALUE_KIBS = [16, 32, 60, 70, 128, 300];

/** CPU seconds of Chromium's browser process (the one without --type), or NaN. */
function browserCpuSeconds(): number {
	try {
		const out = execSync(
			`for p in $(pgrep -f chromium); do grep -q -- '--type' /proc/$p/cmdline 2>/dev/null || awk '{print $14+$15}' /proc/$p/stat; done | awk '{s+=$1} END {print s}'`
		).toString();
		return Number(out) / 100;
	} catch {
		return Number.NaN;
	}
}

export async function valueSizeRun(page: Page, kib: number): Promise<SizeRun> {
	const c0 = browserCpuSeconds();
	const r = await page.evaluate(async (kib) => {
		const db = await new Promise<IDBDatabase>((ok, fail) => {
			const open = indexedDB.open(`rtcscope-bench-sizes-${Date.now()}`, 1);
			open.onupgradeneeded = () => open.result.createObjectStore('b');
			open.onsuccess = () => ok(open.result);
			open.onerror = () => fail(open.error);
		});
		const total = 100 * 1024 * 1024;
		const size = kib * 1024;
		const n = Math.floor(total / size);
		const perTx = Math.max(1, Math.floor((8 * 1024 * 1024) / size));
		// Text like an event block's (JSON of events), not one repeated character.
		const sample = Array.from({ length: 64 }, (_, i) =>
			JSON.stringify({ at: 1767250800000 + i * 997, type: 'participantJoined', detail: { kind: 'connection', location: 'New York, United States', platform: `Chrome 131.0.${i} on Windows 10` } })
		).join(',');
		let text = '';
		while (text.length < size) text += sample;
		text = text.slice(0, size);
		// No named function in here: tsx's keepNames would reference a helper the page lacks.
		const t0 = performance.now();
		for (let i = 0; i < n; i += perTx) {
			const t = db.transaction('b', 'readwrite');
			for (let j = i; j < Math.min(n, i + perTx); j++) t.objectStore('b').put(text + j, j);
			await new Promise<void>((ok, fail) => { t.oncomplete = () => ok(); t.onerror = () => fail(t.error); });
		}
		const writeMs = performance.now() - t0;
		const t1 = performance.now();
		for (let i = 0; i < n; i += 64) {
			const t = db.transaction('b', 'readonly');
			for (let j = i; j < Math.min(n, i + 64); j++) t.objectStore('b').get(j);
			await new Promise<void>((ok, fail) => { t.oncomplete = () => ok(); t.onerror = () => fail(t.error); });
		}
		const readMs = performance.now() - t1;
		const name = db.name;
		db.close();
		indexedDB.deleteDatabase(name);
		return { writeMiBs: 100 / (writeMs / 1000), readMiBs: 100 / (readMs / 1000) };
	}, kib);
	return { kib, ...r, browserCpuS: browserCpuSeconds() - c0 };
}
