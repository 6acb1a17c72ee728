// The architecture's boundaries, enforced (STYLE.md habit 1): the app reaches IndexedDB only
// through @rtcscope/core/storage and never parses input itself; core knows nothing of the UI.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

const appBoundaries = {
	'no-restricted-imports': [
		'error',
		{
			paths: [
				{ name: 'dexie', message: 'The app reads the store through @rtcscope/core/storage.' },
				{ name: 'fflate', message: 'Decoding input belongs to packages/core (it runs in the worker).' },
				{ name: 'valibot', message: 'Validating input belongs to packages/core (it runs in the worker).' }
			],
			patterns: [
				{
					group: ['@rtcscope/core/src/*', '**/packages/core/src/**'],
					message: 'Import core through its package exports.'
				}
			]
		}
	],
	'svelte/no-at-html-tags': 'error',
	// Links are built from `base` (relative paths) with query-string state; resolve() adds nothing.
	'svelte/no-navigation-without-resolve': 'off'
};

export default ts.config(
	{
		ignores: ['**/node_modules/', '**/build/', '**/.svelte-kit/', '**/test-results/', 'bench/out/', '**/.probe/']
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			'@typescript-eslint/no-non-null-assertion': 'off'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } }
	},
	{
		files: ['apps/web/src/**/*.{ts,svelte}'],
		rules: appBoundaries
	},
	{
		files: ['packages/core/src/**/*.ts'],
		languageOptions: { globals: { ...globals.worker } },
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{ group: ['svelte', 'svelte/*', '$app/*', '$lib/*', 'uplot'], message: 'Core knows nothing of the UI.' }
					]
				}
			]
		}
	}
);
