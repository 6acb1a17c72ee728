/**
 * A ClickHouse client over its HTTP interface (https://clickhouse.com/docs/en/interfaces/http),
 * DOM-free: `fetch` as Node ≥ 18 and browsers (workers included) have it. Queries go in the POST
 * body, never in the URL; the user and password go in an `Authorization: Basic` header only when
 * a password is set, so nothing secret is ever part of a URL the server or a proxy logs.
 *
 * Kept to what ClickHouse 18.16 (Debian 12's package) and current releases both accept: no query
 * parameters, no JSONExtract*, settings as URL parameters.
 */

export interface ClickHouseConfig {
	/** Base URL of the HTTP interface, e.g. `http://localhost:8123/`. */
	url: string;
	/** Database holding rtcscope's tables (created by the migrations). */
	database: string;
	user?: string;
	password?: string;
}

export const DEFAULT_DATABASE = 'rtcscope';

/** A ClickHouse error or an unreachable server, in a sentence a user can act on. */
export class ClickHouseError extends Error {
	constructor(
		message: string,
		/** HTTP status, or 0 when fetch itself failed (unreachable or refused by CORS). */
		readonly status: number
	) {
		super(message);
		this.name = 'ClickHouseError';
	}
}

/**
 * Settings sent with every request: 64-bit integers as JSON numbers (our times are < 2^53 ms),
 * and CORS headers on the answer (a user whose profile is readonly=1 can't set it: then the
 * server's profile must, or a proxy).
 */
const SETTINGS = 'output_format_json_quote_64bit_integers=0&add_http_cors_header=1';

/** Characters of a server error quoted in the message. */
const ERROR_QUOTE = 400;

export interface ClickHouseClient {
	readonly config: Readonly<ClickHouseConfig>;
	/** Runs a statement; resolves with the response text. @throws ClickHouseError */
	exec(sql: string, options?: { database?: boolean; signal?: AbortSignal }): Promise<string>;
	/** Runs a SELECT and parses its `FORMAT JSONEachRow` answer. @throws ClickHouseError */
	rows<T>(sql: string, signal?: AbortSignal): Promise<T[]>;
	/** `INSERT INTO table FORMAT JSONEachRow` of the rows, in one request. @throws ClickHouseError */
	insert(table: string, rows: readonly object[], signal?: AbortSignal): Promise<void>;
}

/** The Authorization header value, or null when no password is set (a CORS-simple request). */
function authorization(config: ClickHouseConfig): string | null {
	if (!config.password) return null;
	const raw = `${config.user || 'default'}:${config.password}`;
	const bytes = new TextEncoder().encode(raw);
	let bin = '';
	for (const b of bytes) bin += String.fromCharCode(b);
	return `Basic ${btoa(bin)}`;
}

function endpoint(config: ClickHouseConfig, withDatabase: boolean, extra = ''): string {
	const base = config.url.endsWith('/') ? config.url : `${config.url}/`;
	const db = withDatabase ? `&database=${encodeURIComponent(config.database)}` : '';
	// The user goes in the URL only without a password: a name is not a secret, and a
	// password-less request must stay CORS-simple (no Authorization header, no preflight).
	const user = !config.password && config.user ? `&user=${encodeURIComponent(config.user)}` : '';
	return `${base}?${SETTINGS}${db}${user}${extra}`;
}

/** @throws ClickHouseError when the URL is not http(s). */
export function createClickHouseClient(config: ClickHouseConfig): ClickHouseClient {
	let parsed: URL;
	try {
		parsed = new URL(config.url);
	} catch {
		throw new ClickHouseError(`“${config.url}” is not a URL: give the ClickHouse HTTP interface, e.g. http://localhost:8123/.`, 0);
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		throw new ClickHouseError('The ClickHouse URL must start with http:// or https://.', 0);
	}
	if (parsed.username || parsed.password) {
		throw new ClickHouseError('Put the user and password in their own fields, not in the URL: URLs end up in logs.', 0);
	}
	if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(config.database)) {
		throw new ClickHouseError(`“${config.database}” is not a database name ClickHouse accepts unquoted (letters, digits, _).`, 0);
	}
	const auth = authorization(config);

	async function post(url: string, body: string, signal?: AbortSignal): Promise<string> {
		const headers: Record<string, string> = { 'Content-Type': 'text/plain;charset=UTF-8' };
		if (auth) headers.Authorization = auth;
		let res: Response;
		try {
			res = await fetch(url, { method: 'POST', body, headers, signal, credentials: 'omit' });
		} catch (e) {
			if (signal?.aborted) throw e;
			throw new ClickHouseError(unreachable(config), 0);
		}
		const text = await res.text();
		if (!res.ok) throw new ClickHouseError(serverError(res.status, text), res.status);
		return text;
	}

	return {
		config,
		exec(sql, options = {}) {
			return post(endpoint(config, options.database ?? true), sql, options.signal);
		},
		async rows<T>(sql: string, signal?: AbortSignal): Promise<T[]> {
			const text = await post(endpoint(config, true), `${sql}\nFORMAT JSONEachRow`, signal);
			const out: T[] = [];
			for (const line of text.split('\n')) if (line) out.push(JSON.parse(line) as T);
			return out;
		},
		async insert(table, rows, signal) {
			if (rows.length === 0) return;
			const query = encodeURIComponent(`INSERT INTO ${table} FORMAT JSONEachRow`);
			const body = rows.map((r) => JSON.stringify(r)).join('\n');
			// Into a Distributed table (a cluster's schema), the INSERT returns once every shard
			// has its rows, not when they are queued: a finished run is then readable everywhere.
			await post(endpoint(config, true, `&query=${query}&insert_distributed_sync=1`), body, signal);
		}
	};
}

function unreachable(config: ClickHouseConfig): string {
	const auth = config.password
		? ' With a password the browser first sends a CORS preflight (OPTIONS), which ClickHouse 18.16 does not answer: put a reverse proxy in front that answers it and adds “Access-Control-Allow-Headers: Authorization”.'
		: '';
	return `Could not read ClickHouse at ${config.url}: it is unreachable, or its answer had no CORS headers. Start it with add_http_cors_header=1 (a profile setting), or serve it behind a reverse proxy that adds “Access-Control-Allow-Origin”.${auth}`;
}

function serverError(status: number, text: string): string {
	const quote = text.trim().slice(0, ERROR_QUOTE);
	if (status === 401 || status === 403 || /Authentication failed|password is incorrect/i.test(text)) {
		return `ClickHouse refused the user or password (HTTP ${status}).`;
	}
	return `ClickHouse answered HTTP ${status}: ${quote}`;
}

/** A ClickHouse string literal (backslash and quote escaped): the only way text enters our SQL. */
export function sqlString(value: string): string {
	return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\0/g, '\\0')}'`;
}

/** A number literal (exact: JavaScript's shortest round-trip form); @throws Error for NaN or ±Infinity. */
export function sqlNumber(value: number): string {
	if (!Number.isFinite(value)) throw new Error(`Not a finite number for SQL: ${value}`);
	return String(value);
}
