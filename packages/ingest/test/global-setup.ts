import type { TestProject } from 'vitest/node';
import { startClickHouse, type RunningClickHouse } from '../src/local-server.js';

declare module 'vitest' {
	export interface ProvidedContext {
		clickhouseUrl: string;
	}
}

let server: RunningClickHouse | null = null;

/** One server for the package's tests; CLICKHOUSE_TEST_URL points them at one already running. */
export async function setup(project: TestProject): Promise<void> {
	const given = process.env.CLICKHOUSE_TEST_URL;
	if (given) {
		project.provide('clickhouseUrl', given);
		return;
	}
	server = await startClickHouse();
	project.provide('clickhouseUrl', server.url);
}

export async function teardown(): Promise<void> {
	await server?.stop();
}
