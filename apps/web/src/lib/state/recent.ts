/**
 * Recently inspected sessions (Vonage Session Inspector's dashboard): kept in this browser's
 * localStorage, never sent anywhere, newest first, at most {@link MAX_RECENT}. Only ids and the
 * time the inspector last opened each — no session data.
 */
export interface RecentSession {
	key: string;
	sessionId: string;
	provider: string;
	/** When the inspector last opened it, UTC ms. */
	openedAt: number;
}

export const MAX_RECENT = 20;
const STORAGE_KEY = 'rtcscope.recentSessions';

export function listRecent(storage: Pick<Storage, 'getItem'> | null = safeStorage()): RecentSession[] {
	try {
		const parsed: unknown = JSON.parse(storage?.getItem(STORAGE_KEY) ?? '[]');
		if (!Array.isArray(parsed)) return [];
		return parsed.filter(
			(r): r is RecentSession =>
				!!r && typeof r.key === 'string' && typeof r.sessionId === 'string' && typeof r.provider === 'string' && Number.isFinite(r.openedAt)
		);
	} catch {
		return [];
	}
}

/** Puts a session first (or moves it there) with `openedAt`; returns the new list. */
export function recordInspected(entry: RecentSession, storage: Pick<Storage, 'getItem' | 'setItem'> | null = safeStorage()): RecentSession[] {
	const next = [entry, ...listRecent(storage).filter((r) => r.key !== entry.key)].slice(0, MAX_RECENT);
	try {
		storage?.setItem(STORAGE_KEY, JSON.stringify(next));
	} catch {
		// Storage full or disabled (private mode): the list is a convenience, not data.
	}
	return next;
}

export function clearRecent(storage: Pick<Storage, 'removeItem'> | null = safeStorage()): void {
	storage?.removeItem(STORAGE_KEY);
}

/** localStorage, or null where it is missing or refused (private modes, a sandboxed frame). */
export function safeStorage(): Storage | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null;
	}
}
