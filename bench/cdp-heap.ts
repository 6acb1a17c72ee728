import type { CDPSession, Page } from 'playwright-core';

/**
 * Samples the JS heap of the page's dedicated workers through the DevTools protocol
 * (`performance.memory` does not exist in workers). Workers are auto-attached in non-flat mode
 * and queried with Runtime.getHeapUsage.
 */
export class WorkerHeapSampler {
	private sessions = new Map<string, string>();
	private pending = new Map<number, (result: { usedSize: number }) => void>();
	private nextId = 1;
	private timer: ReturnType<typeof setInterval> | null = null;
	peakBytes = 0;

	private constructor(private readonly cdp: CDPSession) {}

	static async attach(page: Page): Promise<WorkerHeapSampler> {
		const cdp = await page.context().newCDPSession(page);
		const sampler = new WorkerHeapSampler(cdp);
		cdp.on('Target.attachedToTarget', (e) => {
			if (e.targetInfo.type === 'worker') sampler.sessions.set(e.sessionId, e.targetInfo.url);
		});
		cdp.on('Target.detachedFromTarget', (e) => sampler.sessions.delete(e.sessionId));
		cdp.on('Target.receivedMessageFromTarget', (e) => {
			const message = JSON.parse(e.message) as { id?: number; result?: { usedSize: number } };
			if (message.id && message.result) sampler.pending.get(message.id)?.(message.result);
			if (message.id) sampler.pending.delete(message.id);
		});
		await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
		return sampler;
	}

	async sample(): Promise<number> {
		let total = 0;
		for (const sessionId of this.sessions.keys()) {
			const id = this.nextId++;
			const result = new Promise<{ usedSize: number }>((resolve) => this.pending.set(id, resolve));
			await this.cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }) });
			total += (await result).usedSize;
		}
		this.peakBytes = Math.max(this.peakBytes, total);
		return total;
	}

	start(intervalMs = 50): void {
		this.peakBytes = 0;
		this.timer = setInterval(() => void this.sample().catch(() => undefined), intervalMs);
	}

	stop(): number {
		if (this.timer) clearInterval(this.timer);
		this.timer = null;
		return this.peakBytes;
	}
}
