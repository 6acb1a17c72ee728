import { expect } from 'vitest';

/** Numbers equal to 1e-9 relative, everything else strictly; arrays and objects recursively. Float sums (freeze ms, counters) differ in the last bits: ClickHouse adds in another order than the browser, and a cluster in another order than one server. */
export function close(a: unknown, b: unknown, path = ''): string | null {
	if (typeof a === 'number' && typeof b === 'number') {
		if (a === b || (Number.isNaN(a) && Number.isNaN(b))) return null;
		return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b)) ? null : `${path}: ${a} ≠ ${b}`;
	}
	if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) return close(Array.from(a as Float64Array), Array.from(b as Float64Array), path);
	if (Array.isArray(a) && Array.isArray(b)) {
		if (a.length !== b.length) return `${path}: length ${a.length} ≠ ${b.length}`;
		for (let i = 0; i < a.length; i++) {
			const d = close(a[i], b[i], `${path}[${i}]`);
			if (d) return d;
		}
		return null;
	}
	if (a && b && typeof a === 'object' && typeof b === 'object') {
		const ka = Object.keys(a).sort();
		const kb = Object.keys(b).sort();
		if (ka.join('|') !== kb.join('|')) return `${path}: keys ${ka.join(',')} ≠ ${kb.join(',')}`;
		for (const k of ka) {
			const d = close((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
			if (d) return d;
		}
		return null;
	}
	return Object.is(a, b) ? null : `${path}: ${String(a)} ≠ ${String(b)}`;
}

export function expectClose(a: unknown, b: unknown): void {
	expect(close(a, b)).toBeNull();
}
