import type { Page } from 'playwright-core';

/** One trace event as Chromium writes it (the fields read here); times in µs. */
interface TraceEvent {
	name: string;
	ph: string;
	pid: number;
	tid: number;
	ts: number;
	dur?: number;
	args?: { name?: string; data?: { functionName?: string; url?: string; lineNumber?: number } };
}

/** A main-thread task over the limit, with what took its time. */
export interface LongTask {
	/** ms from the trace's start, and its length. */
	atMs: number;
	ms: number;
	/** The task's direct and nested events by name, longest first (a name counts once per nesting). */
	parts: { name: string; ms: number }[];
}

/**
 * Records the page's main thread with Chromium's tracing (DevTools protocol `Tracing`) while
 * `work` runs, and returns the tasks longer than `limitMs` with the events inside them (script
 * by function, GC, layout, message handling), to say what a "longest main-thread task" was.
 */
export async function traceLongTasks<T>(page: Page, work: () => Promise<T>, limitMs = 50): Promise<{ result: T; tasks: LongTask[] }> {
	const cdp = await page.context().newCDPSession(page);
	const events: TraceEvent[] = [];
	cdp.on('Tracing.dataCollected', (e) => {
		events.push(...(e.value as unknown as TraceEvent[]));
	});
	const done = new Promise<void>((ok) => cdp.once('Tracing.tracingComplete', () => ok()));
	await cdp.send('Tracing.start', {
		traceConfig: { includedCategories: ['devtools.timeline', 'v8', 'disabled-by-default-devtools.timeline', '__metadata'] },
		transferMode: 'ReportEvents'
	});
	const result = await work();
	await cdp.send('Tracing.end');
	await done;
	await cdp.detach();
	return { result, tasks: longTasks(events, limitMs) };
}

function longTasks(events: TraceEvent[], limitMs: number): LongTask[] {
	const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
	if (!main) return [];
	const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined);
	const start = Math.min(...onMain.map((e) => e.ts));
	const tasks = onMain.filter((e) => e.name === 'RunTask' && (e.dur as number) / 1000 > limitMs);
	return tasks.map((task) => {
		const end = task.ts + (task.dur as number);
		const parts = new Map<string, number>();
		for (const e of onMain) {
			if (e === task || e.ts < task.ts || e.ts >= end) continue;
			const d = e.args?.data;
			const name = e.name === 'FunctionCall' && d ? `FunctionCall ${d.functionName || '(anonymous)'} ${(d.url ?? '').split('/').pop()}:${d.lineNumber ?? ''}` : e.name;
			parts.set(name, (parts.get(name) ?? 0) + (e.dur as number) / 1000);
		}
		return {
			atMs: (task.ts - start) / 1000,
			ms: (task.dur as number) / 1000,
			parts: [...parts].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms).slice(0, 8)
		};
	});
}
