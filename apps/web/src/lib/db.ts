import { openDb } from '@rtcscope/core/storage';
import { reloadNeeded } from './state/reload.svelte';

/** The page's read connection to the store (writes happen in the ingest worker). */
export const db = openDb({
	onVersionChange: () => reloadNeeded.set('A newer version of rtcscope changed the stored data in another tab.'),
	onBlocked: () => reloadNeeded.set('An older rtcscope tab is still open and keeps this version from updating the stored data: close or reload the other rtcscope tabs.')
});
