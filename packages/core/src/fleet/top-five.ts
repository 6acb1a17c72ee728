/**
 * SparkRTC's rule for every distribution chart (sparkrtc-console-guide.txt §4.2–§4.4, the Note
 * under Network Types, OSs, SDK Versions and Exception Causes): "if the number of data items is
 * less than or equal to 5, all … are displayed in descending order. If the number of data items
 * is greater than 5, the fifth one and all data items following it are classified as Other and
 * displayed as the fifth item". So more than five items give four named ones and Other.
 */
export const OTHER = 'Other';

export interface Share {
	name: string;
	value: number;
	/** value ÷ total of all items, 0..1 (0 when the total is 0). */
	share: number;
	/** For Other: the names folded into it. */
	members?: string[];
}

/**
 * @param items name → value (minutes, users…); non-positive values are dropped.
 * @param limit 5 in the document; other limits for tests and tables.
 * Ties sort by name so the order is stable.
 */
export function topWithOther(items: ReadonlyMap<string, number> | Record<string, number>, limit = 5): Share[] {
	const entries = (items instanceof Map ? [...items] : Object.entries(items)).filter(
		([, v]) => v > 0
	);
	entries.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
	const total = entries.reduce((sum, [, v]) => sum + v, 0);
	const share = (v: number) => (total > 0 ? v / total : 0);
	if (entries.length <= limit) {
		return entries.map(([name, value]) => ({ name, value, share: share(value) }));
	}
	const named = entries.slice(0, limit - 1).map(([name, value]) => ({ name, value, share: share(value) }));
	const rest = entries.slice(limit - 1);
	const restValue = rest.reduce((sum, [, v]) => sum + v, 0);
	return [...named, { name: OTHER, value: restValue, share: share(restValue), members: rest.map(([n]) => n) }];
}

/** Every item, descending (regions: the document sorts them without folding). */
export function allDescending(items: ReadonlyMap<string, number> | Record<string, number>): Share[] {
	return topWithOther(items, Number.POSITIVE_INFINITY);
}
