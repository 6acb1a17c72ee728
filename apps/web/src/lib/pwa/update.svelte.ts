import { Workbox } from 'workbox-window';
import { base } from '$app/paths';
import { importJobs } from '../state/imports.svelte';

/**
 * Service-worker update policy (the profiler's ServiceWorkerManager habit), written down:
 * - a new build installs in the background and waits; nothing changes under the user;
 * - the page shows "update available — reload" and the user decides when;
 * - a reload never happens while an import runs in this tab: the click is remembered and the
 *   reload happens when the import finishes (an interrupted import would have to be resumed).
 */
class UpdatePolicy {
	available = $state(false);
	/** The user asked to reload while an import was running. */
	pendingReload = $state(false);
	private wb: Workbox | null = null;

	register(): void {
		if (this.wb || import.meta.env.DEV || !('serviceWorker' in navigator)) return;
		const wb = new Workbox(`${base}/sw.js`, { scope: `${base}/` });
		wb.addEventListener('waiting', () => {
			this.available = true;
		});
		wb.addEventListener('controlling', (event) => {
			if (event.isUpdate) window.location.reload();
		});
		void wb.register();
		this.wb = wb;
	}

	/** Asks the waiting service worker to take over (the page reloads when it does). */
	reload(): void {
		if (importJobs.busy) {
			this.pendingReload = true;
			return;
		}
		this.apply();
	}

	/** Called when imports finish: applies a reload the user asked for during an import. */
	importsSettled(): void {
		if (this.pendingReload && !importJobs.busy) this.apply();
	}

	private apply(): void {
		this.pendingReload = false;
		this.wb?.messageSkipWaiting();
	}
}

export const update = new UpdatePolicy();
