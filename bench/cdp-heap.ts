import type { Page } from 'playwright-core';
import { WorkerTargets } from './cdp-workers';

/**
 * Samples the JS heap of the page's dedicated workers through the DevTools protocol
 * (`performance.memory` does not exist in workers) with Runtime.getHeapUsage.
 */
export class WorkerHeapSampler {
	private timer: ReturnType<typeof setInterval> | null = null;
	peakBytes = 0;

	private constructor(private readonly targets: WorkerTargets) {}

	static async attach(page: Page): Promise<WorkerHeapSampler> {
		return new WorkerHeapSampler(await WorkerTargets.attach(page));
	}

	async sample(): Promise<number> {
		let total = 0;
		for (const sessionId of this.targets.sessions) {
			const result = (await this.targets.send(sessionId, 'Runtime.getHeapUsage')) as { usedSize?: number } | undefined;
			total += result?.usedSize ?? 0;
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
