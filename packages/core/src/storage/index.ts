export { DB_NAME, openDb, RtcscopeDb, TABLES } from './db.js';
export * from './queries.js';
export { parseScope, type ParsedScope } from './scopes.js';
export { deleteEverything, deleteImport } from './writer.js';
// The app observes the store through Dexie's liveQuery (it also sees the worker's writes).
export { liveQuery } from 'dexie';
export * from './quality.js';
export {
	factRooms,
	fleetExtent,
	listFleetApps,
	loadFleetDays,
	loadRoomFacts,
	readImportApps,
	sessionApp
} from './fleet.js';
export * from './recordings.js';
export * from './cases.js';
export { exportBundle, RTCSCOPE_VERSION, type BundleOptions, type BundleSelection } from './bundle.js';
export { BlockCache } from './blocks.js';
export {
	listLivepeerStreams,
	loadLivepeerEvents,
	loadStreamHealthEvents,
	loadHealthSnapshots,
	loadStreamHealth,
	type StreamHealthData,
	type LivepeerStreamSummary
} from './livepeer.js';
export { listPcDetails, loadStatsObject, loadStatsObjects } from './pc-details.js';
