import type { ClickHouseConfig, ClickHouseStatus } from '@rtcscope/core/clickhouse';
import { windowsFromRooms, type Diagnostics, type FleetDayRow, type FleetExtent, type Realtime, type ThresholdOverrides } from '@rtcscope/core/fleet';
import { fleetExtent, listFleetApps, loadFleetDays, loadRoomFacts } from '@rtcscope/core/storage';
import { db } from '$lib/db';
import { query } from '$lib/workers/query-client';
import { safeStorage } from './recent';

/**
 * Settings → Fleet source: this browser's store (default) or ClickHouse (issue 16). The URL,
 * database and user are kept in localStorage (not secrets); the password is handed to the query
 * worker and kept in this page's memory only, unless the user ticks "remember" — then it is in
 * localStorage too, and the form says so. It never goes into a URL, a log or an export.
 */
const STORAGE_KEY = 'rtcscope.fleetSource';

interface Saved {
	url: string;
	database: string;
	user: string;
	password?: string;
}

function readSaved(): Saved | null {
	try {
		const raw = safeStorage()?.getItem(STORAGE_KEY);
		const v = raw ? (JSON.parse(raw) as Partial<Saved>) : null;
		return v && typeof v.url === 'string' && typeof v.database === 'string' ? { url: v.url, database: v.database, user: typeof v.user === 'string' ? v.user : '', ...(typeof v.password === 'string' ? { password: v.password } : {}) } : null;
	} catch {
		return null;
	}
}

function toConfig(saved: Omit<Saved, 'password'>, password: string): ClickHouseConfig {
	return { url: saved.url.trim(), database: saved.database.trim() || 'rtcscope', user: saved.user.trim() || undefined, password: password || undefined };
}

class FleetSourceState {
	/** The selected ClickHouse (without its password), or null for this browser. */
	config = $state.raw<Omit<Saved, 'password'> | null>(null);
	/** What the server said when it was selected; null while checking or for this browser. */
	status = $state.raw<ClickHouseStatus | null>(null);
	/** Bumped when the source changes, so every fleet query re-runs. */
	version = $state(0);
	private started = false;
	/** Bumped by each choice: a check that returns after a later choice (a click on "this browser" while the start's check runs) changes nothing. */
	private choice = 0;

	/**
	 * Re-selects the saved ClickHouse at start (once). It is the source from the first query on —
	 * the views never show this browser's figures in the meantime — and its status follows; when
	 * the server refuses (a password that was not remembered), the views fall back to this browser
	 * and Settings says why.
	 */
	start(): void {
		if (this.started) return;
		this.started = true;
		const saved = readSaved();
		if (!saved) return;
		const { password, ...config } = saved;
		this.config = config;
		void query.configureClickHouse(toConfig(config, password ?? '')).catch(() => undefined);
		void this.select(config, password ?? '', password !== undefined, false);
	}

	/**
	 * ClickHouse while one is chosen and has not refused (its check may still be running).
	 * Derived, so a query reading it re-runs only when the source really changes: the start's
	 * check setting `status` and `config` anew re-ran every fleet query a second time.
	 */
	readonly kind: 'browser' | 'clickhouse' = $derived(this.config && this.status?.ok !== false ? 'clickhouse' : 'browser');

	get label(): string {
		return this.kind === 'clickhouse' && this.config ? `ClickHouse at ${this.config.url} (database ${this.config.database})` : 'this browser';
	}

	/**
	 * Checks the server and uses it when it answers; `counts` (Settings) also counts its rooms and
	 * sessions. @returns its status (ok or why not)
	 */
	async select(saved: Omit<Saved, 'password'>, password: string, remember: boolean, counts = true): Promise<ClickHouseStatus> {
		const config = toConfig(saved, password);
		// A pending check counts as "in use": confirming the source already read re-runs nothing.
		const before = { ok: this.status?.ok ?? true, key: JSON.stringify(this.config) };
		const choice = ++this.choice;
		this.status = null;
		const status = (await query.useClickHouse(config, { counts })) ?? { ok: false, message: 'No answer.' };
		if (choice !== this.choice) return status;
		if (status.ok) {
			this.config = { url: config.url, database: config.database, user: saved.user.trim() };
			safeStorage()?.setItem(STORAGE_KEY, JSON.stringify({ ...this.config, ...(remember && password ? { password } : {}) } satisfies Saved));
		}
		this.status = status;
		if (before.ok !== status.ok || before.key !== JSON.stringify(this.config)) this.version++;
		return status;
	}

	async useBrowser(): Promise<void> {
		this.choice++;
		await query.useClickHouse(null);
		this.config = null;
		this.status = null;
		safeStorage()?.removeItem(STORAGE_KEY);
		this.version++;
	}

	saved(): Saved | null {
		return readSaved();
	}
}

export const fleetSource = new FleetSourceState();

/**
 * The reads of the fleet views from the selected source: this browser's store on the
 * page (Dexie liveQuery re-runs them on every write), or ClickHouse through the query worker.
 * Reading `fleetSource.version` makes a view re-query when the source changes.
 */
const here = windowsFromRooms((app, from, to) => loadRoomFacts(db, app, from, to));

export function fleetReads() {
	void fleetSource.version;
	const ch = fleetSource.kind === 'clickhouse';
	return {
		extent: (): Promise<FleetExtent | null> => (ch ? query.fleetExtent() : fleetExtent(db)),
		apps: (): Promise<string[]> => (ch ? query.fleetApps() : listFleetApps(db)),
		days: (app: string, from: number, to: number): Promise<FleetDayRow[]> => (ch ? query.fleetDays(app, from, to) : loadFleetDays(db, app, from, to)),
		/** Real-time and Diagnostics: counted by SQL on ClickHouse; here from the window's room facts. */
		realtime: (app: string, from: number, to: number, overrides: ThresholdOverrides): Promise<Realtime> =>
			ch ? query.fleetRealtime(app, from, to, overrides) : here.realtime(app, from, to, overrides),
		diagnostics: (app: string, from: number, to: number, overrides: ThresholdOverrides): Promise<Diagnostics> =>
			ch ? query.fleetDiagnostics(app, from, to, overrides) : here.diagnostics(app, from, to, overrides)
	};
}
