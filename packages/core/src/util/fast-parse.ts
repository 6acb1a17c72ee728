import type * as v from 'valibot';

/**
 * A fast path for `v.safeParse`, compiled from the same valibot schema (there is one definition
 * of each shape; this only runs it differently). For the schema kinds the formats use, the
 * compiled check accepts exactly the inputs valibot accepts without issues, and returns the input
 * itself, checked in place: equal to valibot's output (the same keys and values), but with the
 * input's key order where valibot puts declared keys first. Nothing downstream reads a payload's
 * key order (openvidu-cdr/map.ts reads fields by name and keeps the undeclared ones in input
 * order, as valibot does). An input valibot would change (an own `__proto__`, `constructor` or
 * `prototype` key, which valibot drops; an array where an object is declared) is not accepted. Whatever it does not accept it answers
 * with {@link INVALID}, and the caller asks valibot, which says why.
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
	return compile(schema as AnySchema);
}

function compile(schema: AnySchema): FastParse | null {
	if (schema.fallback !== undefined) return null;
	const pipe = schema.pipe?.slice(1) ?? [];
	if (schema.type === 'number') {
		if (pipe.some((item) => item.type !== 'finite')) return null;
		return pipe.length > 0
			? (x) => (typeof x === 'number' && Number.isFinite(x) ? x : INVALID)
			: (x) => (typeof x === 'number' && !Number.isNaN(x) ? x : INVALID);
	}
	if (pipe.length > 0) return null;
	switch (schema.type) {
		case 'string':
			return (x) => (typeof x === 'string' ? x : INVALID);
		case 'boolean':
			return (x) => (typeof x === 'boolean' ? x : INVALID);
		case 'unknown':
			return (x) => x;
		case 'picklist': {
			const options = schema.options ?? [];
			return (x) => (options.includes(x) ? x : INVALID);
		}
		case 'optional':
		case 'nullable':
			return wrapper(schema);
		case 'union':
			return union(schema);
		case 'array': {
			const item = schema.item && compile(schema.item);
			if (!item) return null;
			return (x) => {
				if (!Array.isArray(x)) return INVALID;
				for (const one of x) if (item(one) === INVALID) return INVALID;
				return x;
			};
		}
		case 'loose_object':
			return looseObject(schema);
		default:
			return null;
	}
}

function wrapper(schema: AnySchema): FastParse | null {
	if (schema.default !== undefined || !schema.wrapped) return null;
	const inner = compile(schema.wrapped);
	if (!inner) return null;
	const empty = schema.type === 'optional' ? undefined : null;
	return (x) => (x === empty ? x : inner(x));
}

function union(schema: AnySchema): FastParse | null {
	const options = (schema.options ?? []).map((o) => compile(o as AnySchema));
	if (options.some((o) => o === null)) return null;
	const checks = options as FastParse[];
	// valibot returns the first option that passes without issues.
	return (x) => {
		for (const check of checks) {
			const value = check(x);
			if (value !== INVALID) return value;
		}
		return INVALID;
	};
}

/** Own keys valibot never copies from an input (its `_isValidObjectKey`): such an input is not "as it is". */
const UNSAFE_KEYS = ['__proto__', 'prototype', 'constructor'];
const hasOwn = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

function looseObject(schema: AnySchema): FastParse | null {
	const keys: string[] = [];
	const checks: FastParse[] = [];
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
		if (!x || typeof x !== 'object' || Array.isArray(x)) return INVALID;
		const input = x as Record<string, unknown>;
		for (let i = 0; i < keys.length; i++) {
			const key = keys[i] as string;
			if (key in input) {
				if ((checks[i] as FastParse)(input[key]) === INVALID) return INVALID;
			} else if (!optional[i]) return INVALID;
		}
		for (const key of UNSAFE_KEYS) if (hasOwn(input, key)) return INVALID;
		return input;
	};
}
