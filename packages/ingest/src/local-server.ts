import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

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

interface Ports {
	http: number;
	tcp: number;
	inter: number;
}

const freePorts = async (): Promise<Ports> => ({ http: await freePort(), tcp: await freePort(), inter: await freePort() });

function binary(): string {
	const path = existsSync(CLICKHOUSE_SERVER) ? CLICKHOUSE_SERVER : '/usr/bin/clickhouse-server';
	if (!existsSync(path) || !existsSync(CONFIG)) {
		throw new Error(`ClickHouse is not installed (${CLICKHOUSE_SERVER}, ${CONFIG}): apt-get install clickhouse-server, as .ci/run does, or set CLICKHOUSE_TEST_URL.`);
	}
	return path;
}

/** Stops a server process (SIGTERM, SIGKILL after 10 s) and removes its temp folder. */
async function stopChild(child: ChildProcess, exited: () => boolean, dir: string): Promise<void> {
	if (!exited()) {
		const gone = new Promise((r) => child.once('exit', r));
		child.kill('SIGTERM');
		await Promise.race([gone, new Promise((r) => setTimeout(r, 10_000))]);
		if (!exited()) child.kill('SIGKILL');
	}
	rmSync(dir, { recursive: true, force: true });
}

/** Starts one server on its data folder and ports; resolves once `/ping` answers. */
async function spawnServer(configFile: string, dir: string, ports: Ports): Promise<RunningClickHouse> {
	mkdirSync(dir, { recursive: true });
	const child: ChildProcess = spawn(
		binary(),
		[
			`--config-file=${configFile}`,
			'--',
			`--path=${dir}/`,
			`--tmp_path=${dir}/tmp/`,
			`--user_files_path=${dir}/user_files/`,
			`--format_schema_path=${dir}/format_schemas/`,
			`--http_port=${ports.http}`,
			`--tcp_port=${ports.tcp}`,
			`--interserver_http_port=${ports.inter}`,
			'--listen_host=127.0.0.1',
			`--logger.log=${dir}/server.log`,
			`--logger.errorlog=${dir}/error.log`,
			'--logger.level=warning'
		],
		{ stdio: 'ignore', detached: false }
	);
	let exited = false;
	child.once('exit', () => (exited = true));
	const url = `http://127.0.0.1:${ports.http}/`;
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
		stop: () => stopChild(child, () => exited, dir)
	};
}

/**
 * Starts a throwaway ClickHouse server (for tests, the e2e run and the bench) (its data in a temp folder, on free ports), without
 * systemd, as the README says; resolves once `/ping` answers.
 * @throws Error when the binary is missing or the server does not answer within 60 s
 */
export async function startClickHouse(): Promise<RunningClickHouse> {
	binary();
	return spawnServer(CONFIG, mkdtempSync(join(tmpdir(), 'rtcscope-ch-')), await freePorts());
}

export interface RunningCluster {
	/** The cluster's name in every server's `remote_servers`. */
	name: string;
	/** One HTTP URL per shard, in shard order. */
	urls: string[];
	stop(): Promise<void>;
}

/**
 * Starts `shards` throwaway servers on this machine that form one cluster named `name` (one
 * replica per shard, talking over their TCP ports): Debian's config and users, plus a
 * `config.d/` file that adds the cluster to `remote_servers`. Without `zookeeperPort`
 * `ON CLUSTER` DDL is not available, so the schema goes on each server in turn (layout
 * `ddl: 'this-server'`); with one ({@link startZooKeeper}) the servers run distributed DDL.
 * @throws Error as startClickHouse
 */
export async function startClickHouseCluster(name: string, shards: number, options: { zookeeperPort?: number } = {}): Promise<RunningCluster> {
	binary();
	const root = mkdtempSync(join(tmpdir(), 'rtcscope-chc-'));
	const configFile = join(root, 'config', 'config.xml');
	mkdirSync(join(root, 'config', 'config.d'), { recursive: true });
	copyFileSync(CONFIG, configFile);
	copyFileSync(join(dirname(CONFIG), 'users.xml'), join(root, 'config', 'users.xml'));
	const ports: Ports[] = [];
	for (let i = 0; i < shards; i++) ports.push(await freePorts());
	const shardXml = ports.map((p) => `<shard><replica><host>127.0.0.1</host><port>${p.tcp}</port></replica></shard>`).join('');
	const keeper = options.zookeeperPort ? `<zookeeper><node><host>127.0.0.1</host><port>${options.zookeeperPort}</port></node></zookeeper>` : '';
	writeFileSync(join(root, 'config', 'config.d', 'cluster.xml'), `<yandex><remote_servers><${name}>${shardXml}</${name}></remote_servers>${keeper}</yandex>\n`);
	const servers: RunningClickHouse[] = [];
	try {
		for (const [i, p] of ports.entries()) servers.push(await spawnServer(configFile, join(root, `shard${i + 1}`), p));
	} catch (e) {
		await Promise.all(servers.map((s) => s.stop()));
		throw e;
	}
	return {
		name,
		urls: servers.map((s) => s.url),
		async stop() {
			await Promise.all(servers.map((s) => s.stop()));
			rmSync(root, { recursive: true, force: true });
		}
	};
}

/** Debian's ZooKeeper package (its jars; .ci/run installs it for the ON CLUSTER test). */
const ZOOKEEPER_JARS = '/usr/share/java';
const ZOOKEEPER_CONF = '/etc/zookeeper/conf';

export interface RunningZooKeeper {
	port: number;
	stop(): Promise<void>;
}

/**
 * Starts a throwaway standalone ZooKeeper (Debian's `zookeeper` package, run with `java`, no
 * service) on a free port and a temp folder: the coordination ClickHouse's `ON CLUSTER` DDL
 * needs. Resolves once it accepts connections and answers `srvr`.
 * @throws Error when the package or java is missing, or it does not answer within 60 s
 */
export async function startZooKeeper(): Promise<RunningZooKeeper> {
	if (!existsSync(join(ZOOKEEPER_JARS, 'zookeeper.jar')) || !existsSync(ZOOKEEPER_CONF)) {
		throw new Error(`ZooKeeper is not installed (${ZOOKEEPER_JARS}/zookeeper.jar): apt-get install zookeeper, as .ci/run does.`);
	}
	const dir = mkdtempSync(join(tmpdir(), 'rtcscope-zk-'));
	const port = await freePort();
	writeFileSync(join(dir, 'zoo.cfg'), `tickTime=2000\ndataDir=${dir}/data\nclientPort=${port}\nclientPortAddress=127.0.0.1\nadmin.enableServer=false\n4lw.commands.whitelist=srvr\n`);
	const child = spawn('java', ['-cp', `${ZOOKEEPER_JARS}/*:${ZOOKEEPER_CONF}`, 'org.apache.zookeeper.server.quorum.QuorumPeerMain', join(dir, 'zoo.cfg')], { stdio: 'ignore', env: { ...process.env, ZOO_LOG_DIR: dir } });
	let exited = false;
	child.once('exit', () => (exited = true));
	child.once('error', () => (exited = true));
	const deadline = Date.now() + 60_000;
	while (!(await answers(port))) {
		if (exited) throw new Error('ZooKeeper exited at start (is java installed?).');
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`ZooKeeper did not answer on port ${port} within 60 s.`);
		}
		await new Promise((r) => setTimeout(r, 300));
	}
	return {
		port,
		stop: () => stopChild(child, () => exited, dir)
	};
}

/** Whether a ZooKeeper on `port` answers the `srvr` four-letter command. */
async function answers(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1');
		let text = '';
		socket.setTimeout(2_000, () => socket.destroy());
		socket.once('connect', () => socket.write('srvr'));
		socket.on('data', (d: Buffer) => (text += d.toString()));
		socket.once('close', () => resolve(/Zookeeper version/i.test(text)));
		socket.once('error', () => resolve(false));
	});
}
