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

/** The sentence for a failed write: a full disk says how much more the file needs and what is kept. */
export async function storageFailureMessage(
	error: unknown,
	fileBytes: number,
	bytesRead: number
): Promise<string> {
	if (!isQuotaError(error)) return describeStorageError(error);
	let usage: number | undefined;
	let quota: number | undefined;
	try {
		const estimate = await navigator.storage?.estimate();
		usage = estimate?.usage;
		quota = estimate?.quota;
	} catch {
		// estimate() is unavailable (tests, very old browsers): say less.
	}
	// Stored bytes track input bytes closely for CDR (measured ~1:1 with IndexedDB's compression).
	const remaining = Math.max(0, fileBytes - bytesRead) + 8 * 1024 * 1024;
	const mb = (n: number) => `${Math.ceil(n / 1_000_000).toLocaleString('en')} MB`;
	const where =
		usage !== undefined && quota !== undefined
			? ` (this site uses ${mb(usage)} of the ${mb(quota)} the browser allows)`
			: '';
	return `Storage is full${where}. This file needs about ${mb(remaining)} more. Everything imported before this point is kept; delete old imports or free disk space, then drop the same file again to resume.`;
}
