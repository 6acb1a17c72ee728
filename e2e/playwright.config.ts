import { defineConfig } from '@playwright/test';
import { BASE_PATH, CHROMIUM_ARGS, CHROMIUM_PATH, MOCK_FEEDS_PORT, PORT } from './support/env';

/**
 * End-to-end tests against the built static site, served under a sub-path the way a team hosts
 * it for support staff. Debian's Chromium only: no browser is ever downloaded.
 */
export default defineConfig({
	testDir: './tests',
	outputDir: './test-results',
	timeout: 60_000,
	expect: { timeout: 15_000 },
	fullyParallel: true,
	workers: 2,
	retries: 0,
	reporter: [['list']],
	use: {
		baseURL: `http://127.0.0.1:${PORT}${BASE_PATH}/`,
		viewport: { width: 1400, height: 1000 },
		screenshot: 'only-on-failure',
		trace: 'off',
		timezoneId: 'UTC',
		launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }
	},
	webServer: [
		{
			command: `node ../apps/web/scripts/serve.js --port ${PORT} --base ${BASE_PATH}`,
			url: `http://127.0.0.1:${PORT}${BASE_PATH}/`,
			reuseExistingServer: false,
			timeout: 30_000
		},
		{
			// Livepeer, OpenVidu REST and CDR-over-HTTP look-alikes for the live-feed tests.
			command: `node mock-feeds/server.mjs ${MOCK_FEEDS_PORT}`,
			url: `http://127.0.0.1:${MOCK_FEEDS_PORT}/`,
			reuseExistingServer: false,
			timeout: 10_000
		}
	]
});
