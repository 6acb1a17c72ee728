import type * as v from 'valibot';

/**
 * A fast path for `v.safeParse`, compiled from the same valibot schema (there is one definition
 * of each shape; this only runs it differently). For the schema kinds the formats use, the
 * compiled check accepts exactly the inputs valibot accepts without issues, and returns the input
 * itself, checked in place: equal to valibot's output (the same keys and values), but with the
 * input's key order where valibot puts declared keys first. Nothing downstream reads a payload's
 * key order (openvidu-cdr/map.ts reads fields by name and keeps the undeclared ones in input
 * order, as valibot does). An input valibot would change (an own `__proto__`, `constructor` or
 * `prototype` key, which valibot drops; an array where an object is declared) is not accepted.
 * Whatever it does not accept it answers with {@link INVALID}, and the caller asks valibot, which
 * says why.
 *
 * Why (issue 14, profile of the 101 MB CDR parse-only in Chromium, 2026-12-02): valibot's
 * datasets, issue bookkeeping and output copies were 14–17 % of the worker's time (`safeParse`
 * and the `~run`s), for lines that are nearly all valid; a compiled copy still cost 9 %.
 *
 * Kinds compiled: string, number (with no pipe, or a pipe of `finite` only), boolean, picklist,
 * unknown, optional and nullable without defaults, union, array, loose_object. Any other kind,
 * pipe action or default anywhere in a schema makes {@link compileFastParse} return null.
 */
export const INVALID: unique symbol = Symbol('invalid');

/** The compiled check: the input when valibot accepts it as it is, else {@link INVALID}. */
export type FastParse = (input: unknown) => unknown;

/** Whether valibot accepts a value as it is (the compiled form of one schema node). */
type Check = (x: unknown) => boolean;

type AnySchema = v.GenericSchema & {
	type: string;
	pipe?: readonly { kind: string; type: string }[];
	default?: unknown;
	fallback?: unknown;
	options?: readonly unknown[];
	wrapped?: AnySchema;
	item?: AnySchema;
	entries?: Record<string, AnySchema>;
};

/** @returns the check, or null when the schema uses a kind this file does not compile. */
export function compileFastParse(schema: v.GenericSchema): FastParse | null {
	const check = compile(schema as AnySchema);
	return check && ((x) => (check(x) ? x : INVALID));
}

function compile(schema: AnySchema): Check | null {
	if (schema.fallback !== undefined) return null;
	const pipe = schema.pipe?.slice(1) ?? [];
	if (schema.type === 'number') {
		if (pipe.some((item) => item.type !== 'finite')) return null;
		return pipe.length > 0 ? (x) => typeof x === 'number' && Number.isFinite(x) : (x) => typeof x === 'number' && !Number.isNaN(x);
	}
	if (pipe.length > 0) return null;
	switch (schema.type) {
		case 'string':
			return (x) => typeof x === 'string';
		case 'boolean':
			return (x) => typeof x === 'boolean';
		case 'unknown':
			return () => true;
		case 'picklist': {
			const options = schema.options ?? [];
			return (x) => options.includes(x);
		}
		case 'optional':
		case 'nullable':
			return wrapper(schema);
		case 'union': {
			// valibot takes the first option that passes; as-is, any passing option will do.
			const options = (schema.options ?? []).map((o) => compile(o as AnySchema));
			if (options.some((o) => o === null)) return null;
			const checks = options as Check[];
			return (x) => checks.some((check) => check(x));
		}
		case 'array': {
			const item = schema.item && compile(schema.item);
			return item ? (x) => Array.isArray(x) && x.every(item) : null;
		}
		case 'loose_object':
			return looseObject(schema);
		default:
			return null;
	}
}

function wrapper(schema: AnySchema): Check | null {
	if (schema.default !== undefined || !schema.wrapped) return null;
	const inner = compile(schema.wrapped);
	if (!inner) return null;
	const empty = schema.type === 'optional' ? undefined : null;
	return (x) => x === empty || inner(x);
}

/** Own keys valibot never copies from an input (its `_isValidObjectKey`): such an input is not "as it is". */
const UNSAFE_KEYS = ['__proto__', 'prototype', 'constructor'];
const hasOwn = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

function looseObject(schema: AnySchema): Check | null {
	const keys: string[] = [];
	const checks: Check[] = [];
	const optional: boolean[] = [];
	for (const [key, entry] of Object.entries(schema.entries ?? {})) {
		const check = compile(entry);
		if (!check) return null;
		keys.push(key);
		checks.push(check);
		// Optional entries may be absent (none has a default: compile refused those).
		optional.push(entry.type === 'optional');
	}
	return (x) => {
		// valibot takes an array for a loose object too, and outputs a copy that is not an array.
		if (!x || typeof x !== 'object' || Array.isArray(x)) return false;
		const input = x as Record<string, unknown>;
		for (let i = 0; i < keys.length; i++) {
			const key = keys[i] as string;
			if (key in input ? !(checks[i] as Check)(input[key]) : !optional[i]) return false;
		}
		for (const key of UNSAFE_KEYS) if (hasOwn(input, key)) return false;
		return true;
	};
}
