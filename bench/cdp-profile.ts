import type { Page } from 'playwright-core';
import { WorkerTargets } from './cdp-workers';

/** One V8 CPU profile node (DevTools protocol `Profiler.ProfileNode`, the fields read here). */
interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
	children?: number[];
}

/** A V8 CPU profile (`Profiler.Profile`): sample node ids and the µs between samples. */
interface CpuProfile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

/** One line of a profile's summary: a function and the worker time spent in it, in ms. */
export interface ProfileLine {
	name: string;
	/** file:line of the function (1-based line), the file's name without its hash path. */
	where: string;
	selfMs: number;
	/** Time with everything it called (each sample counted once per function, not per frame). */
	totalMs: number;
	/** For the function `PROFILE_CALLERS` names: its self time by call path (callers up to CALLER_DEPTH frames up). */
	callers?: Map<string, number>;
}

/**
 * Profiles the page's dedicated workers with the DevTools protocol's sampling profiler
 * (`Profiler.start` / `Profiler.stop` on each worker target, cdp-workers.ts) and sums the samples
 * by function (issue 14: "profile before changing anything"). Function names are readable only in
 * a build made with `NO_MINIFY=1`.
 */
export class WorkerProfiler {
	private constructor(
		private readonly targets: WorkerTargets,
		/** Shared with the attach callback: a worker attached while running starts profiling. */
		private readonly state: { running: boolean }
	) {}

	static async attach(page: Page, samplingIntervalUs = 200): Promise<WorkerProfiler> {
		const state = { running: false };
		const targets = await WorkerTargets.attach(page, (t, sessionId) => {
			// A worker started while profiling (the import pool starts lazily) is profiled too.
			void t
				.send(sessionId, 'Profiler.enable')
				.then(() => t.send(sessionId, 'Profiler.setSamplingInterval', { interval: samplingIntervalUs }))
				.then(() => (state.running ? t.send(sessionId, 'Profiler.start') : undefined))
				.catch(() => undefined);
		});
		return new WorkerProfiler(targets, state);
	}

	async start(): Promise<void> {
		this.state.running = true;
		await Promise.all([...this.targets.sessions].map((s) => this.targets.send(s, 'Profiler.start')));
	}

	/** Stops every worker's profile; returns the summary of all of them together. */
	async stop(): Promise<ProfileLine[]> {
		this.state.running = false;
		const results = await Promise.all([...this.targets.sessions].map((s) => this.targets.send(s, 'Profiler.stop')));
		const profiles = results
			.map((r) => (r as { profile?: CpuProfile } | undefined)?.profile)
			.filter((p): p is CpuProfile => !!p);
		return summarize(profiles);
	}
}

/** Profiles the page's own main thread (not its workers) while `work` runs; the summary as {@link WorkerProfiler}'s. */
export async function profilePage<T>(page: Page, work: () => Promise<T>, samplingIntervalUs = 100): Promise<{ result: T; lines: ProfileLine[] }> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Profiler.enable');
	await cdp.send('Profiler.setSamplingInterval', { interval: samplingIntervalUs });
	await cdp.send('Profiler.start');
	const result = await work();
	const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
	await cdp.detach();
	return { result, lines: summarize([profile]) };
}

/**
 * `PROFILE_CALLERS=<function name>`: the call paths (up to {@link CALLER_DEPTH} frames up) of the
 * samples spent in that function itself, printed by {@link formatProfile} — who calls a native
 * like `postMessage` or `put`, which the self-time table cannot say.
 */
const callersOf = process.env.PROFILE_CALLERS ?? '';
const CALLER_DEPTH = 4;

/** Sums self and total time per function over profiles; idle and GC stay as V8 names them. */
export function summarize(profiles: CpuProfile[]): ProfileLine[] {
	const lines = new Map<string, ProfileLine>();
	for (const profile of profiles) {
		const byId = new Map(profile.nodes.map((n) => [n.id, n]));
		const parent = new Map<number, number>();
		for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
		const lineOf = (node: ProfileNode): ProfileLine => {
			const f = node.callFrame;
			const file = f.url.split('/').pop() ?? '';
			const key = `${f.functionName}@${file}:${f.lineNumber}`;
			let line = lines.get(key);
			if (!line) {
				line = { name: f.functionName || '(anonymous)', where: file ? `${file}:${f.lineNumber + 1}` : '', selfMs: 0, totalMs: 0 };
				lines.set(key, line);
			}
			return line;
		};
		profile.samples.forEach((id, i) => {
			const ms = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000;
			const leaf = byId.get(id);
			if (!leaf) return;
			const leafLine = lineOf(leaf);
			leafLine.selfMs += ms;
			if (callersOf && leafLine.name === callersOf) {
				const path: string[] = [];
				for (let n = byId.get(parent.get(leaf.id) ?? -1); n && path.length < CALLER_DEPTH; n = byId.get(parent.get(n.id) ?? -1)) {
					const line = lineOf(n);
					path.push(`${line.name} ${line.where}`);
				}
				const key = path.join(' < ');
				leafLine.callers ??= new Map();
				leafLine.callers.set(key, (leafLine.callers.get(key) ?? 0) + ms);
			}
			const seen = new Set<ProfileLine>();
			for (let n: ProfileNode | undefined = leaf; n; n = byId.get(parent.get(n.id) ?? -1)) {
				const line = lineOf(n);
				if (!seen.has(line)) line.totalMs += ms;
				seen.add(line);
			}
		});
	}
	return [...lines.values()].sort((a, b) => b.selfMs - a.selfMs);
}

/** The top `n` lines by self (or total) time, as a printable table (ms and % of all samples). */
export function formatProfile(lines: ProfileLine[], n = 25, by: 'self' | 'total' = 'self'): string {
	if (by === 'total') lines = [...lines].sort((a, b) => b.totalMs - a.totalMs);
	const all = lines.reduce((s, l) => s + l.selfMs, 0);
	const busy = lines.filter((l) => l.name !== '(idle)' && l.name !== '(program)').reduce((s, l) => s + l.selfMs, 0);
	const rows = lines.slice(0, n).map((l) => `  ${l.selfMs.toFixed(0).padStart(7)} ms ${((l.selfMs / all) * 100).toFixed(1).padStart(5)} %  total ${l.totalMs.toFixed(0).padStart(7)} ms  ${l.name}  ${l.where}`);
	const callers = lines
		.flatMap((l) => [...(l.callers ?? [])].map(([path, ms]) => ({ path: `${l.name} < ${path}`, ms })))
		.sort((a, b) => b.ms - a.ms)
		.slice(0, 12)
		.map(({ path, ms }) => `  ${ms.toFixed(0).padStart(7)} ms  ${path}`);
	return [`  sampled ${all.toFixed(0)} ms in all, ${busy.toFixed(0)} ms not idle`, ...rows, ...(callers.length > 0 ? [`  called from (PROFILE_CALLERS):`, ...callers] : [])].join('\n');
}
