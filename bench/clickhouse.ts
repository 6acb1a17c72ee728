import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { createClickHouseClient, clickHouseFleetSource } from '@rtcscope/core/clickhouse';
import { ALL_APPS, DAY_MS, diagnostics, realtime } from '@rtcscope/core/fleet';
import { FLEET_DEFAULTS, generateFleet } from '@rtcscope/core/demo';
import { writeDemoFiles, writeFileByApp, type FilesOnDisk } from '@rtcscope/ingest/demo';
import { startClickHouse } from '@rtcscope/ingest/local-server';

/**
 * `BENCH_ONLY=clickhouse pnpm bench` (issue 16): the demo fleet written to disk and ingested by
 * `rtcscope-ingest` into a throwaway ClickHouse 18.16 — one process for both apps, then two
 * processes at once (one per app) — and the four fleet views' first render in the browser over
 * it. The browser-store figures for the same fleet are the fleet section's.
 * `BENCH_CH_SCALE=10` does it for 10× the fleet's sessions, in weekly runs (one process per app).
 */

/** Sizes in MiB, as the rest of the bench (2^20 bytes). */
const MIB = 1024 * 1024;
const fmt = (n: number, digits = 1) => n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const cli = resolve(import.meta.dirname, '../packages/ingest/bin/rtcscope-ingest.mjs');

function folderBytes(dir: string): number {
	let n = 0;
	for (const e of readdirSync(dir, { withFileTypes: true })) n += e.isDirectory() ? folderBytes(join(dir, e.name)) : statSync(join(dir, e.name)).size;
	return n;
}

function ingestProcess(url: string, database: string, app: string, ...paths: string[]): Promise<number> {
	const t0 = performance.now();
	return new Promise((ok, fail) => {
		const child = spawn(process.execPath, [cli, '--url', url, '--database', database, '--app', app, '--quiet', ...paths], { stdio: ['ignore', 'pipe', 'inherit'] });
		child.on('exit', (code) => (code === 0 ? ok(performance.now() - t0) : fail(new Error(`rtcscope-ingest exited ${code}`))));
	});
}

/** The demo fleet at `scale` × its sessions a day, written file by file (10× is ~2.8 GiB: never all in memory). */
function writeScaledFleet(scale: number): FilesOnDisk {
	const dir = mkdtempSync(join(tmpdir(), `rtcscope-fleet-${scale}x-`));
	const apps = new Map<string, string>();
	for (const f of generateFleet({ sessionsPerDay: FLEET_DEFAULTS.sessionsPerDay * scale })) {
		writeFileByApp(dir, f);
		apps.set(f.app, join(dir, f.app));
	}
	return { dir, apps, files: [] };
}

/**
 * An app's folder as an operator would split it into runs: one per week, its CDR file
 * (`a-cdr/cdr-<first day>.log`) with that week's folders of dumps, so the dumps link in their run
 * and a call crossing into the next week is merged by the next run (runs of an app in order).
 */
function weeklyRuns(appDir: string): string[][] {
	const weeks = readdirSync(join(appDir, 'a-cdr')).sort();
	const days = readdirSync(join(appDir, 'b-dumps')).sort();
	return weeks.map((w, i) => {
		const [start, next] = [w.slice(4, 14), weeks[i + 1]?.slice(4, 14) ?? '9999'];
		return [join(appDir, 'a-cdr', w), ...days.filter((d) => (i === 0 || d >= start) && d < next).map((d) => join(appDir, 'b-dumps', d))];
	});
}

export async function clickhouseBench(withPage: (fn: (page: Page) => Promise<void>) => Promise<void>, timeToReady: (page: Page, view: string, action: () => Promise<void>) => Promise<number>, base: string): Promise<void> {
	const scale = Number(process.env.BENCH_CH_SCALE ?? '1');
	const server = await startClickHouse();
	const g0 = performance.now();
	const files = scale > 1 ? writeScaledFleet(scale) : writeDemoFiles('fleet');
	if (scale > 1) console.log(`\n${scale}× the demo fleet written to disk in ${fmt((performance.now() - g0) / 1000)} s`);
	try {
		const apps = [...files.apps];
		const bytes = apps.reduce((n, [, dir]) => n + folderBytes(dir), 0);
		console.log(`\ninput: demo fleet on disk, ${fmt(bytes / MIB)} MiB in ${apps.length} app folders; ClickHouse 18.16 on this machine (2 cores)`);

		if (scale > 1) {
			// Too large for one run in memory: weekly runs, the two apps' at once.
			const t0 = performance.now();
			const runs = apps.map(([app, dir]) => [app, weeklyRuns(dir)] as const);
			await Promise.all(runs.map(async ([app, weeks]) => {
				for (const paths of weeks) await ingestProcess(server.url, 'two', app, ...paths);
			}));
			const ms = performance.now() - t0;
			console.log(`ingest ${scale}×      ${runs.reduce((n, [, w]) => n + w.length, 0)} weekly runs, 2 at once (one per app): ${fmt(ms / 1000)} s = ${fmt(bytes / MIB / (ms / 1000), 2)} MiB/s`);
		} else {
			let t0 = performance.now();
			for (const [app, dir] of apps) await ingestProcess(server.url, 'one', app, dir);
			const oneMs = performance.now() - t0;
			t0 = performance.now();
			await Promise.all(apps.map(([app, dir]) => ingestProcess(server.url, 'two', app, dir)));
			const twoMs = performance.now() - t0;
			console.log(`ingest          1 process ${fmt(oneMs / 1000)} s = ${fmt(bytes / MIB / (oneMs / 1000), 2)} MiB/s; 2 processes at once ${fmt(twoMs / 1000)} s = ${fmt(bytes / MIB / (twoMs / 1000), 2)} MiB/s (${fmt(oneMs / twoMs, 2)}× faster)`);
		}

		const client = createClickHouseClient({ url: server.url, database: 'two' });
		await client.exec('OPTIMIZE TABLE rtcscope_rooms FINAL');
		const [disk] = await client.rows<{ b: number; rows: number }>("SELECT sum(bytes) AS b, sum(rows) AS rows FROM system.parts WHERE database = 'two' AND active");
		console.log(`ClickHouse disk ${fmt(Number(disk?.b ?? 0) / MIB)} MiB for the fleet (${Number(disk?.rows ?? 0).toLocaleString('en')} rows in all tables, compressed) against ${fmt(bytes / MIB)} MiB of logs`);
		// SQL roll-ups alone (the query, without the page): 31 days and 90 days of all apps.
		const source = clickHouseFleetSource(client);
		const extent = await source.extent();
		if (extent) {
			const to = extent.lastDay + DAY_MS;
			for (const days of [31, 90]) {
				const q0 = performance.now();
				const rows = await source.days(ALL_APPS, to - days * DAY_MS, to);
				console.log(`SQL roll-up     ${days} days of all apps: ${rows.length} day rows in ${fmt(performance.now() - q0, 0)} ms`);
			}
			const r0 = performance.now();
			const rooms = await source.rooms(ALL_APPS, extent.newestAt - DAY_MS, extent.newestAt);
			const roomsMs = performance.now() - r0;
			const j0 = performance.now();
			realtime(rooms, extent.newestAt - DAY_MS, extent.newestAt);
			diagnostics(rooms, extent.newestAt - DAY_MS, extent.newestAt);
			const jsMs = performance.now() - j0;
			console.log(`SQL rooms       last 24 h: ${rooms.length} rooms' facts in ${fmt(roomsMs, 0)} ms, + Real-time and Diagnostics over them in Node ${fmt(jsMs, 0)} ms`);
			const w0 = performance.now();
			await source.realtime(ALL_APPS, extent.newestAt - DAY_MS, extent.newestAt, {});
			const rtMs = performance.now() - w0;
			const d0 = performance.now();
			const dx = await source.diagnostics(ALL_APPS, extent.newestAt - DAY_MS, extent.newestAt, {});
			console.log(`SQL windows     last 24 h: Real-time tallied by SQL ${fmt(rtMs, 0)} ms; Diagnostics over the rooms with an exception (${dx.rows.length} rows) ${fmt(performance.now() - d0, 0)} ms`);
		}

		await withPage(async (page) => {
			await page.goto(`${base}/settings/`);
			await page.getByTestId('source-clickhouse').check();
			await page.getByTestId('ch-url').fill(server.url);
			await page.getByTestId('ch-database').fill('two');
			await page.getByTestId('apply-source').click();
			await page.waitForFunction(() => /Using ClickHouse/.test(document.querySelector('[data-testid=source-status]')?.textContent ?? ''), null, { timeout: 30_000 });
			const times: string[] = [];
			for (const [view, label] of [['insights', 'Insights'], ['durations', 'Durations'], ['realtime', 'Real-time'], ['diagnostics', 'Diagnostics']] as const) {
				await page.goto(`${base}/`);
				await page.waitForSelector('[data-testid=drop-zone]');
				const ms = await timeToReady(page, view, async () => {
					await page.getByRole('link', { name: label, exact: true }).click();
				});
				times.push(`${view} ${fmt(ms, 0)} ms`);
			}
			console.log(`first render    over ClickHouse: ${times.join(', ')} (Insights/Durations over 7 days, Real-time/Diagnostics over 24 h; over IndexedDB: the fleet section's line)`);
		});
	} finally {
		rmSync(files.dir, { recursive: true, force: true });
		await server.stop();
	}
}
