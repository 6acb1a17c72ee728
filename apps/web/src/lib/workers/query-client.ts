import * as Comlink from 'comlink';
import type { QualityChartsRequest, QualityChartsResult, QueryApi } from '@rtcscope/core/query-api';
import type { ObserveResult } from '@rtcscope/core/observe';
import type { ClickHouseConfig, ClickHouseStatus, ServerSessionQuery } from '@rtcscope/core/clickhouse';
import type { ThresholdOverrides } from '@rtcscope/core/fleet';

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
	/** The ClickHouse source, handed to each new worker (a stopped worker forgets it). */
	private clickhouse: ClickHouseConfig | null = null;

	private async use<T>(call: (api: Comlink.Remote<QueryApi>) => Promise<T>): Promise<T> {
		if (this.idleTimer) clearTimeout(this.idleTimer);
		this.idleTimer = null;
		if (!this.api) {
			this.worker = new Worker(new URL('./query.worker.ts', import.meta.url), { type: 'module', name: 'rtcscope-query' });
			this.api = Comlink.wrap<QueryApi>(this.worker);
			if (this.clickhouse) await this.api.configureClickHouse(this.clickhouse);
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

	/** Makes ClickHouse the fleet source at once, checking nothing (a saved choice at page start). */
	configureClickHouse(config: ClickHouseConfig): Promise<void> {
		this.clickhouse = config;
		return this.use((api) => api.configureClickHouse(config));
	}

	/** Makes ClickHouse the fleet source (null: this browser); says what the server holds or why it failed. */
	async useClickHouse(config: ClickHouseConfig | null, options: { counts?: boolean } = {}): Promise<ClickHouseStatus | null> {
		const status = await this.use<ClickHouseStatus | null>((api) => api.useClickHouse(config, options));
		this.clickhouse = status?.ok ? config : null;
		return status;
	}

	fleetExtent() {
		return this.use((api) => api.fleetExtent());
	}
	fleetApps() {
		return this.use((api) => api.fleetApps());
	}
	fleetDays(app: string, from: number, to: number) {
		return this.use((api) => api.fleetDays(app, from, to));
	}
	fleetRooms(app: string, fromAt: number, toAt: number) {
		return this.use((api) => api.fleetRooms(app, fromAt, toAt));
	}
	fleetRealtime(app: string, from: number, to: number, overrides: ThresholdOverrides) {
		return this.use((api) => api.fleetRealtime(app, from, to, overrides));
	}
	fleetDiagnostics(app: string, from: number, to: number, overrides: ThresholdOverrides) {
		return this.use((api) => api.fleetDiagnostics(app, from, to, overrides));
	}
	searchServerSessions(q: ServerSessionQuery) {
		return this.use((api) => api.searchServerSessions(q));
	}
	loadServerBundle(sessionKey: string) {
		return this.use((api) => api.loadServerBundle(sessionKey));
	}

	/** Problems and warnings per session, for the Sessions list. */
	observationCounts(keys: string[]): Promise<Record<string, { problems: number; warnings: number; infos: number }>> {
		return this.use((api) => api.observationCounts(keys));
	}
}

export const query = new QueryClient();
