/**
 * One lock per import id across every tab and worker of the origin (Web Locks API), held by the
 * context importing it for as long as it does. The browser frees it when that context ends — a
 * closed tab, a crashed renderer, a terminated worker — so a `running` import whose lock is free
 * is known interrupted at once, instead of after the heartbeat goes stale (issue 17).
 */
export interface ImportLocks {
	/** Takes the lock of an import id: its release, or null when another context holds it. */
	acquire(importId: string): Promise<(() => void) | null>;
	/** Whether any context holds the lock of an import id. */
	held(importId: string): Promise<boolean>;
}

const lockName = (importId: string) => `rtcscope-import:${importId}`;

/** The part of the Web Locks API used here (core compiles without the DOM library). */
interface WebLocks {
	request(name: string, options: { ifAvailable: boolean }, callback: (lock: unknown) => Promise<void> | undefined): Promise<unknown>;
	query(): Promise<{ held?: { name?: string }[] }>;
}

/** The Web Locks of this context, or null where there are none (Node, old browsers): heartbeats then decide. */
export function webImportLocks(): ImportLocks | null {
	const locks = (globalThis as { navigator?: { locks?: WebLocks } }).navigator?.locks;
	if (!locks) return null;
	return {
		acquire: (importId) =>
			new Promise((resolve) => {
				void locks.request(lockName(importId), { ifAvailable: true }, (lock) => {
					if (!lock) {
						resolve(null);
						return undefined;
					}
					return new Promise<void>((release) => resolve(() => release()));
				});
			}),
		held: async (importId) => {
			const state = await locks.query();
			return (state.held ?? []).some((l) => l.name === lockName(importId));
		}
	};
}

/** Locks within one process, for tests and the Node ingest command. */
export function memoryImportLocks(): ImportLocks {
	const taken = new Set<string>();
	return {
		acquire: async (importId) => {
			if (taken.has(importId)) return null;
			taken.add(importId);
			return () => taken.delete(importId);
		},
		held: async (importId) => taken.has(importId)
	};
}
