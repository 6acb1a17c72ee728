/**
 * ClickHouse as the shared fleet store (issue 16): the HTTP client, the schema and its
 * migrations (one server or a cluster), the room rows the ingest command writes, and the reads
 * the views make.
 */
export * from './http.js';
export * from './schema.js';
export * from './migrate.js';
export * from './room-row.js';
export * from './rollup-sql.js';
export * from './realtime-sql.js';
export * from './diagnostics-sql.js';
export * from './window-sql.js';
export * from './source.js';
export * from './sessions.js';
export * from './fleet-api.js';
