import * as Comlink from 'comlink';
import type { QualityChartsRequest, QualityChartsResult, QueryApi } from '@rtcscope/core/query-api';
import type { ObserveResult } from '@rtcscope/core/observe';

/**
 * The page's read worker (queries that read many rows and compute over them, so no task on the
 * page's thread takes long). Started on first use, stopped after a minute without calls. It only
 * reads: the ingest worker keeps every write.
 */
const IDLE_STOP_MS = 60_000;

class QueryClient {
	private worker: Worker | null = null;
	private api: Comlink.Remote<QueryApi> | null = null;
	private running = 0;
	private idleTimer: ReturnType<typeof setTimeout> | null = null;

	private async use<T>(call: (api: Comlink.Remote<QueryApi>) => Promise<T>): Promise<T> {
		if (this.idleTimer) clearTimeout(this.idleTimer);
		this.idleTimer = null;
		if (!this.api) {
			this.worker = new Worker(new URL('./query.worker.ts', import.meta.url), { type: 'module', name: 'rtcscope-query' });
			this.api = Comlink.wrap<QueryApi>(this.worker);
		}
		this.running++;
		try {
			return await call(this.api);
		} finally {
			this.running--;
			if (this.running === 0) this.idleTimer = setTimeout(() => this.stop(), IDLE_STOP_MS);
		}
	}

	stop(): void {
		this.api?.[Comlink.releaseProxy]();
		this.worker?.terminate();
		this.api = null;
		this.worker = null;
	}

	qualityCharts(request: QualityChartsRequest): Promise<QualityChartsResult> {
		return this.use((api) => api.qualityCharts(request));
	}

	/** A session's (meeting's, connection's) observations with their evidence. */
	observations(request: { sessionKey: string; meeting?: number | null; participantId?: string }): Promise<ObserveResult | null> {
		return this.use((api) => api.observations(request));
	}

	/** Both ends of the session's streams and the clock offsets between the dumps. */
	bothEnds(sessionKey: string) {
		return this.use((api) => api.bothEnds(sessionKey));
	}

	/** Problems and warnings per session, for the Sessions list. */
	observationCounts(keys: string[]): Promise<Record<string, { problems: number; warnings: number; infos: number }>> {
		return this.use((api) => api.observationCounts(keys));
	}
}

export const query = new QueryClient();
