import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['src/**/*.test.ts'],
		environment: 'node',
		setupFiles: ['./src/test-support/setup.ts'],
		// Dates in fixtures are UTC; a developer's local zone must not change a result.
		env: { TZ: 'UTC' }
	}
});
