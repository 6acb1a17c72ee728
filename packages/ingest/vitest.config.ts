import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts'],
		environment: 'node',
		// One ClickHouse server for the package's tests (test/global-setup.ts).
		globalSetup: ['./test/global-setup.ts'],
		fileParallelism: false,
		testTimeout: 600_000,
		hookTimeout: 120_000,
		env: { TZ: 'UTC' }
	}
});
