import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's package (18.16 on Debian 12); .ci/run installs it. */
export const CLICKHOUSE_SERVER = '/usr/sbin/clickhouse-server';
const CONFIG = '/etc/clickhouse-server/config.xml';

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = createServer();
		s.once('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const address = s.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			s.close(() => resolve(port));
		});
	});
}

export interface RunningClickHouse {
	url: string;
	stop(): Promise<void>;
}

/**
 * Starts a throwaway ClickHouse server (for tests, the e2e run and the bench) (its data in a temp folder, on free ports), without
 * systemd, as the README says; resolves once `/ping` answers.
 * @throws Error when the binary is missing or the server does not answer within 60 s
 */
export async function startClickHouse(): Promise<RunningClickHouse> {
	const binary = existsSync(CLICKHOUSE_SERVER) ? CLICKHOUSE_SERVER : '/usr/bin/clickhouse-server';
	if (!existsSync(binary) || !existsSync(CONFIG)) {
		throw new Error(`ClickHouse is not installed (${CLICKHOUSE_SERVER}, ${CONFIG}): apt-get install clickhouse-server, as .ci/run does, or set CLICKHOUSE_TEST_URL.`);
	}
	const dir = mkdtempSync(join(tmpdir(), 'rtcscope-ch-'));
	const [http, tcp, inter] = [await freePort(), await freePort(), await freePort()];
	const child: ChildProcess = spawn(
		binary,
		[
			`--config-file=${CONFIG}`,
			'--',
			`--path=${dir}/`,
			`--tmp_path=${dir}/tmp/`,
			`--user_files_path=${dir}/user_files/`,
			`--format_schema_path=${dir}/format_schemas/`,
			`--http_port=${http}`,
			`--tcp_port=${tcp}`,
			`--interserver_http_port=${inter}`,
			'--listen_host=127.0.0.1',
			`--logger.log=${dir}/server.log`,
			`--logger.errorlog=${dir}/error.log`,
			'--logger.level=warning'
		],
		{ stdio: 'ignore', detached: false }
	);
	let exited = false;
	child.once('exit', () => (exited = true));
	const url = `http://127.0.0.1:${http}/`;
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (exited) throw new Error(`clickhouse-server exited at start; see ${dir}/error.log`);
		const ok = await fetch(`${url}ping`).then((r) => r.ok, () => false);
		if (ok) break;
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`clickhouse-server did not answer on ${url} within 60 s; see ${dir}/error.log`);
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	return {
		url,
		async stop() {
			if (!exited) {
				const gone = new Promise((r) => child.once('exit', r));
				child.kill('SIGTERM');
				await Promise.race([gone, new Promise((r) => setTimeout(r, 10_000))]);
				if (!exited) child.kill('SIGKILL');
			}
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
