/**
 * Recognises IndexedDB quota errors. Chromium raises `QuotaExceededError`; Dexie may wrap it in
 * an `AbortError` (the transaction aborted because a request failed) with the cause in `inner`.
 */
export function isQuotaError(error: unknown): boolean {
	for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
		const name = (e as { name?: unknown }).name;
		const message = String((e as { message?: unknown }).message ?? '');
		if (name === 'QuotaExceededError' || /quota/i.test(message)) return true;
		e = (e as { inner?: unknown; cause?: unknown }).inner ?? (e as { cause?: unknown }).cause;
	}
	return false;
}

export function describeStorageError(error: unknown): string {
	const name = (error as { name?: unknown })?.name;
	const message = error instanceof Error ? error.message : String(error);
	return `The browser's storage refused a write (${typeof name === 'string' ? `${name}: ` : ''}${message}). Everything imported before this point is kept; drop the same file again to resume.`;
}
