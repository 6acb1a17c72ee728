import type { CDPSession, Page } from 'playwright-core';

/**
 * The page's dedicated workers as DevTools protocol targets: auto-attached in non-flat mode (the
 * mode Playwright's page CDP session allows), each command sent with Target.sendMessageToTarget
 * and its answer matched by id. Shared by the heap sampler and the profiler.
 */
export class WorkerTargets {
	readonly sessions = new Set<string>();
	private pending = new Map<number, (result: unknown) => void>();
	private nextId = 1;

	private constructor(private readonly cdp: CDPSession) {}

	/** @param onAttach runs for each worker as it attaches (workers started later too), possibly before this resolves. */
	static async attach(page: Page, onAttach: (targets: WorkerTargets, sessionId: string) => void = () => undefined): Promise<WorkerTargets> {
		const cdp = await page.context().newCDPSession(page);
		const targets = new WorkerTargets(cdp);
		cdp.on('Target.attachedToTarget', (e) => {
			if (e.targetInfo.type !== 'worker') return;
			targets.sessions.add(e.sessionId);
			onAttach(targets, e.sessionId);
		});
		cdp.on('Target.detachedFromTarget', (e) => targets.sessions.delete(e.sessionId));
		cdp.on('Target.receivedMessageFromTarget', (e) => {
			const message = JSON.parse(e.message) as { id?: number; result?: unknown; error?: unknown };
			if (!message.id) return;
			targets.pending.get(message.id)?.(message.result ?? message.error);
			targets.pending.delete(message.id);
		});
		await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
		return targets;
	}

	/** Sends one command to one worker; resolves with its result (or its error object). */
	async send(sessionId: string, method: string, params: object = {}): Promise<unknown> {
		const id = this.nextId++;
		const result = new Promise<unknown>((resolve) => this.pending.set(id, resolve));
		await this.cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
		return result;
	}
}
