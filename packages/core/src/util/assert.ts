/** Exhaustiveness check for switches over unions that will grow (formats, phases, statuses). */
export function assertNever(value: never, what = 'value'): never {
	throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
