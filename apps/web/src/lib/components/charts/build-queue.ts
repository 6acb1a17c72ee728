/**
 * Chart builds wait their turn: as many `new uPlot()` as fit in ~40 ms per task, so opening a
 * session of seven charts (or ticking a filter that rebuilds six) never holds the page's thread
 * for their sum — a build is ~5–40 ms, seven in one task were ~200 ms. (One build per task left
 * the page idle between them: after an input Chromium ran the next task hundreds of ms later.)
 * A build cancelled before its turn (the chart was destroyed or got new options) never runs.
 */
const BUDGET_MS = 40;
const queue: { run: () => void; cancelled: boolean }[] = [];
let scheduled = false;

function pump(): void {
	scheduled = false;
	const start = performance.now();
	while (queue.length > 0 && performance.now() - start < BUDGET_MS) {
		const next = queue.shift() as { run: () => void; cancelled: boolean };
		if (!next.cancelled) next.run();
	}
	if (queue.length > 0) schedule();
}

/** A new task soon: `scheduler.postTask` where the browser has it, else a message (timers can wait ~100s of ms after input). */
const nextTask: (fn: () => void) => void = (() => {
	const scheduler = (globalThis as { scheduler?: { postTask?: (fn: () => void, o?: object) => Promise<void> } }).scheduler;
	if (scheduler?.postTask) return (fn) => void scheduler.postTask?.(fn, { priority: 'user-visible' });
	if (typeof MessageChannel !== 'undefined') {
		const channel = new MessageChannel();
		const waiting: (() => void)[] = [];
		channel.port1.onmessage = () => waiting.shift()?.();
		return (fn) => {
			waiting.push(fn);
			channel.port2.postMessage(null);
		};
	}
	return (fn) => setTimeout(fn, 0);
})();

function schedule(): void {
	if (scheduled) return;
	scheduled = true;
	nextTask(pump);
}

/** Queues a build; the returned function cancels it if it has not run yet. */
export function queueBuild(run: () => void): () => void {
	const entry = { run, cancelled: false };
	queue.push(entry);
	schedule();
	return () => {
		entry.cancelled = true;
	};
}
