import * as Comlink from 'comlink';
import type {
	ImportInput,
	ImportOutcome,
	ImportProgress,
	IngestApi
} from '@rtcscope/core/worker-api';
import type { ThresholdOverrides } from '@rtcscope/core/fleet';
import type { FleetOptions } from '@rtcscope/core/demo';
import type { CaseInput, CaseRow } from '@rtcscope/core/model';
import type { BundleSelection } from '@rtcscope/core/storage';
import type { BundleHeader } from '@rtcscope/core/bundle';
import type { NewFeed } from '@rtcscope/core/worker-api';

/**
 * The one owner of the ingest worker (squoosh's worker-bridge habit): starts it on first use,
 * awaits every call, stops it after a minute without work, and releases the Comlink proxy.
 *
 * A worker that dies (killed, out of memory, an uncaught error) leaves Comlink calls that never
 * settle, and every later drop would wait behind them. So while calls run, a watchdog pings the
 * worker; an `error` event or no answer for {@link DEAD_AFTER_MS} declares it dead: every call
 * in flight rejects with {@link WorkerStoppedError}, the worker is terminated (its import locks
 * are freed with it) and the next call starts a fresh one, which marks the dead one's imports
 * interrupted (issue 17).
 */
const IDLE_STOP_MS = 60_000;
const PING_EVERY_MS = 3_000;
/** A worker parsing a 100 MB dump in one JSON.parse is busy for a few seconds; never this long. */
const DEAD_AFTER_MS = 20_000;

export class WorkerStoppedError extends Error {
	constructor(reason: string) {
		super(`The import worker stopped (${reason}). What it had committed is kept; the file it was reading is marked interrupted — resume it from its card.`);
		this.name = 'WorkerStoppedError';
	}
}

class IngestClient {
	private worker: Worker | null = null;
	private api: Comlink.Remote<IngestApi> | null = null;
	private running = 0;
	private idleTimer: ReturnType<typeof setTimeout> | null = null;
	/** Live feeds run in the worker: while any is enabled it is never stopped for being idle. */
	private keepAlive = false;
	private inFlight = new Set<(error: Error) => void>();
	private watchdog: ReturnType<typeof setInterval> | null = null;
	private pingSince: number | null = null;
	/** Called after a dead worker was replaced (the layout then recovers interrupted imports). */
	onRestart: (() => void) | null = null;

	private start(): Comlink.Remote<IngestApi> {
		if (this.idleTimer) clearTimeout(this.idleTimer);
		this.idleTimer = null;
		if (!this.api) {
			const worker = new Worker(new URL('./ingest.worker.ts', import.meta.url), {
				type: 'module',
				name: 'rtcscope-ingest'
			});
			worker.addEventListener('error', (event) => {
				if (this.worker === worker) this.died(event.message || 'an error it did not catch');
			});
			this.worker = worker;
			this.api = Comlink.wrap<IngestApi>(worker);
		}
		return this.api;
	}

	private async use<T>(call: (api: Comlink.Remote<IngestApi>) => Promise<T>): Promise<T> {
		const api = this.start();
		this.running++;
		this.watch();
		let reject: ((error: Error) => void) | null = null;
		const dead = new Promise<never>((_, r) => {
			reject = r;
			this.inFlight.add(r);
		});
		try {
			return await Promise.race([call(api), dead]);
		} finally {
			if (reject) this.inFlight.delete(reject);
			this.running--;
			if (this.running === 0) {
				this.unwatch();
				if (!this.keepAlive) this.idleTimer = setTimeout(() => this.stop(), IDLE_STOP_MS);
			}
		}
	}

	private watch(): void {
		this.watchdog ??= setInterval(() => this.check(), PING_EVERY_MS);
	}

	private unwatch(): void {
		if (this.watchdog) clearInterval(this.watchdog);
		this.watchdog = null;
		this.pingSince = null;
	}

	private check(): void {
		const api = this.api;
		if (!api) return;
		if (this.pingSince !== null) {
			if (Date.now() - this.pingSince > DEAD_AFTER_MS) this.died(`no answer for ${DEAD_AFTER_MS / 1000} s`);
			return;
		}
		this.pingSince = Date.now();
		api.ping().then(
			() => {
				if (this.api === api) this.pingSince = null;
			},
			() => undefined
		);
	}

	private died(reason: string): void {
		const error = new WorkerStoppedError(reason);
		const calls = [...this.inFlight];
		this.inFlight.clear();
		this.unwatch();
		this.stop();
		for (const reject of calls) reject(error);
		// Live feeds ran in the dead worker: start them again in a fresh one.
		if (this.keepAlive) {
			this.keepAlive = false;
			void this.runFeeds(true).catch(() => undefined);
		}
		this.onRestart?.();
	}

	/** Terminates the worker (an import in flight stays `running` and is recovered as interrupted). */
	stop(): void {
		this.api?.[Comlink.releaseProxy]();
		this.worker?.terminate();
		this.api = null;
		this.worker = null;
	}

	/** For the fault tests: the worker as the page holds it (e2e terminates it mid-import). */
	get currentWorker(): Worker | null {
		return this.worker;
	}

	importFiles(
		jobId: string,
		inputs: ImportInput[],
		onProgress: (p: ImportProgress) => void
	): Promise<ImportOutcome[]> {
		return this.use((api) => api.importFiles(jobId, inputs, Comlink.proxy(onProgress)));
	}

	loadDemo(jobId: string, onProgress: (p: ImportProgress) => void): Promise<ImportOutcome[]> {
		return this.use((api) => api.loadDemo(jobId, Comlink.proxy(onProgress)));
	}

	loadDemoCall(jobId: string, onProgress: (p: ImportProgress) => void): Promise<ImportOutcome[]> {
		return this.use((api) => api.loadDemoCall(jobId, Comlink.proxy(onProgress)));
	}

	loadDemoFleet(
		jobId: string,
		onProgress: (p: ImportProgress) => void,
		options: Partial<FleetOptions> = {}
	): Promise<ImportOutcome[]> {
		return this.use((api) => api.loadDemoFleet(jobId, Comlink.proxy(onProgress), options));
	}

	cancel(jobId: string): Promise<void> {
		return this.use((api) => api.cancel(jobId));
	}

	removeImport(id: string): Promise<void> {
		return this.use((api) => api.removeImport(id));
	}

	removeImports(ids: string[]): Promise<void> {
		return this.use((api) => api.removeImports(ids));
	}

	setImportApp(id: string, app: string): Promise<string> {
		return this.use((api) => api.setImportApp(id, app));
	}

	saveThresholds(overrides: ThresholdOverrides): Promise<void> {
		return this.use((api) => api.saveThresholds(overrides));
	}

	saveCase(input: CaseInput): Promise<CaseRow> {
		return this.use((api) => api.saveCase(input));
	}

	deleteCases(ids: string[]): Promise<void> {
		return this.use((api) => api.deleteCases(ids));
	}

	/** A case bundle: gzip bytes and a file name. */
	exportBundle(
		selection: BundleSelection
	): Promise<{ bytes: Uint8Array; name: string; header: BundleHeader }> {
		return this.use((api) => api.exportBundle(selection));
	}

	removeOlderThan(days: number): Promise<{ removed: string[]; keptForCases: string[] }> {
		return this.use((api) => api.removeOlderThan(days));
	}

	/** Builds the fleet tables for data imported before they existed; true when it did. */
	ensureFleet(): Promise<boolean> {
		return this.use((api) => api.ensureFleet());
	}

	linkDumpSession(
		sourceKey: string,
		targetKey: string | null,
		participants: Record<string, string | null>
	): Promise<number> {
		return this.use((api) => api.linkDumpSession(sourceKey, targetKey, participants));
	}

	removeEverything(): Promise<void> {
		return this.use((api) => api.removeEverything());
	}

	recoverInterrupted(): Promise<number> {
		return this.use((api) => api.recoverInterrupted());
	}

	/**
	 * Keeps the worker running while feeds are enabled and starts them where they stopped (after
	 * a page load). Called by the layout whenever the enabled feeds change.
	 */
	async runFeeds(enabled: boolean): Promise<void> {
		const was = this.keepAlive;
		this.keepAlive = enabled;
		if (enabled && !was) await this.use((api) => api.resumeFeeds());
	}

	addFeed(input: NewFeed): Promise<string> {
		return this.use((api) => api.addFeed(input));
	}

	setFeedSecret(id: string, secret: string, remember: boolean): Promise<void> {
		return this.use((api) => api.setFeedSecret(id, secret, remember));
	}

	pauseFeed(id: string): Promise<void> {
		return this.use((api) => api.pauseFeed(id));
	}

	resumeFeed(id: string): Promise<void> {
		return this.use((api) => api.resumeFeed(id));
	}

	removeFeed(id: string): Promise<void> {
		return this.use((api) => api.removeFeed(id));
	}

	/** Benchmark halves (bench/run.ts via the /bench/ harness page). */
	benchLimit(file: File) {
		return this.use((api) => api.benchLimit(file));
	}

	benchParse(file: File) {
		return this.use((api) => api.benchParse(file));
	}

	benchSeries(points: number) {
		return this.use((api) => api.benchSeries(points));
	}

	benchWrite(file: File, maxInputBytes: number) {
		return this.use((api) => api.benchWrite(file, maxInputBytes));
	}
}

export const ingest = new IngestClient();
