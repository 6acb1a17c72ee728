import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { CDR_SCHEMAS } from '../formats/openvidu-cdr/schema.js';
import { generateDemoCdr } from '../demo/index.js';
import { readShared } from '../test-support/helpers.js';
import { compileFastParse, INVALID } from './fast-parse.js';

/** The value with undefined values visible and keys sorted (toEqual ignores undefined). */
function shape(value: unknown): string {
	return JSON.stringify(value, (_key, x: unknown) => {
		if (x === undefined) return '(undefined)';
		if (typeof x === 'number' && !Number.isFinite(x)) return `(${String(x)})`;
		if (!x || typeof x !== 'object' || Array.isArray(x)) return x;
		return Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
	});
}

/** The keys a schema does not declare, in the order the object holds them. */
function undeclared(schema: v.GenericSchema, value: unknown): string[] {
	const entries = (schema as { entries?: object }).entries;
	return entries && value && typeof value === 'object' ? Object.keys(value).filter((k) => !(k in entries)) : [];
}

type Walked = { type: string; entries?: Record<string, Walked>; wrapped?: Walked; options?: Walked[]; item?: Walked };

/**
 * Inputs valibot accepts but changes, which the fast path leaves to valibot: an own key a loose
 * object drops (`__proto__`, `constructor`, `prototype`), or an array where a loose object is
 * declared (valibot outputs an object). Walks the value along its schema.
 */
function changedByValibot(schema: Walked, value: unknown): boolean {
	if (schema.wrapped) return changedByValibot(schema.wrapped, value);
	if (schema.options) return schema.options.some((o) => changedByValibot(o, value));
	if (!value || typeof value !== 'object') return false;
	if (schema.item && Array.isArray(value)) return value.some((x) => changedByValibot(schema.item as Walked, x));
	if (!schema.entries) return false;
	if (Array.isArray(value)) return true;
	if (['__proto__', 'constructor', 'prototype'].some((k) => Object.prototype.hasOwnProperty.call(value, k))) return true;
	return Object.entries(schema.entries).some(([k, e]) => k in value && changedByValibot(e, (value as Record<string, unknown>)[k]));
}

/** valibot's answer and the fast path's for one input: both invalid, or equal outputs (undeclared keys in the same order). */
function expectSameAnswer(schema: v.GenericSchema, input: unknown): boolean {
	const fast = compileFastParse(schema);
	if (!fast) throw new Error('schema not compiled');
	const slow = v.safeParse(schema, input);
	const quick = fast(input);
	if (!slow.success) expect(quick).toBe(INVALID);
	else if (quick === INVALID) expect(changedByValibot(schema as unknown as Walked, input)).toBe(true);
	else {
		expect(quick).not.toBe(INVALID);
		expect(shape(quick)).toBe(shape(slow.output));
		expect(undeclared(schema, quick)).toEqual(undeclared(schema, slow.output));
	}
	return slow.success;
}

const names = Object.keys(CDR_SCHEMAS) as (keyof typeof CDR_SCHEMAS)[];

describe('compileFastParse (the fast path for valibot, issue 14)', () => {
	it('compiles every CDR schema, so valid CDR lines never reach valibot', () => {
		for (const name of names) expect(compileFastParse(CDR_SCHEMAS[name]), name).not.toBeNull();
	});

	it('refuses kinds it does not know instead of guessing (a pipe with a regex, a default)', () => {
		expect(compileFastParse(v.pipe(v.string(), v.regex(/x/)))).toBeNull();
		expect(compileFastParse(v.looseObject({ a: v.optional(v.string(), 'x') }))).toBeNull();
		expect(compileFastParse(v.object({ a: v.string() }))).toBeNull();
	});

	it('answers as valibot does for any mix of right and wrong values under each schema', () => {
		// Values of every JSON kind and the edge cases the schemas tell apart.
		const leaf = fc.oneof(
			fc.string({ maxLength: 4 }),
			fc.constantFrom('INBOUND', 'OUTBOUND', 'camera', '{"width":1,"height":2}'),
			fc.double(),
			fc.constantFrom(0, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 1767254786839),
			fc.boolean(),
			fc.constant(null),
			fc.constant(undefined)
		);
		const value = fc.oneof(
			{ weight: 5, arbitrary: leaf },
			{ weight: 1, arbitrary: fc.record({ width: leaf, height: leaf }, { requiredKeys: [] }) },
			{ weight: 1, arbitrary: fc.array(fc.oneof(leaf, fc.record({ id: leaf, load: leaf }, { requiredKeys: [] })), { maxLength: 3 }) }
		);
		for (const name of names) {
			const schema = CDR_SCHEMAS[name];
			const keys = [...Object.keys(schema.entries), 'extra', 'constructor', '__proto__'];
			// Most draws keep the schema's own values for its required keys, so valid inputs
			// (with wrong optional fields, extra keys, any order) are tested as much as invalid ones.
			const valid = v.getDefaults(schema);
			const required = Object.entries(schema.entries).filter(([, e]) => e.type !== 'optional');
			const fill = (input: Record<string, unknown>, keep: boolean) => {
				if (keep) for (const [key, e] of required) if (!(key in input) || !v.is(e, input[key])) input[key] = e.type === 'string' ? 'ses_x' : e.type === 'number' ? 1767254786839 : e.type === 'picklist' ? 'INBOUND' : input[key];
				return input;
			};
			const payload = fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: keys.length });
			let passed = 0;
			fc.assert(
				fc.property(payload, fc.boolean(), fc.integer({ min: 0, max: 3 }), (input, viaJson, keep) => {
					const filled = fill({ ...valid, ...input }, keep > 0);
					// JSON.parse makes "__proto__" an own key, as a CDR line would.
					if (expectSameAnswer(schema, viaJson ? JSON.parse(JSON.stringify(filled)) : filled)) passed++;
				}),
				{ numRuns: 300 }
			);
			expect(passed, `${name}: valid draws`).toBeGreaterThan(30);
		}
	});

	it('answers as valibot does for every payload of the real CDR files and a generated week', () => {
		const files = [
			'openvidu.io-docs__cdr-doc-examples-2018-2022.jsonl',
			'openvidu.io-docs__webhook-doc-examples-2019-2021.jsonl',
			'OpenVidu-openvidu-issue-619__pro-2.17-elasticsearch-events.jsonl'
		];
		const compare = (lines: string[]): number => {
			let compared = 0;
			for (const line of lines.filter(Boolean)) {
				const obj = JSON.parse(line) as Record<string, unknown>;
				// The CDR shape {"name": {…}}, a webhook {"event": "name", …}, or a Pro quality document.
				const [name, payload] =
					typeof obj.event === 'string' ? [obj.event, obj] : obj.elastic_type === 'webrtcStats' ? ['webrtcStats', obj] : (Object.entries(obj)[0] ?? ['', null]);
				if (!(name in CDR_SCHEMAS)) continue;
				expectSameAnswer(CDR_SCHEMAS[name as keyof typeof CDR_SCHEMAS], payload);
				compared++;
			}
			return compared;
		};
		// Event lines in each file, counted by hand: the docs' 26 CDR lines and 6 webhook bodies; the
		// Pro deployment's signalSent (a flat webhook with `event`) and its webrtcStats document.
		expect(files.map((f) => compare(readShared('data/real/openvidu-cdr/extracted', f).split('\n')))).toEqual([26, 6, 2]);
		const week = generateDemoCdr({ seed: 7, startAt: Date.UTC(2026, 0, 1), days: 7, sessionsPerDay: 20 }).toText().split('\n');
		expect(compare(week)).toBeGreaterThan(1_000);
	});
});
