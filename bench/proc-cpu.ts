import { execSync } from 'node:child_process';

/**
 * CPU seconds Chromium's processes have used so far (Linux /proc, utime + stime), split into the
 * browser process (the one without `--type`: IndexedDB runs on its thread pool) and every other
 * one (renderers with their workers, GPU, utility). NaN each where /proc or pgrep is missing.
 * A wall time on this shared 2-core machine drifts with its neighbours; CPU per file drifts less,
 * so A/B runs compare both.
 */
export function chromiumCpuSeconds(): { browser: number; others: number } {
	try {
		const out = execSync(
			`for p in $(pgrep -f chromium); do if grep -q -- '--type' /proc/$p/cmdline 2>/dev/null; then k=o; else k=b; fi; awk -v k=$k '{print k, $14+$15}' /proc/$p/stat 2>/dev/null; done`
		).toString();
		let browser = 0;
		let others = 0;
		for (const line of out.trim().split('\n')) {
			const [k, ticks] = line.split(' ');
			if (k === 'b') browser += Number(ticks);
			else others += Number(ticks);
		}
		return { browser: browser / 100, others: others / 100 };
	} catch {
		return { browser: Number.NaN, others: Number.NaN };
	}
}

/** The machine's steal time so far, s (/proc/stat: CPU the hypervisor gave to other guests). */
export function stealSeconds(): number {
	try {
		const fields = execSync('head -1 /proc/stat').toString().trim().split(/\s+/);
		return Number(fields[8]) / 100;
	} catch {
		return Number.NaN;
	}
}

/**
 * CPU seconds so far of each live Chromium thread, summed by process type and thread name
 * (`renderer/CrRendererMain` is the page's main thread, `renderer/DedicatedWorker thread` the
 * import workers, `browser/ThreadPoolForegroundWorker` where IndexedDB runs). Threads that ended are
 * not counted (their process's total is: {@link chromiumCpuSeconds}). Empty where /proc is missing.
 */
export function chromiumThreadSeconds(): Map<string, number> {
	const out = new Map<string, number>();
	try {
		const lines = execSync(
			`for p in $(pgrep -f chromium); do t=$(tr '\\0' ' ' < /proc/$p/cmdline 2>/dev/null | grep -o -- '--type=[a-z-]*' | head -1); t=\${t#--type=}; for d in /proc/$p/task/*; do echo "\${t:-browser}/$(cat $d/comm 2>/dev/null)|$(awk '{print $14+$15}' $d/stat 2>/dev/null)"; done; done`
		).toString();
		for (const line of lines.trim().split('\n')) {
			const [name, ticks] = line.split('|');
			if (!name || !ticks) continue;
			out.set(name, (out.get(name) ?? 0) + Number(ticks) / 100);
		}
	} catch {
		// No /proc: nothing to split.
	}
	return out;
}

/** The threads that used the most CPU between two {@link chromiumThreadSeconds} readings, s, most first. */
export function threadDeltas(before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>, top = 5): [string, number][] {
	return [...after]
		.map(([name, s]): [string, number] => [name, s - (before.get(name) ?? 0)])
		.sort((a, b) => b[1] - a[1])
		.slice(0, top);
}
