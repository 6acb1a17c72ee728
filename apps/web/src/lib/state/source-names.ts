import { getContext, setContext } from 'svelte';

/**
 * Names of the imported files, so any figure can point at "file:line" (DESIGN.md: every record
 * traces back to its source line). Set by a page, read by the components under it.
 */
const KEY = Symbol('source-names');

export type SourceName = (importId: string) => string;

export function provideSourceNames(names: () => ReadonlyMap<string, string>): void {
	setContext<SourceName>(KEY, (id) => names().get(id) ?? `import ${id.slice(0, 8)}`);
}

export function useSourceName(): SourceName {
	return getContext<SourceName | undefined>(KEY) ?? ((id) => `import ${id.slice(0, 8)}`);
}
