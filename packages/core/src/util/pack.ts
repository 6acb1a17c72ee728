/**
 * Groups items, in their order, into runs whose weights sum to at most `maxWeight`: a run is
 * closed when the next item would take it over (an item heavier than that alone is a run of its
 * own). How the store packs many small values into a few large rows (storage/pc-details.ts,
 * storage/series-packs.ts): each IndexedDB row costs a fixed CPU however small it is.
 */
export function packByWeight<T>(items: Iterable<T>, weight: (item: T) => number, maxWeight: number): T[][] {
	const runs: T[][] = [];
	let sum = 0;
	for (const item of items) {
		const w = weight(item);
		const run = runs.at(-1);
		if (run && (sum === 0 || sum + w <= maxWeight)) {
			run.push(item);
			sum += w;
		} else {
			runs.push([item]);
			sum = w;
		}
	}
	return runs;
}
