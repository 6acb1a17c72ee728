/**
 * Views keep their state in the query string, so a copied link reproduces the screen. This
 * builds the next URL of a view from the current one.
 *
 * @param path the view's path including the base, e.g. `${base}/sessions/`
 * @param changes keys to set; null or '' removes a key
 */
export function withParams(current: URLSearchParams, path: string, changes: Record<string, string | null>): string {
	const next = new URLSearchParams(current);
	for (const [key, value] of Object.entries(changes)) {
		if (value === null || value === '') next.delete(key);
		else next.set(key, value);
	}
	const query = next.toString();
	return query ? `${path}?${query}` : path;
}
