import { describe, expect, it } from 'vitest';
import { packByWeight } from './pack.js';

describe('packByWeight', () => {
	it('closes a run before the item that would take it over, and gives an overweight item a run of its own', () => {
		expect(packByWeight([3, 4, 2, 9, 1, 1], (w) => w, 7)).toEqual([[3, 4], [2], [9], [1, 1]]);
		expect(packByWeight([], (w: number) => w, 7)).toEqual([]);
	});
});
