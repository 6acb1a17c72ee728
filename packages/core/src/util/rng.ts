/**
 * mulberry32: a small seeded PRNG (public domain, Tommy Ettinger). Deterministic generators
 * (demo data, benchmark input) use it so the same seed always writes the same bytes.
 */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Helpers over a seeded random source. */
export class Random {
	readonly next: () => number;
	constructor(seed: number) {
		this.next = mulberry32(seed);
	}
	int(minInclusive: number, maxInclusive: number): number {
		return minInclusive + Math.floor(this.next() * (maxInclusive - minInclusive + 1));
	}
	pick<T>(items: readonly T[]): T {
		const item = items[Math.floor(this.next() * items.length)];
		if (item === undefined) throw new Error('pick from an empty list');
		return item;
	}
	chance(probability: number): boolean {
		return this.next() < probability;
	}
	/** An id of `length` characters from [a-zA-Z0-9], like OpenVidu's `ses_`/`con_` suffixes. */
	id(length: number): string {
		const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
		let out = '';
		for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
		return out;
	}
}
