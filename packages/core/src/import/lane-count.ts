/** The most importers a job uses, whatever the cores: IndexedDB serializes the writes anyway. */
export const MAX_IMPORT_LANES = 4;

/**
 * Helper workers for a machine with `cores` logical cores (navigator.hardwareConcurrency): one
 * lane per core, the ingest worker being the first, at most {@link MAX_IMPORT_LANES} in all.
 */
export function helperLaneCount(cores: number | undefined): number {
	const lanes = Math.min(MAX_IMPORT_LANES, Math.max(1, Math.floor(cores ?? 1)));
	return lanes - 1;
}
