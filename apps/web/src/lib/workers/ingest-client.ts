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
 */
const IDLE_STOP_MS = 60_000;

class IngestClient {
	private worker: Worker | null = null;
	private api: Comlink.Remote<IngestApi> | null = null;
	private running = 0;
	private idleTimer: ReturnType<typeof setTimeout> | null = null;
	/** Live feeds run in the worker: while any is enabled it is never stopped for being idle. */
	private keepAlive = false;

	private start(): Comlink.Remote<IngestApi> {
		if (this.idleTimer) clearTimeout(this.idleTimer);
		this.idleTimer = null;
		if (!this.api) {
			this.worker = new Worker(new URL('./ingest.worker.ts', import.meta.url), {
				type: 'module',
				name: 'rtcscope-ingest'
			});
			this.api = Comlink.wrap<IngestApi>(this.worker);
		}
		return this.api;
	}

	private async use<T>(call: (api: Comlink.Remote<IngestApi>) => Promise<T>): Promise<T> {
		const api = this.start();
		this.running++;
		try {
			return await call(api);
		} finally {
			this.running--;
			if (this.running === 0 && !this.keepAlive)
				this.idleTimer = setTimeout(() => this.stop(), IDLE_STOP_MS);
		}
	}

	/** Terminates the worker (an import in flight stays `running` and is recovered as interrupted). */
	stop(): void {
		this.api?.[Comlink.releaseProxy]();
		this.worker?.terminate();
		this.api = null;
		this.worker = null;
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
