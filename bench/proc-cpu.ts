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
